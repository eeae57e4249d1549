"""What alerts registers with the app below it: subscriptions as personal data. Imported by
AlertsConfig.ready()."""

from core import privacy

from .personal_data import SUBSCRIPTIONS

privacy.register(SUBSCRIPTIONS)
