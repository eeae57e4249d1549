from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from core.exports import as_json
from core.models import PersonalDataRequest
from core.privacy import clean_address, count_summary, export_on_request


class Command(BaseCommand):
    help = (
        "Privacy (AVG), right of access: print as JSON everything the site holds about one "
        "e-mail address (signatures, registrations, staff accounts, admin log entries, and "
        "wherever else the address occurs), matching it ignoring case. The use is logged with "
        "a hash of the address, never the address itself."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the e-mail address to look for")

    def handle(self, *args, email, **options):
        data = export_on_request(address_from(email), PersonalDataRequest.Channel.COMMAND)
        self.stdout.write(as_json(data))
        # The report goes to stderr, so stdout stays one JSON document for a file or a pipe.
        self.stderr.write(f"Gevonden: {count_summary(data)}.")


def address_from(raw):
    try:
        return clean_address(raw)
    except ValidationError as invalid:
        raise CommandError(invalid.messages[0]) from None
