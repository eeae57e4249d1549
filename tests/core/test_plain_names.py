"""Names and titles that staff type and the site shows refuse control and invisible
characters, and a name that slipped in earlier never stops a notice."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from campuses.factories import CampusPageFactory
from manifest.factories import InitiativeFactory
from manifest.models import Signature
from manifest.signing import notify_moderators
from partners.factories import PartnerFactory

INVISIBLE = ["\r\n", "\U000e0041", "\u3164", "\u2028", "\u00ad"]


@pytest.mark.parametrize("character", INVISIBLE)
@pytest.mark.parametrize(
    "make, field",
    [
        (lambda: PartnerFactory.build(), "name"),
        (lambda: InitiativeFactory.build(), "title"),
        (lambda: CampusPageFactory.build(), "title"),
    ],
    ids=["partner", "initiative", "campus"],
)
def test_names_that_staff_type_refuse_invisible_characters(db, make, field, character):
    instance = make()
    instance.full_clean(exclude=["path", "depth"])  # a page's place in the tree: not here
    setattr(instance, field, f"Techniek{character}Noord")
    with pytest.raises(ValidationError) as refused:
        instance.full_clean(exclude=["path", "depth"])
    assert "onzichtbare tekens" in refused.value.message_dict[field][0]


def test_a_line_break_in_a_stored_name_never_stops_the_notice(django_user_model):
    django_user_model.objects.create_superuser("beheer", "beheer@example.nl", "x" * 16)
    signature = Signature.objects.filter(state="unconfirmed").first() or Signature.objects.first()
    signature.organisation_name = "Duinzicht\r\nBcc: iemand@example.nl"
    assert notify_moderators(signature) >= 1
    notice = mail.outbox[-1]
    assert notice.subject.endswith("Duinzicht Bcc: iemand@example.nl")
    assert notice.message()["Bcc"] is None
