"""Two send_alerts runs at once (a slow cron run overlapping the next) mail each digest once:
the row lock (PostgreSQL, SKIP LOCKED) or the write lock of the IMMEDIATE transaction (SQLite)
serialises them, and what was sent is recorded, unique per subscription, before the mail
goes, so even a run that got past the lock fails to record and sends nothing."""

import threading

from django.core import mail
from django.db import connection
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from alerts.digests import send_alerts
from alerts.models import Subscription
from events.factories import EventIndexPageFactory, EventPageFactory


def test_two_runs_at_once_send_one_digest(transactional_db):
    Locale.objects.get_or_create(language_code="nl")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    calendar = EventIndexPageFactory(parent=root)
    Site.objects.create(hostname="testserver", root_page=calendar, is_default_site=True)
    Subscription.objects.create(
        email="juf@example.nl",
        source="agenda",
        query="soort=pet",
        label="Agenda: PET",
        privacy_consent_at=timezone.now(),
        confirmed_at=timezone.now(),
    )
    EventPageFactory(parent=calendar, title="PET Zaandam")
    mail.outbox.clear()
    barrier = threading.Barrier(2)
    reports = []

    def run():
        try:
            barrier.wait()
            reports.append(send_alerts(force=True))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(mail.outbox) == 1
    assert sorted(report.sent for report in reports) == [0, 1]
