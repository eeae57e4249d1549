"""What alerts add to core: subscriptions as personal data, the digests and the clean-up as
scheduled jobs."""

from wagtail import hooks

from core import jobs

from .personal_data import SUBSCRIPTIONS

hooks.register("personal_data", SUBSCRIPTIONS)
# send_alerts decides per subscription whether its daily or weekly digest is due, so hourly
# keeps each digest at about the same time of day.
hooks.register(
    "scheduled_jobs",
    jobs.command_job("send_alerts", jobs.HOURLY, "Meldingen per e-mail versturen"),
)
hooks.register(
    "scheduled_jobs",
    jobs.command_job("purge_alerts", jobs.DAILY, "Onbevestigde meldingen na 7 dagen verwijderen"),
)
