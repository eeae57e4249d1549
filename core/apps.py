from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_delete, post_migrate


def create_cache_tables(using, **kwargs):
    # The rate limits' table (core.ratelimit) exists wherever `migrate` ran: `make run`, CI,
    # a deployment. createcachetable leaves existing tables alone.
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Basis"

    def ready(self):
        from . import pagecache
        from .dates import show_the_format_to_type
        from .images import never_prefill_alt_text_with_the_title
        from .privacy import forget_deleted_personal_data

        never_prefill_alt_text_with_the_title()
        show_the_format_to_type()
        pagecache.connect()
        post_delete.connect(forget_deleted_personal_data, dispatch_uid="core.privacy")
        post_migrate.connect(create_cache_tables, sender=self)
