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
        from . import jobs, links, pagecache
        from .images import never_prefill_alt_text_with_the_title
        from .privacy import register_accounts

        never_prefill_alt_text_with_the_title()
        links.connect()
        pagecache.connect()
        register_accounts()
        # Wagtail's go-live and expiry dates (pages, partners, initiatives) do nothing until
        # this runs: on every run of run_scheduled_jobs (issue 15).
        jobs.register_command(
            "publish_scheduled", jobs.EVERY_RUN, "Pagina's en snippets op hun datum publiceren"
        )
        post_migrate.connect(create_cache_tables, sender=self)
