"""Demo content is loaded only on request, once, and can be removed entirely before going live."""

import io

from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from events.factories import RegistrationFactory
from events.models import EventPage, Registration
from manifest.models import Initiative, Signature
from monitor.models import Observation
from partners.factories import PartnerFactory
from partners.models import Partner
from tests.images import png_upload

DEMO_MODELS = (Partner, Initiative, Signature, EventPage, Observation)


def demo_counts():
    return {model.__name__: model.objects.filter(is_demo=True).count() for model in DEMO_MODELS}


def run(command, *args):
    out = io.StringIO()
    call_command(command, *args, stdout=out)
    return out.getvalue()


def test_the_real_structure_alone_has_no_demo_rows(transactional_db):
    call_command("flush", interactive=False, verbosity=0)
    run("load_initial_data")
    assert demo_counts() == dict.fromkeys(demo_counts(), 0)
    assert Partner.objects.exists()  # the campuses' real lead partners
    assert EventPage.objects.count() == 0


def test_remove_demo_content_removes_every_flagged_record_and_its_images(home_page):
    assert all(demo_counts().values())
    demo_logo = Partner.objects.filter(is_demo=True).exclude(logo=None).first().logo
    demo_logo.get_rendition("max-200x100")
    event = EventPage.objects.filter(is_demo=True).first()
    RegistrationFactory(event=event, session=event.sessions.first())
    real = PartnerFactory(is_demo=False, name="Echte Partner BV")
    shared_logo = get_image_model().objects.create(title="Gedeeld", file=png_upload())
    real.logo = shared_logo
    real.save()
    # A demo partner showing the same image as a real one: the image stays.
    Partner.objects.filter(pk=Partner.objects.filter(is_demo=True).last().pk).update(
        logo=shared_logo
    )

    output = run("remove_demo_content")

    assert demo_counts() == dict.fromkeys(demo_counts(), 0)
    assert not Registration.objects.filter(event_id=event.pk).exists()
    assert not get_image_model().objects.filter(pk=demo_logo.pk).exists()
    assert not Rendition.objects.filter(image_id=demo_logo.pk).exists()
    assert get_image_model().objects.filter(pk=shared_logo.pk).exists()  # a real partner's
    assert Partner.objects.filter(pk=real.pk).exists()
    assert "partners verwijderd" in output and "aanmeldingen verwijderd" in output


def test_deleted_demo_content_stays_deleted_on_the_next_load(home_page):
    demo_partner = Partner.objects.filter(is_demo=True).order_by("pk").first()
    demo_partner.delete()
    run("load_initial_data", "--demo")
    assert not Partner.objects.filter(slug=demo_partner.slug).exists()

    run("remove_demo_content")
    output = run("load_initial_data", "--demo")
    assert demo_counts() == dict.fromkeys(demo_counts(), 0)
    assert "stays deleted" in output


def test_removing_twice_is_harmless(home_page):
    run("remove_demo_content")
    assert "0 partners verwijderd" in run("remove_demo_content")
