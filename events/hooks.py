"""What the calendar adds to the apps below it (docs/architecture.md, "Hooks"): the next
events on a campus page and a partner profile, the "Agenda" group in the site search, what
campus coordinators may do in the agenda (edit the events at their campuses, add events),
registrations as personal data, and the agenda as a source of e-mail alerts. Imported by
EventsConfig.ready()."""

from urllib.parse import urlencode

from alerts import sources as alert_sources
from campuses.permissions import register_coordinated_pages
from core import jobs, pagecache, privacy, sections
from core.models import ImportantPages
from search.site import page_group, page_hit, register_group

from .alerts import AGENDA
from .models import EventIndexPage, EventPage, EventSession
from .personal_data import REGISTRATIONS


def campus_events(campus, request):
    agenda = ImportantPages.url_for(request, "agenda_page")
    return {
        "next_events": EventSession.objects.next(event__campus=campus),
        "heading": "Evenementen op deze campus",
        "empty": "Er staan nu geen evenementen op deze campus in de agenda.",
        "more_url": f"{agenda}?{urlencode({'campus': campus.slug})}" if agenda else "",
    }


def partner_events(partner, request):
    sessions = EventSession.objects.next(event__hosts=partner)
    if not sessions:
        return None
    return {"next_events": sessions, "heading": f"Evenementen van {partner.name}"}


sections.register("campus_page", "events/includes/next_events.html", campus_events, 30)
sections.register("partner_profile", "events/includes/next_events.html", partner_events, 30)

register_group(
    "agenda",
    "Agenda",
    50,
    page_group(
        page_hit,
        more_link=lambda request, query: (
            ImportantPages.url_for(request, "agenda_page"),
            "Bekijk de hele agenda",
        ),
    ),
    page_types=[EventPage],
)

register_coordinated_pages(
    editable=lambda campus_ids: EventPage.objects.filter(campus_id__in=campus_ids),
    parents=EventIndexPage.objects.all,
)

privacy.register(REGISTRATIONS)

# Privacy clean-up (AVG), once a day among the scheduled jobs (core/jobs.py). The waitlist
# needs no job: it moves up at the moment places free up (events/registration.py).
jobs.register_command(
    "purge_registrations", jobs.DAILY, "Aanmeldingen 60 dagen na het evenement verwijderen"
)
jobs.register_command("import_calendars", jobs.HOURLY, "Campusagenda's importeren")

alert_sources.register(AGENDA)


@pagecache.register_change_time
def next_session_change(now):
    """An event leaves "upcoming" when its session ends; the agenda shows a session as running
    from its start: cached pages expire at the next start or end."""
    sessions = EventSession.objects.published()
    starts = sessions.filter(starts_at__gt=now).order_by("starts_at").values_list("starts_at")
    ends = sessions.filter(ends_at__gt=now).order_by("ends_at").values_list("ends_at")
    moments = [row[0] for row in (starts.first(), ends.first()) if row]
    return min(moments, default=None)
