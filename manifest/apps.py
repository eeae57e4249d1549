from django.apps import AppConfig


class ManifestConfig(AppConfig):
    name = "manifest"
    verbose_name = "Manifest"

    def ready(self):
        from . import signals  # noqa: F401  (keeps the directory's index in step)
