from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import URLValidator

from campuses.models import CampusPage
from events.calendar_import import import_calendar
from events.models import CampusCalendar


class Command(BaseCommand):
    help = (
        "Import the active campus calendars (Campusagenda's in the admin) into the agenda as "
        "draft events, and store each run's report on the calendar. With --url and --campus: "
        "import that one calendar once (it is registered, inactive, if it was not yet). "
        "Run every hour from cron; see README, 'Calendar import'."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", help="The iCalendar address to import once.")
        parser.add_argument("--campus", help="The slug of the campus the events belong to.")

    def handle(self, *args, url=None, campus=None, **options):
        if bool(url) != bool(campus):
            raise CommandError("Give --url and --campus together.")
        if url:
            calendars = [self.one_calendar(url, campus)]
        else:
            calendars = list(CampusCalendar.objects.filter(active=True).select_related("campus"))
        for calendar in calendars:
            report = import_calendar(calendar)
            self.stdout.write(f"{calendar}\n{report.text()}\n")
        if not calendars:
            self.stdout.write("No active campus calendars.")
        elif url and report.error:
            raise CommandError("The import failed; see the report above.")

    def one_calendar(self, url, slug):
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError as error:
            raise CommandError("--url must be an http:// or https:// address.") from error
        campus = CampusPage.objects.filter(slug=slug).first()
        if campus is None:
            raise CommandError(f"No campus with the slug {slug!r}.")
        try:
            # The same check as saving in the admin: no internal address gets registered.
            CampusCalendar(campus=campus, url=url).clean()
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        calendar, _ = CampusCalendar.objects.get_or_create(
            campus=campus, url=url, defaults={"active": False}
        )
        return calendar
