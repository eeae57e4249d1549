from .base import *  # noqa: F403
from .base import env_bool, env_list, env_str, storages_from_env

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "dev-only-secret-key-not-for-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Serve static files straight from the source folders, without collectstatic.
STORAGES = storages_from_env("django.contrib.staticfiles.storage.StaticFilesStorage")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
