"""The privacy statement of the initial content says what the code does: what is
kept, why, who sees it, how long (the periods the clean-ups implement, read from their code)
and how to ask for an export or erasure."""

import pytest
from django.utils.html import strip_tags

from alerts.models import CONFIRMATION_VALID
from core.models import ImportantPages
from events.management.commands.purge_registrations import RETENTION
from manifest.management.commands.purge_signatures import UNCONFIRMED_RETENTION
from website.models import SiteSettings


@pytest.fixture
def sections(site):
    """The statement's text by heading."""
    page = ImportantPages.for_site(site).privacy_page.specific
    sections, heading = {}, None
    for block in page.body:
        if block.block_type == "heading":
            heading = block.value["text"]
        else:
            sections.setdefault(heading, []).append(strip_tags(str(block.value)))
    return sections


def test_it_names_the_retention_periods_of_the_clean_ups(sections):
    periods = sections["Hoe lang bewaren wij uw gegevens?"]
    [unconfirmed] = [text for text in periods if "ondertekening die niet binnen" in text]
    assert f"{UNCONFIRMED_RETENTION.days} dagen" in unconfirmed
    assert "bevestigd" in unconfirmed and "verwijderen" in unconfirmed
    [rejected] = [text for text in periods if text.startswith("Keuren wij")]
    assert "anoniem" in rejected
    [registrations] = [text for text in periods if text.startswith("Aanmeldingen")]
    assert f"{RETENTION.days} dagen na" in registrations
    [alerts] = [text for text in periods if text.startswith("Een e-mailmelding")]
    assert f"niet binnen {CONFIRMATION_VALID.days} dagen" in alerts


def test_it_says_what_is_kept_why_and_who_sees_it(sections):
    kept = " ".join(sections["Welke gegevens bewaren wij?"])
    for item in ["naam", "functie", "verklaring", "e-mailadres", "logo", "website"]:
        assert item in kept
    for item in ["naam van de school", "telefoonnummer", "aantal leerlingen"]:
        assert item in kept
    assert "toestemming" in " ".join(sections["Op welke grond verwerken wij uw gegevens?"])
    who = " ".join(sections["Wie ziet uw gegevens?"])
    assert "Moderatoren" in who and "campuscoördinator" in who


def test_it_says_how_to_ask_for_an_export_or_erasure_at_the_contact_address(site, sections):
    rights = " ".join(sections["Uw rechten"])
    assert SiteSettings.for_site(site).contact_email in rights
    assert "inzage" in rights and "verwijdering" in rights
    assert "{" not in rights
