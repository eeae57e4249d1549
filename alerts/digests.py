"""Sending the digests (`manage.py send_alerts`).

Safe to run from cron, and twice: each subscription is handled in its own transaction that
locks its row (SELECT ... FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's write lock serialises
runs), records every item it mails (`SentItem`, unique per subscription) and moves
`last_sent_at`. A mail that fails rolls its transaction back, so the next run tries again. An
item is never sent to a subscription twice, also when it falls in the overlap below.
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
# A digest lists at most this many items, and points to the page for the rest.
MAX_ITEMS_IN_MAIL = 50


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


def send_alerts(now=None, force=False):
    """Send every confirmed subscription its digest when it is due (`force`: whatever the
    schedule)."""
    now = now or timezone.now()
    report = Report()
    ids = Subscription.objects.confirmed().order_by("pk").values_list("pk", flat=True)
    for pk in list(ids):
        try:
            with transaction.atomic():
                outcome = _send_one(pk, now, force, report)
        except Exception:  # one bad address or source must not stop the others
            logger.exception("Could not send the digest of alert %s", pk)
            report.failed.append(pk)
            continue
        if outcome == "not_due":
            report.not_due += 1
        elif outcome == "nothing_new":
            report.nothing_new += 1
    return report


def _locked(pk):
    queryset = Subscription.objects.confirmed().filter(pk=pk)
    if connection.features.has_select_for_update_skip_locked:
        # Another run holds it: that run sends it.
        return queryset.select_for_update(skip_locked=True).first()
    return queryset.select_for_update().first()


def _send_one(pk, now, force, report):
    subscription = _locked(pk)
    if subscription is None:
        return "gone"
    if not force and not subscription.is_due(now):
        return "not_due"
    source = get_source(subscription.source)
    if source is None:
        logger.warning("Alert %s follows the unknown source %r", pk, subscription.source)
        return "nothing_new"
    since = subscription.confirmed_at
    if subscription.last_sent_at is not None:
        since = max(since, subscription.last_sent_at - OVERLAP)
    candidates = source.new_items(subscription.query, since)
    # Only the keys that could repeat: what this alert was sent grows with every digest.
    sent = set(
        subscription.sent_items.filter(item_key__in=[item.key for item in candidates]).values_list(
            "item_key", flat=True
        )
    )
    items = [item for item in candidates if item.key not in sent]
    if not items:
        return "nothing_new"
    SentItem.objects.bulk_create(
        [SentItem(subscription=subscription, item_key=item.key) for item in items]
    )
    subscription.last_sent_at = now
    subscription.save(update_fields=["last_sent_at"])
    shown = items[:MAX_ITEMS_IN_MAIL]
    send_digest_mail(
        subscription,
        shown,
        more=len(items) - len(shown),
        page_url=source.page_url(None, subscription.query),
    )
    report.sent += 1
    report.items += len(items)
    return "sent"
