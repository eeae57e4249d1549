"""The PET calendar: events with their dated sessions, audiences and class registrations.

Split by concept; everything is importable from `events.models`.
"""

from .event import (
    Audience,
    EventIndexPage,
    EventKind,
    EventPage,
    EventSession,
    EventStatus,
    RegistrationMode,
    SessionQuerySet,
)
from .registration import Registration, RegistrationQuerySet, RegistrationState

__all__ = [
    "Audience",
    "EventIndexPage",
    "EventKind",
    "EventPage",
    "EventSession",
    "EventStatus",
    "Registration",
    "RegistrationMode",
    "RegistrationQuerySet",
    "RegistrationState",
    "SessionQuerySet",
]
