"""A registrant whose event was cancelled after they signed up learns it on their own page."""

from django.core import mail

from events.models import EventKind, EventStatus
from tests.events.registrations import link_in, person_data, register


def test_the_registrants_page_says_the_event_is_cancelled(client, make_event):
    event = make_event(on_site=True, title="Ouder-kind-dag", kind=EventKind.FAMILY_DAY, capacity=5)
    register(client, event, person_data())
    link = link_in(mail.outbox[-1])
    event.status = EventStatus.CANCELLED
    event.save_revision().publish()
    html = client.get(link).content.decode()
    assert "<h1>Dit evenement gaat niet door</h1>" in html
    assert "Ouder-kind-dag</a> gaat niet door: het is geannuleerd." in html
    assert "U bent aangemeld" not in html
    assert "Zet deze datum in uw agenda" not in html
