"""The cap per recipient on confirmation mails: a submission whose mail the cap suppresses
changes nothing, so the links already mailed keep working."""

import pytest
from django.core import mail

from alerts.models import Frequency, Subscription
from core.models import Region

from .conftest import link_in, subscribe


# Within one window of the cap: it must not end halfway through the test.
@pytest.mark.date_dependent
def test_a_submission_over_the_cap_leaves_the_mailed_link_working(client, home_page, settings):
    for _ in range(settings.MAILS_PER_RECIPIENT_PER_HOUR):
        assert subscribe(client, "agenda", "soort=pet", Frequency.WEEKLY).status_code == 303
    last_link = link_in(mail.outbox[-1], "confirm")
    pending = Subscription.objects.values().get()

    over = subscribe(client, "agenda", "soort=pet", Frequency.DAILY)
    assert over.status_code == 303  # the page answers as always
    assert len(mail.outbox) == settings.MAILS_PER_RECIPIENT_PER_HOUR
    assert Subscription.objects.values().get() == pending  # not even the frequency changed

    assert client.post(last_link).status_code == 200
    assert Subscription.objects.get().is_confirmed


@pytest.mark.date_dependent
def test_a_new_filter_over_the_cap_is_not_stored(client, home_page, settings):
    settings.MAILS_PER_RECIPIENT_PER_HOUR = 1
    regions = list(Region.objects.values_list("slug", flat=True)[:2])
    for region in regions:
        assert subscribe(client, "agenda", f"regio={region}", Frequency.WEEKLY).status_code == 303
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1  # no request stored whose link was never mailed
