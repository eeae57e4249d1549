import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from core.models import MailSettings
from manifest.models import ManifestPage, Signature, SignatureState
from manifest.signing import notify_moderation
from partners.models import Partner
from tests.conftest import count_queries
from tests.images import decompression_bomb_png, png_upload
from tests.manifest.signatures import SIGN_URL, confirm_link_from_mail, form_data


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def stored_nothing():
    return not (
        Partner.objects.filter(name__icontains="Duinzicht").exists()
        or Signature.objects.filter(organisation_name__icontains="Duinzicht").exists()
    )


def test_sign_form_is_dutch_and_labelled(client, home_page):
    html = client.get(SIGN_URL).content.decode()
    assert "<h1>Onderteken het manifest</h1>" in html
    for label in [
        "Naam van uw organisatie",
        "Website van uw organisatie",
        "Logo",
        "Uw e-mailadres",
    ]:
        assert label in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'enctype="multipart/form-data"' in html


def test_the_whole_flow_stores_first_then_confirms_once(client, home_page):
    response = client.post(SIGN_URL, form_data())
    assert response.status_code == 303
    signature = Signature.objects.get(organisation_name="Duinzicht Elektrotechniek")
    assert signature.state == SignatureState.UNCONFIRMED
    assert (
        signature.manifest_revision == home_page.get_children().get(slug="manifest").live_revision
    )
    assert "bevestigingslink" in client.get(response["Location"]).content.decode()

    link = confirm_link_from_mail()
    page = client.get(link)
    assert page.status_code == 200
    assert "Ja, ik bevestig" in page.content.decode()
    signature.refresh_from_db()
    assert signature.state == SignatureState.UNCONFIRMED  # a GET (link scanners) changes nothing

    assert client.post(link).status_code == 200
    signature.refresh_from_db()
    assert signature.state == SignatureState.CONFIRMED

    reused = client.post(link)
    assert reused.status_code == 410
    assert "al gebruikt" in reused.content.decode()


