import datetime
from urllib.parse import urlencode

from django import template
from django.conf import settings

from core.templatetags.core_tags import geo_coordinates, json_ld, share_picture

from ..models import EventStatus

register = template.Library()

# Planned and full events are scheduled.
SCHEMA_STATUS = {
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
    EventStatus.RESCHEDULED: "https://schema.org/EventRescheduled",
}


def _moment(session, which):
    if session.all_day:
        return (session.date if which == "start" else session.last_day).isoformat()
    return getattr(session, which).isoformat()


def _location(event):
    place = {
        "@type": "Place",
        "name": event.place_name or event.full_address,
        "address": {
            "@type": "PostalAddress",
            **event.postal_address,
            "addressRegion": "Noord-Holland",
            "addressCountry": "NL",
        },
    }
    if event.coordinates:
        place["geo"] = geo_coordinates(*event.coordinates)
    return place


@register.simple_tag(takes_context=True)
def event_json_ld(context, event, sessions):
    """schema.org Event, one per session, safe inside a <script> element."""
    url = context["request"].build_absolute_uri(event.url)
    audiences = list(event.audiences.all())
    event_full = event.status == EventStatus.FULL or context.get("places_left") == 0
    base = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": url,
        "eventStatus": SCHEMA_STATUS.get(event.status, "https://schema.org/EventScheduled"),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": _location(event),
        "image": share_picture(context["request"], event.image)["url"],
        "organizer": [
            {"@type": "Organization", "name": host.name}
            | ({"url": host.website} if host.website else {})
            for host in context.get("hosts", [])
        ]
        or {"@type": "Organization", "name": settings.WAGTAIL_SITE_NAME},
    }
    if audiences:
        base["audience"] = [
            {"@type": "Audience", "audienceType": audience.name} for audience in audiences
        ]
    if event.age_range():
        base["typicalAgeRange"] = event.age_range()
    if event.status == EventStatus.RESCHEDULED and event.original_date:
        base["previousStartDate"] = event.original_date.isoformat()
    offer = {
        "@type": "Offer",
        "price": f"{event.price or 0:.2f}",
        "priceCurrency": "EUR",
        "url": event.registration_url or url,
    }
    items = []
    for session in sessions:
        item = base | {"startDate": _moment(session, "start"), "endDate": _moment(session, "end")}
        # A cancelled event has nothing to book: its status says so, with no offer at all.
        if not event.is_cancelled:
            # Places count per date: EventPage.count_places() set `places_left` on the dates
            # it counted (None without a maximum).
            full = event_full or getattr(session, "places_left", None) == 0
            availability = "https://schema.org/SoldOut" if full else "https://schema.org/InStock"
            item["offers"] = offer | {"availability": availability}
        items.append(item)
    return json_ld(items[0] if len(items) == 1 else items)


def _utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


@register.simple_tag(takes_context=True)
def google_calendar_url(context, event, session):
    if session.all_day:
        dates = f"{session.date:%Y%m%d}/{session.last_day + datetime.timedelta(days=1):%Y%m%d}"
    else:
        dates = f"{_utc(session.start)}/{_utc(session.end)}"
    query = {
        "action": "TEMPLATE",
        "text": event.title,
        "dates": dates,
        "details": f"{event.summary}\n\n{context['request'].build_absolute_uri(event.url)}",
        "location": event.location_text,
        "ctz": "Europe/Amsterdam",
    }
    return "https://calendar.google.com/calendar/render?" + urlencode(query)


@register.simple_tag(takes_context=True)
def outlook_calendar_url(context, event, session):
    query = {
        "path": "/calendar/action/compose",
        "rru": "addevent",
        "subject": event.title,
        "startdt": _moment(session, "start"),
        "enddt": _moment(session, "end"),
        "allday": "true" if session.all_day else "false",
        "body": f"{event.summary}\n\n{context['request'].build_absolute_uri(event.url)}",
        "location": event.location_text,
    }
    return "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(query)
