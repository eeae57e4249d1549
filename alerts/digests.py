"""Sending the digests (`manage.py send_alerts`).

Safe to run from cron, and twice: each subscription is handled in its own transaction that
locks its row (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's write lock serialises
runs), records every item it mails (`SentItem`, unique per subscription) and moves
`last_sent_at`. A mail that fails rolls its transaction back, so the next run tries again.
"""

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from .mail import send_digest_mail
from .models import SentItem, Subscription
from .sources import get_source

logger = logging.getLogger(__name__)

# Items are looked for from this long before the last digest: an item published in a
# transaction that committed after the previous run read the database is still found. What
# was sent already is left out by its key.
OVERLAP = timedelta(days=2)


@dataclass
class Report:
    sent: int = 0  # digests mailed
    items: int = 0  # items in them
    not_due: int = 0
    nothing_new: int = 0
    failed: list[int] = field(default_factory=list)  # subscription ids

    def __str__(self):
        text = (
            f"{self.sent} digest(s) sent with {self.items} item(s); "
            f"{self.nothing_new} without new items, {self.not_due} not due yet"
        )
        if self.failed:
            text += f"; failed (retried next run): {', '.join(map(str, self.failed))}"
        return text


def send_alerts(force=False):
    """Send every confirmed subscription its digest when it is due (`force`: whatever the
    schedule)."""
    now = timezone.now()
    report = Report()
    ids = Subscription.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    for pk in list(ids):
        try:
            with transaction.atomic():
                _send_one(pk, now, force, report)
        except Exception:  # one bad address or source must not stop the others
            logger.exception("Could not send the digest of alert %s", pk)
            report.failed.append(pk)
    return report


def _send_one(pk, now, force, report):
    # Another run that holds the row sends it (SKIP LOCKED where the database has it).
    skip_locked = connection.features.has_select_for_update_skip_locked
    locked = Subscription.objects.confirmed().select_for_update(skip_locked=skip_locked)
    subscription = locked.filter(pk=pk).first()
    if subscription is None:
        return
    if not force and not subscription.is_due(now):
        report.not_due += 1
        return
    source = get_source(subscription.source)
    if source is None:
        logger.warning("Alert %s follows the unknown source %r", pk, subscription.source)
        report.nothing_new += 1
        return
    since = subscription.confirmed_at
    if subscription.last_sent_at is not None:
        since = max(since, subscription.last_sent_at - OVERLAP)
    candidates = source.new_items(subscription.query, since)
    # Only the keys that could repeat: what this alert was sent grows with every digest.
    keys = [item.key for item in candidates]
    sent = set(subscription.sent_items.filter(item_key__in=keys).values_list("item_key", flat=True))
    items = [item for item in candidates if item.key not in sent]
    if not items:
        report.nothing_new += 1
        return
    SentItem.objects.bulk_create(
        [SentItem(subscription=subscription, item_key=item.key) for item in items]
    )
    subscription.last_sent_at = now
    subscription.save(update_fields=["last_sent_at"])
    send_digest_mail(subscription, items, source)
    report.sent += 1
    report.items += len(items)