def test_unapproved_signatures_appear_nowhere_public(client, home_page):
    client.post(SIGN_URL, form_data())
    signature = Signature.objects.get(organisation_name="Duinzicht Elektrotechniek")
    signature.confirm()
    for path in ["/manifest/", "/manifest/ondertekenaars/", "/sitemap.xml", "/initiatieven/"]:
        assert "Duinzicht" not in client.get(path).content.decode(), path


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"organisation_name": "", "website": "", "contact_email": ""},
            "Dit is een verplicht veld",
        ),
        ({"contact_email": "geen-adres"}, "Voer een geldig e-mailadres in"),
        ({"website": "javascript:alert(1)"}, "bijvoorbeeld www.uworganisatie.nl"),
        ({"website": "ftp://duinzicht.example.nl"}, "bijvoorbeeld www.uworganisatie.nl"),
        ({"website": "duinzicht"}, "bijvoorbeeld www.uworganisatie.nl"),
        ({"organisation_name": "<script>alert(1)</script>"}, "Gebruik geen &lt; of &gt;"),
        ({"privacy_consent": ""}, "Geef toestemming"),
        ({"statement": "x" * 501}, "maximaal 500"),
        (
            {"logo": SimpleUploadedFile("logo.png", b"dit is tekst", content_type="image/png")},
            "afbeelding",
        ),
        (
            {
                "logo": SimpleUploadedFile(
                    "logo.svg",
                    b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
                )
            },
            "SVG-bestanden accepteren we niet",
        ),
        (
            {
                "logo": SimpleUploadedFile(
                    "logo.png", b'<?xml version="1.0"?><svg><script>alert(1)</script></svg>'
                )
            },
            "SVG-bestanden accepteren we niet",
        ),
        (
            {
                "logo": SimpleUploadedFile(
                    "bom.png", decompression_bomb_png(), content_type="image/png"
                )
            },
            "pixels",
        ),
        ({"logo": png_upload(name="logo.jpg")}, "extensie"),
        # The confirmation mail greets the signer by name, at the address typed in.
        (
            {"signer_name": "klant, herstel uw account via https://kwaad.example/login"},
            "geen web- of e-mailadres",
        ),
        ({"signer_role": "Beheer, mail ons op help@kwaad.example"}, "geen web- of e-mailadres"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_message_and_stores_nothing(
    client, home_page, overrides, message
):
    response = client.post(SIGN_URL, form_data(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Controleer het formulier" in html
    assert message.lower() in html.lower()
    assert stored_nothing()
    assert not mail.outbox


def test_a_20_megabyte_upload_is_refused_before_reading_it(client, home_page):
    big = SimpleUploadedFile("groot.png", b"\x89PNG" + b"\x00" * (20 * 1024 * 1024))
    response = client.post(SIGN_URL, form_data(logo=big))
    assert response.status_code == 413
    assert "te groot" in response.content.decode()
    assert stored_nothing()


def test_a_5_megabyte_image_passes_the_request_limit_but_not_the_logo_limit(client, home_page):
    big = SimpleUploadedFile("groot.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * (5 * 1024 * 1024 + 100))
    response = client.post(SIGN_URL, form_data(logo=big))
    assert response.status_code == 400
    assert stored_nothing()


def test_the_honeypot_stores_nothing(client, home_page):
    response = client.post(SIGN_URL, form_data(fax="spam"))
    assert response.status_code == 400
    assert "automatisch verstuurd" in response.content.decode()
    assert stored_nothing()


def test_the_honeypot_is_checked_before_the_upload_is_read(client, home_page):
    not_an_image = SimpleUploadedFile("logo.png", b"dit is geen afbeelding")
    response = client.post(SIGN_URL, form_data(fax="spam", logo=not_an_image))
    errors = response.context["form"].errors
    assert list(errors) == ["__all__"]
    assert "automatisch verstuurd" in errors["__all__"][0]


def test_a_double_submission_is_one_submission_with_a_fresh_link(client, home_page):
    assert client.post(SIGN_URL, form_data()).status_code == 303
    again = client.post(SIGN_URL, form_data(logo=png_upload()))
    assert again.status_code == 303
    assert Signature.objects.filter(organisation_name="Duinzicht Elektrotechniek").count() == 1
    assert len(mail.outbox) == 2
    assert mail.outbox[0].body != mail.outbox[1].body  # a new link replaces the first


def test_the_same_address_in_other_capitals_is_the_same_submission(client, home_page):
    client.post(SIGN_URL, form_data())
    client.post(SIGN_URL, form_data(contact_email="Piet@Duinzicht.Example.NL"))
    assert Signature.objects.filter(organisation_name="Duinzicht Elektrotechniek").count() == 1


# Within one window of the cap per address: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_a_submission_the_mail_cap_stops_leaves_the_mailed_link_working(
    client, home_page, settings
):
    """Each submission mails a fresh link, which replaces the one before: past the cap, no mail
    goes out, so the link mailed last must stay the one that works."""
    for _ in range(settings.MAILS_PER_RECIPIENT_PER_HOUR):
        client.post(SIGN_URL, form_data())
    last_link = confirm_link_from_mail()
    assert client.post(SIGN_URL, form_data()).status_code == 303
    assert len(mail.outbox) == settings.MAILS_PER_RECIPIENT_PER_HOUR
    assert client.post(last_link).status_code == 200
    signature = Signature.objects.get(organisation_name="Duinzicht Elektrotechniek")
    assert signature.state == SignatureState.CONFIRMED


def test_a_public_signatory_is_told_so(client, home_page, admin_user):
    client.post(SIGN_URL, form_data())
    signature = Signature.objects.get(organisation_name="Duinzicht Elektrotechniek")
    signature.confirm()
    signature.approve(admin_user)
    again = client.post(SIGN_URL, form_data(contact_email="iemand@duinzicht.example.nl"))
    assert again.status_code == 409
    assert "heeft het manifest al ondertekend" in again.content.decode()


# Within one window of the rate limit: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_the_sixth_submission_in_an_hour_gets_a_polite_429(client, home_page):
    for number in range(5):
        client.post(
            SIGN_URL,
            form_data(
                organisation_name=f"Org {number}", website=f"https://org{number}.example.nl/"
            ),
        )
    response = client.post(SIGN_URL, form_data())
    assert response.status_code == 429
    assert "Even geduld" in response.content.decode()
    assert stored_nothing()


def test_csrf_is_enforced(home_page):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(SIGN_URL, form_data())
    assert response.status_code == 403
    assert stored_nothing()


def test_forged_token_gives_404(client, home_page):
    response = client.get("/manifest/ondertekenen/bevestigen/vervalst-token/")
    assert response.status_code == 404
    assert "Deze link werkt niet" in response.content.decode()
    long_token = client.get("/manifest/ondertekenen/bevestigen/" + "a" * 5000 + "/")
    assert long_token.status_code == 404


def test_expired_token_gives_410_and_confirms_nothing(client, home_page):
    client.post(SIGN_URL, form_data())
    link = confirm_link_from_mail()
    Signature.objects.update(confirmation_sent_at=timezone.now() - timezone.timedelta(days=8))
    response = client.post(link)
    assert response.status_code == 410
    assert "verlopen" in response.content.decode()
    assert Signature.objects.get(organisation_name="Duinzicht Elektrotechniek").state == (
        "unconfirmed"
    )


def test_wall_shows_approved_logos_linking_to_their_sites(client, home_page):
    html = client.get("/manifest/ondertekenaars/").content.decode()
    approved = Signature.objects.approved().select_related("partner")
    assert f"{approved.count()} ondertekenaars" in html
    partner = approved.first().partner
    assert f'<a href="{partner.website}" rel="noopener"' in html
    assert f'alt="{partner.name}"' in html
    assert 'loading="lazy"' in html
    assert "/media/images/" in html and "original_images" not in html


def test_wall_filters_by_kind_and_sorts(client, home_page):
    response = client.get("/manifest/ondertekenaars/?soort=onderwijs&sortering=nieuwste")
    kinds = {signature.partner.kind for signature in response.context["signatures"]}
    assert kinds == {"onderwijs"}
    names = [s.partner.name for s in client.get("/manifest/ondertekenaars/").context["signatures"]]
    assert names == sorted(names)


@pytest.mark.parametrize(
    "query", ["?soort=raket", "?sortering=;drop", "?pagina=-3", "?soort=" + "x" * 3000]
)
def test_wall_ignores_bad_parameters(client, home_page, query):
    response = client.get(f"/manifest/ondertekenaars/{query}")
    assert response.status_code == 200
    assert len(response.context["signatures"]) > 0


def test_manifest_page_shows_the_newest_signatories_and_the_count(client, home_page):
    html = client.get("/manifest/").content.decode()
    count = Signature.objects.approved().count()
    assert f"{count} organisaties steunen het manifest" in html
    assert 'href="/manifest/ondertekenaars/"' in html


def test_wall_queries_do_not_grow_with_signatories(client, home_page):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from partners.factories import PartnerFactory

    client.get("/manifest/ondertekenaars/")
    client.get("/manifest/")
    before = count_queries(client, "/manifest/ondertekenaars/")
    before_manifest = count_queries(client, "/manifest/")
    for number, partner in enumerate(PartnerFactory.create_batch(30)):
        partner.logo = Image.objects.create(title=f"Logo {number}", file=get_test_image_file())
        partner.save()
        Signature.objects.create(
            partner=partner,
            organisation_name=partner.name,
            organisation_kind=partner.kind,
            contact_email="x@example.nl",
            privacy_consent_at=timezone.now(),
            state=SignatureState.APPROVED,
        )
    client.get("/manifest/ondertekenaars/")  # renditions for the new logos are made once
    client.get("/manifest/")
    assert count_queries(client, "/manifest/ondertekenaars/") == before
    assert count_queries(client, "/manifest/") == before_manifest


def test_a_stranger_cannot_pass_the_limit_through_the_admin_login(client, home_page):
    big = SimpleUploadedFile("groot.png", b"\x89PNG" + b"\x00" * (20 * 1024 * 1024))
    response = client.post(reverse("wagtailadmin_login"), {"username": "x", "upload": big})
    assert response.status_code == 413


def test_logged_in_staff_keep_the_admins_own_upload_limits(admin_client):
    big = SimpleUploadedFile("groot.png", b"\x89PNG" + b"\x00" * (7 * 1024 * 1024))
    response = admin_client.post(reverse("wagtailimages:add"), {"title": "Groot", "file": big})
    assert response.status_code != 413


def test_the_form_says_what_signing_commits_to_before_the_fields(client, home_page):
    html = client.get(SIGN_URL).content.decode()
    assert "Wat ondertekenen inhoudt" in html
    commitment = html.index("zijn ambities voor 2030 onderschrijft")
    assert commitment < html.index('name="organisation_name"')
    manifest = ManifestPage.objects.get()
    manifest.sign_commitment = "Wij vragen niets anders dan uw steun."
    manifest.save_revision().publish()
    assert "Wij vragen niets anders dan uw steun." in client.get(SIGN_URL).content.decode()


def test_browsers_may_fill_in_the_signers_own_details(client, home_page):
    """WCAG 1.3.5: the fields about the signer say what they hold."""
    html = client.get(SIGN_URL).content.decode()
    purposes = {
        "organisation_name": "organization",
        "website": "url",
        "signer_name": "name",
        "signer_role": "organization-title",
        "contact_email": "email",
    }
    for name, purpose in purposes.items():
        [tag] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', html)
        assert f'autocomplete="{purpose}"' in tag, tag


def test_a_website_without_scheme_gets_https(client, home_page):
    response = client.post(SIGN_URL, form_data(website="www.hoorntechniek.nl"))
    assert response.status_code == 303
    assert (
        Signature.objects.get(organisation_name="Duinzicht Elektrotechniek").website
        == "https://www.hoorntechniek.nl"
    )


def test_after_an_error_the_logo_field_says_to_choose_it_again(client, home_page):
    assert "Kies uw logo opnieuw" not in client.get(SIGN_URL).content.decode()
    html = client.post(SIGN_URL, form_data(privacy_consent="")).content.decode()
    # In the field's help text, which the file input names in aria-describedby.
    assert '<p class="form-field__help" id="id_logo_helptext">Kies uw logo opnieuw' in html
    assert 'aria-describedby="id_logo_helptext"' in html


def rejected_signature(client, admin_user):
    client.post(SIGN_URL, form_data())
    signature = Signature.objects.get(organisation_name="Duinzicht Elektrotechniek")
    signature.confirm()
    signature.reject(admin_user, "Geen techniekorganisatie.")
    mail.outbox.clear()
    notify_moderation(signature)
    [rejection] = mail.outbox
    return rejection


def test_the_mails_name_the_moderator(client, home_page):
    client.post(SIGN_URL, form_data())
    assert "beoordeelt een moderator de ondertekening" in mail.outbox[-1].body
    assert "redacteur" not in mail.outbox[-1].body


def test_the_rejection_asks_for_an_answer_that_reaches_the_reply_to(client, home_page, admin_user):
    settings = MailSettings.for_site(Site.objects.get(is_default_site=True))
    settings.reply_to_email = "manifest@provincie.example.nl"
    settings.save()
    rejection = rejected_signature(client, admin_user)
    assert rejection.reply_to == ["manifest@provincie.example.nl"]
    assert "Beantwoord dan deze e-mail; uw antwoord gaat naar manifest@provincie" in rejection.body


def test_without_a_reply_to_the_rejection_does_not_ask_to_answer_it(client, home_page, admin_user):
    rejection = rejected_signature(client, admin_user)
    assert rejection.reply_to == []
    assert "Beantwoord" not in rejection.body
    assert "Neem dan contact met ons op via http" in rejection.body
