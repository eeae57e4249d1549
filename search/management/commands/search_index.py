from functools import partial

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from search import service
from search.port import SearchUnavailable


class Command(BaseCommand):
    help = "Rebuild the active search backend's index: `search_index rebuild`."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild"])

    def handle(self, *args, action, **options):
        backend = service.active_backend()
        self.stdout.write(f"Search backend: {backend.name}")
        if backend.name == "database":
            # Wagtail's own full-text index (FTS5 / PostgreSQL) behind the database backend.
            call_command("update_index", stdout=self.stdout)
        for index in service.all_indexes():
            try:
                count = backend.rebuild(index, progress=partial(self.progress, index.name))
            except SearchUnavailable as error:
                raise CommandError(f"{index.name}: {error}") from error
            self.stdout.write(self.style.SUCCESS(f"{index.name}: {count} documents"))

    def progress(self, name, done, total):
        self.stdout.write(f"{name}: {done}/{total}")
