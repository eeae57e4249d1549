from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from monitor.cbs import TABLES, CbsError, import_table


class Command(BaseCommand):
    help = (
        "Read figures for Arbeidsmarkt in cijfers from CBS open data (StatLine OData, "
        f"CBS_ODATA_URL). Tables: {', '.join(sorted(TABLES))}; without TABLE, those of "
        "CBS_IMPORT_TABLES (the monthly scheduled job). A table with any problem changes "
        "nothing; see README, 'CBS import'."
    )

    def add_arguments(self, parser):
        parser.add_argument("table", nargs="?", help="The CBS table, such as 85542NED.")
        parser.add_argument(
            "--filter",
            dest="data_filter",
            help="An OData $filter instead of the table's default (its totals for everyone), "
            "such as \"Perioden eq '2024JJ00'\".",
        )

    def handle(self, *args, table=None, data_filter=None, **options):
        if data_filter is not None and not table:
            raise CommandError("Give the table with --filter.")
        codes = [table] if table else settings.CBS_IMPORT_TABLES
        if not codes:
            self.stdout.write("No CBS tables to import (CBS_IMPORT_TABLES is empty).")
        failed = []
        for code in codes:
            try:
                self.stdout.write(import_table(code, data_filter).summary())
            except CbsError as error:
                failed.append(f"CBS {code}: niets ingelezen.\n" + "\n".join(error.messages))
        if failed:
            raise CommandError("\n".join(failed))
