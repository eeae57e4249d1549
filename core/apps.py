from django.apps import AppConfig
from django.core.management import call_command
from django.db.models.signals import post_migrate


def create_cache_tables(using, **kwargs):
    # The rate limits' table (core.ratelimit) exists wherever `migrate` ran: `make run`, CI,
    # a deployment. createcachetable leaves existing tables alone.
    call_command("createcachetable", database=using, verbosity=0)


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Basis"

    def ready(self):
        from . import links, pagecache
        from .privacy import register_accounts

        links.connect()
        pagecache.connect()
        register_accounts()
        post_migrate.connect(create_cache_tables, sender=self)
