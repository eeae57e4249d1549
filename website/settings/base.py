"""Settings for every environment, safe for production by default: DEBUG off, secrets and host
names from the environment. dev.py and test.py relax them; production.py hardens them."""

from datetime import timedelta
from pathlib import Path

import dj_database_url

from .env import (
    cache_from_url,
    env_admins,
    env_bool,
    env_int,
    env_list,
    env_origins,
    env_str,
    frontend_cache_from_env,
    page_cache,
    page_cache_version,
    ratelimit_cache,
    storages_from_env,
)

BASE_DIR = Path(__file__).resolve().parents[2]

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Our apps from the top of the dependency order down (docs/architecture.md, "Layers").
INSTALLED_APPS = [
    "website",
    "api",
    "events",
    "manifest",
    "campuses",
    "partners",
    "monitor",
    "alerts",
    "core",
    "search",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "campuses.apps.UsersConfig",  # Wagtail's user admin with coordinated campuses
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Admin hardening: see "Admin hardening and CSP" below.
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After static files, before sessions: a cached page costs no session or user look-up, the
    # Host is checked first, and every cookie set below is seen on the way out. Before the
    # policies: their headers are stored with the page (they are the same for every public
    # page), so a hit does not build them again.
    "core.pagecache.PageCacheMiddleware",
    "website.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "website.middleware.PublicRequestSizeLimitMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "website.middleware.AdminSessionIdleMiddleware",
    "website.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "website.middleware.ErrorPageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "website.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "website.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run beside one writer; IMMEDIATE transactions plus a busy timeout make
    # concurrent writers queue instead of failing with "database is locked". Connections are
    # kept between requests, as on PostgreSQL: an idle one holds no lock and no snapshot, and a
    # kept one has read the schema and keeps its page cache (pages rendered afresh 20-60%
    # faster, docs/performance.md).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": cache_from_url(env_str("CACHE_URL", env_str("REDIS_URL", "locmem://")))}

CACHES["ratelimit"] = ratelimit_cache(CACHES["default"])

# Page cache: see docs/architecture.md, "Page cache".
CACHES.update(page_cache(CACHES["default"]))
CACHES["pagecache_version"] = page_cache_version(CACHES["default"], BASE_DIR)
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "pagecache"
PAGE_CACHE_LOCAL_ALIAS = "pagecache_local"
PAGE_CACHE_VERSION_ALIAS = "pagecache_version"
# Saving a model of these apps replaces the content version; alerts, logins, sessions do not.
PAGE_CACHE_CONTENT_APPS = {
    "website",
    "api",
    "events",
    "manifest",
    "campuses",
    "partners",
    "monitor",
    "core",
}
# The most a page is kept (time-bound content expires earlier), and what browsers and a CDN in
# front may keep without asking (a CDN is purged through WAGTAILFRONTENDCACHE).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_BROWSER_SECONDS = env_int("PAGE_CACHE_BROWSER_SECONDS", 30)
PAGE_CACHE_SHARED_SECONDS = env_int("PAGE_CACHE_SHARED_SECONDS", 120)
PAGE_CACHE_STALE_SECONDS = env_int("PAGE_CACHE_STALE_SECONDS", 30)
# How long a page's last copy is kept to be served when rendering it fails (database down).
PAGE_CACHE_STALE_IF_ERROR_SECONDS = env_int("PAGE_CACHE_STALE_IF_ERROR_SECONDS", 24 * 3600)
# Wagtail pages and our public views; never the admin, the API, /health/ or documents.
PAGE_CACHE_URL_NAMES = {
    "wagtail_serve",
    "search",
    "calendar_file",
    "sitemap",
    "manifest:initiative_list",
    "manifest:initiative_detail",
}
# The public query parameters: a request with any other is answered but not stored, so
# invented parameters cannot multiply cache entries.
PAGE_CACHE_QUERY_PARAMETERS = {
    "q",
    "pagina",
    "sortering",
    "weergave",
    "maand",
    "soort",
    "regio",
    "sector",
    "niveau",
    "campus",
    "ondertekenaar",
    "actie",
    "thema",
    "doelgroep",
    "vanaf",
    "tot",
    "plaats",
    "afstand",
    "met",  # the labour-market monitor's comparison: regio=...&met=...
}
WAGTAILFRONTENDCACHE = frontend_cache_from_env()
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "core.passwords.CommonDutchPasswordValidator"},
    {"NAME": "core.passwords.CharacterVarietyValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
# Dates in the admin are typed and shown the Dutch way, 10-02-2027 (Django's Dutch input
# formats read 1-2-2027 and 2027-02-10 as well). The date pickers use these formats; with
# Wagtail's default, 2027-02-10, a picker could not read a Dutch date and put today's in its
# place (static/js/admin-dates.js keeps pickers from replacing what they cannot read).
WAGTAIL_DATE_FORMAT = "%d-%m-%Y"
WAGTAIL_DATETIME_FORMAT = "%d-%m-%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"
# An admin user who chose English reads those dates too (website/formats/en/formats.py).
FORMAT_MODULE_PATH = ["website.formats"]
# Everyone in the admin works in Dutch time. Wagtail's default offers every zone Python knows,
# including Debian's "localtime", which no browser accepts: the account page broke on it.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
# Corrections to Wagtail's Dutch admin texts.
LOCALE_PATHS = [BASE_DIR / "locale"]

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = env_str("MEDIA_ROOT", str(BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = storages_from_env("whitenoise.storage.CompressedManifestStaticFilesStorage")
if STORAGES["default"]["BACKEND"] != "django.core.files.storage.FileSystemStorage":
    # In a bucket documents are private: Wagtail's view streams them after checking the
    # collection's privacy, instead of redirecting to the object.
    WAGTAILDOCS_SERVE_METHOD = "serve_view"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Werken & Ontwikkelen 2030 <noreply@example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Werken & Ontwikkelen 2030 Noord-Holland"
WAGTAILADMIN_BASE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_PERMITTED_LANGUAGES = [("nl", "Nederlands"), ("en", "English")]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
# No third-party calls from the admin: gravatar.com would get a hash of staff e-mail addresses
# on every page, and wagtail.org a release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# On PostgreSQL the full text is stemmed as Dutch ("opleidingen" finds "opleiding"); SQLite's
# FTS5 and Elasticsearch's own analyser ignore this option.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "dutch"}
}
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")

# Set by `make run` for the admin account it creates; read by ensure_admin only.
ADMIN_PASSWORD = env_str("ADMIN_PASSWORD")

# Django's defaults already deny framing, content sniffing and cross-origin openers.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

# Public uploads (signatory logos) and Wagtail's own image uploads: content-checked formats
# only, 5 MB and 25 megapixels at most, so a decompression bomb is refused from its header.
WAGTAILIMAGES_EXTENSIONS = ["png", "jpg", "jpeg", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 25_000_000
# Wagtail's image form, refusing a damaged file (core/image_forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "core.image_forms.ImageForm"
# A logo that signers send in needs far fewer: decoding one costs memory per pixel.
LOGO_MAX_PIXELS = env_int("LOGO_MAX_PIXELS", 2000 * 2000)
# Requests larger than this are refused before their body is read (413).
PUBLIC_FORM_MAX_REQUEST_BYTES = 6 * 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o640

# How many reverse proxies in front of the app add to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
SIGNATURE_SUBMISSIONS_PER_HOUR = env_int("SIGNATURE_SUBMISSIONS_PER_HOUR", 5)
# A teacher may register several classes for several events in one sitting.
EVENT_REGISTRATIONS_PER_HOUR = env_int("EVENT_REGISTRATIONS_PER_HOUR", 20)
# A registration whose e-mail address is not confirmed within this many hours expires; until
# confirmed it takes no place.
EVENT_REGISTRATION_CONFIRM_HOURS = env_int("EVENT_REGISTRATION_CONFIRM_HOURS", 24)
# Requests to the open data (api/) per client IP per minute; then a 429 with Retry-After.
API_REQUESTS_PER_MINUTE = env_int("API_REQUESTS_PER_MINUTE", 120)
# Whole lists as CSV cost far more than a page of JSON: a stricter limit of their own.
API_EXPORTS_PER_MINUTE = env_int("API_EXPORTS_PER_MINUTE", 10)
# The licence of the open data, named on the Open data page, in the index and in OpenAPI: the
# province decides it (public domain, CC0, unless it chooses otherwise).
OPEN_DATA_LICENSE_NAME = env_str("OPEN_DATA_LICENSE_NAME", "CC0 1.0 Universeel")
OPEN_DATA_LICENSE_URL = env_str(
    "OPEN_DATA_LICENSE_URL", "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"
)

# What one remote campus calendar may cost at most; beyond a limit the import changes nothing.
CALENDAR_IMPORT_LIMITS = {
    "max_bytes": 2 * 1024 * 1024,
    "connect_timeout": 5,  # seconds
    "read_timeout": 10,  # seconds without a byte
    "total_seconds": 30,  # for the whole download, and again for reading it
    "max_lines": 50_000,  # content lines: what parsing may cost in time and memory
    "max_events": 2000,  # VEVENTs in one file, past ones and recurrence overrides included
    "max_sessions": 2000,  # dates over all events, after expanding recurrence rules
    "max_occurrences": 100,  # dates of one recurring event
    "horizon_days": 366,  # recurrences are expanded up to this far ahead
}
# Off: a calendar address must not reach the internal network (loopback, private, link-local).
CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES = env_bool("CALENDAR_IMPORT_ALLOW_PRIVATE_ADDRESSES", False)

# Figures for Arbeidsmarkt in cijfers: a CSV file an editor uploads is refused above this size.
MONITOR_IMPORT_MAX_BYTES = env_int("MONITOR_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# CBS open data (StatLine's OData API, v3): `import_cbs` reads <URL>/<table>/TypedDataSet and the
# table's RegioS and Perioden within these limits, as the calendar import does.
CBS_ODATA_URL = env_str("CBS_ODATA_URL", "https://opendata.cbs.nl/ODataApi/odata")
# The tables the monthly job reads (monitor/cbs.py names those it can map); empty: none.
CBS_IMPORT_TABLES = env_list("CBS_IMPORT_TABLES", "85542NED")
CBS_IMPORT_LIMITS = {
    "max_bytes": 20 * 1024 * 1024,  # per answer
    "connect_timeout": 5,  # seconds
    "read_timeout": 20,  # seconds without a byte
    "total_seconds": 120,  # for all answers of one table together
    "max_pages": 10,  # answers of one table: CBS sends at most 10,000 rows per answer
}
CBS_IMPORT_ALLOW_PRIVATE_ADDRESSES = env_bool("CBS_IMPORT_ALLOW_PRIVATE_ADDRESSES", False)

ALERT_SUBSCRIPTIONS_PER_HOUR = env_int("ALERT_SUBSCRIPTIONS_PER_HOUR", 10)
# E-mails that forms (alerts, signing, registration, the admin's password reset) send to one
# address per hour, whichever clients ask; beyond it the form answers as always, unsent.
MAILS_PER_RECIPIENT_PER_HOUR = env_int("MAILS_PER_RECIPIENT_PER_HOUR", 3)
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.mail.CappedPasswordResetForm"  # noqa: S105 - a class

# Published in /.well-known/security.txt (RFC 9116).
SECURITY_CONTACT = env_str("SECURITY_CONTACT", "mailto:security@noord-holland.nl")

# --- Admin hardening and CSP (README, "Security")
# Lock-out after failed logins per user name and address, or per address for any names
# (website.login_attempts). A successful login does not forgive earlier failures, so an
# attacker cannot reset the count by logging in to an account of their own between guesses.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "website.login_attempts.LoginAttemptHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_IP_FAILURE_LIMIT = env_int("AXES_IP_FAILURE_LIMIT", 20)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = False
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_ip"
AXES_LOCKOUT_CALLABLE = "website.login_attempts.locked_out"
AXES_VERBOSE = False
# Successful logins are not logged: staff IP addresses are personal data we have no use for.
AXES_DISABLE_ACCESS_LOG = True

# Tries at the password of a private page per client address per hour, right or wrong: a
# correct password opens the page for the rest of the session.
PAGE_PASSWORD_ATTEMPTS_PER_HOUR = env_int("PAGE_PASSWORD_ATTEMPTS_PER_HOUR", 20)

# With REQUIRE_2FA (on in production) superusers and these groups need a second factor; every
# role publishes, reaches personal data or changes where mail goes, so by default all of them.
REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
TWO_FACTOR_REQUIRED_GROUPS = env_list(
    "TWO_FACTOR_REQUIRED_GROUPS", "Redacteur,Moderator,Campuscoördinator"
)
OTP_TOTP_ISSUER = WAGTAIL_SITE_NAME

ADMIN_SESSION_IDLE_MINUTES = env_int("ADMIN_SESSION_IDLE_MINUTES", 30)

# Public pages: only our own files, no inline code and no nonce, so a page stays valid when the
# page cache replays it. The admin gets its own policy: Wagtail's templates use inline code.
VIDEO_FRAME_SOURCES = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": VIDEO_FRAME_SOURCES,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Every public page refuses to be framed (frame-ancestors 'none', X-Frame-Options DENY), except
# the signatory wall's embed page, which these origins may frame (the province's project page).
WALL_EMBED_ORIGINS = env_origins("WALL_EMBED_ORIGINS", "https://www.noord-holland.nl")
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": CONTENT_SECURITY_POLICY["DIRECTIVES"]
    | {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "frame-src": ["'self'", *VIDEO_FRAME_SOURCES],
        "media-src": ["'self'", "blob:"],
        # The page preview shows the site inside the admin.
        "frame-ancestors": ["'self'"],
    }
}
# Browser features the site never uses, switched off for every page and any embedded frame
# (the video players keep fullscreen and autoplay after a click).
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": ["self", *VIDEO_FRAME_SOURCES],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self", *VIDEO_FRAME_SOURCES],
    "geolocation": [],
    "gyroscope": [],
    "hid": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "screen-wake-lock": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per background task is noise; failures are still logged as errors.
        "django_tasks": {"level": "WARNING"},
        # Wagtail logs every page save at INFO; the admin's own history already records them.
        "wagtail": {"level": "WARNING"},
    },
}

# Server errors go to ADMINS by e-mail and to Sentry, without personal data (website/errors.py).
ADMINS = env_admins("ADMINS")
DEFAULT_EXCEPTION_REPORTER_FILTER = "website.errors.PrivateExceptionReporterFilter"
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    from website.errors import scrub_event

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT", "production"),
        release=env_str("SENTRY_RELEASE") or None,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
        before_send=scrub_event,
        before_send_transaction=scrub_event,
    )
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT == "json":
    LOGGING["formatters"] = {"json": {"()": "website.logs.JsonFormatter"}}
    LOGGING["handlers"]["console"]["formatter"] = "json"
