"""The PET calendar: events with their dated sessions, audiences and registrations.

The pages come last: their routes call the flows in events/views.py, which use the models
above, so those must exist before the page module is imported.
"""

from .calendar_import import CampusCalendar, ImportedEvent, ImportOutcome
from .registration import Registration, RegistrationState
from .taxonomy import Audience, EventKind, EventStatus, RegistrationMode

# isort: off
from .pages import EventIndexPage, EventPage, EventSession  # last, see above
# isort: on

__all__ = [
    "Audience",
    "CampusCalendar",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventSession",
    "EventStatus",
    "ImportOutcome",
    "ImportedEvent",
    "Registration",
    "RegistrationMode",
    "RegistrationState",
]
