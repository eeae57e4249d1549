from django.core.management.base import BaseCommand

from core.models import PersonalDataRequest
from core.privacy import erase_on_request

from .export_personal_data import address_from


class Command(BaseCommand):
    help = (
        "Privacy (AVG), right to erasure: remove or anonymise everything the site holds about "
        "one e-mail address, matching it ignoring case. Open and rejected signatures are "
        "deleted with their logo; approved ones lose the person and keep the organisation's "
        "signing; registrations are deleted and the waitlist moves up; the admin log forgets "
        "the address. Says what it did and where the address still is. Logged with a hash of "
        "the address only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help="the e-mail address to erase")

    def handle(self, *args, email, **options):
        erasure = erase_on_request(address_from(email), PersonalDataRequest.Channel.COMMAND)
        for line in erasure.lines():
            self.stdout.write(line)
        self.stdout.write(f"Klaar: {erasure.summary()}.")
