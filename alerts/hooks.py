"""What alerts registers with the app below it: subscriptions as personal data, the digests and
the clean-up as scheduled jobs. Imported by AlertsConfig.ready()."""

from core import jobs, privacy

from .personal_data import SUBSCRIPTIONS

privacy.register(SUBSCRIPTIONS)

# send_alerts decides per subscription whether its daily or weekly digest is due, so hourly
# keeps each digest at about the same time of day.
jobs.register_command("send_alerts", jobs.HOURLY, "Meldingen per e-mail versturen")
jobs.register_command("purge_alerts", jobs.DAILY, "Onbevestigde meldingen na 7 dagen verwijderen")
