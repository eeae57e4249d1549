import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"


class Command(BaseCommand):
    help = (
        "Create the 'admin' superuser if it does not exist yet. The password comes from "
        "ADMIN_PASSWORD, or is generated and printed once. An existing account is left alone. "
        "A weak ADMIN_PASSWORD is refused by the same password rules as the admin's."
    )

    def handle(self, *args, **options):
        user_model = get_user_model()
        if user_model.objects.filter(username=USERNAME).exists():
            self.stdout.write(f"Superuser '{USERNAME}' exists; its password is unchanged.")
            return
        password = settings.ADMIN_PASSWORD or secrets.token_urlsafe(16)
        try:
            validate_password(password, user_model(username=USERNAME))
        except ValidationError as error:
            raise CommandError(
                "ADMIN_PASSWORD is too weak; no account was created. "
                + " ".join(error.messages)
                + " Choose a longer, less common password, or leave ADMIN_PASSWORD empty to get a"
                " generated one."
            ) from error
        user_model.objects.create_superuser(USERNAME, email="", password=password)
        if settings.ADMIN_PASSWORD:
            self.stdout.write(
                f"Created superuser '{USERNAME}' with the password from ADMIN_PASSWORD."
            )
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"Created superuser '{USERNAME}' with password: {password}\n"
                    "This is shown only once; change it in the admin under Account."
                )
            )
