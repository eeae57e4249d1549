"""The agenda as an alert source (alerts/sources.py): a visitor follows the agenda's current
filters and hears of events published after they subscribed. The agenda's own filter form
and session queryset decide what matches, as they do for the page and the feed."""

from django.http import QueryDict
from django.utils.dateformat import format as date_format

from alerts.sources import AlertItem, AlertSource, Selection, listing_url
from core.links import absolute_url

from .forms import EventFilterForm
from .models import EventIndexPage, EventSession

SOURCE_KEY = "agenda"


def filter_form(query):
    return EventFilterForm(query if isinstance(query, QueryDict) else QueryDict(query))


def describe(form):
    """The active filters in words: "Agenda: Promotie Event Techniek (PET), regio
    Zaanstreek/Waterland, doelgroep Basisschool, plaats of gemeente Hoorn, binnen 25 km"."""
    parts = []
    for name, value in form.active_filters.items():
        field = form.fields[name]
        if name in ("soort", "afstand"):
            label = dict(field.choices).get(value, value)
            parts.append(label.lower() if name == "afstand" else label)
        elif hasattr(value, "isoformat"):
            parts.append(f"{field.label.lower()} {date_format(value, 'j F Y')}")
        else:
            parts.append(f"{field.label.lower()} {value}")
    return "Agenda" + (": " + ", ".join(parts) if parts else " (alle evenementen)")


def selection(params):
    form = filter_form(params)
    return Selection(query=form.feed_query(), label=describe(form))


def new_items(query, since):
    """Upcoming events published after `since` with a date that matches, in date order."""
    form = filter_form(query)
    sessions = (
        form.filter(EventSession.objects.published())
        .filter(event__first_published_at__gt=since)
        .upcoming()
        .select_related("event", "event__campus")
    )
    first_sessions = {}
    for session in sessions:
        first_sessions.setdefault(session.event, session)
    return [
        AlertItem(
            key=f"event:{event.pk}",
            title=event.title,
            url=absolute_url(event.get_url()),
            summary=event.summary,
            details=[
                event.get_kind_display(),
                session.when_text,
                *([event.location_text] if event.location_text else []),
            ],
        )
        for event, session in first_sessions.items()
    ]


AGENDA = AlertSource(
    SOURCE_KEY,
    "de agenda",
    selection,
    new_items,
    listing_url(EventIndexPage),
    ("nieuw evenement", "nieuwe evenementen"),
)
