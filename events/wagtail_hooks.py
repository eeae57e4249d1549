"""Admin for the calendar: registrations (with their export and a link from every event),
the campus calendars to import, and what the calendar adds to the apps below it through
their hooks (docs/architecture.md, "Hooks"). Who sees which registrations is decided by
`RegistrationPermissionPolicy`, which every view asks."""

from urllib.parse import urlencode

import django_filters
from django.db.models import Count
from django.template.defaultfilters import linebreaksbr
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import InspectView
from wagtail.admin.widgets import Button, ListingButton
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from campuses.permissions import CoordinatedPages
from core import jobs
from core.models import ImportantPages
from core.permissions import RowPermissionViewSetMixin
from core.search_areas import SnippetSearchArea
from core.viewsets import IndexView, SnippetViewSet

from .alerts import AGENDA
from .forms import CampusCalendarForm
from .models import (
    CampusCalendar,
    EventIndexPage,
    EventPage,
    EventSession,
    Registration,
    RegistrationMode,
    RegistrationState,
)
from .models.registration import CONTACT_FIELDS, MOMENTS, PARTY_FIELDS
from .permissions import CampusCalendarPermissionPolicy, RegistrationPermissionPolicy
from .personal_data import REGISTRATIONS
from .signup import expire_holds, promote_waitlist

# Registered before anything asks Wagtail for Registration's policy, which would otherwise
# create the default one (see wagtail.permissions.PolicyRegistry).
REGISTRATION_POLICY = RegistrationPermissionPolicy(Registration)
register_permission_policy(Registration, REGISTRATION_POLICY)
register_permission_policy(CampusCalendar, CampusCalendarPermissionPolicy(CampusCalendar))


def events_with_visible_registrations(request):
    return REGISTRATION_POLICY.events_user_may_view(request.user).order_by("title")


def sessions_with_visible_registrations(request):
    events = REGISTRATION_POLICY.events_user_may_view(request.user)
    return (
        EventSession.objects.filter(event__in=events)
        .select_related("event")
        .order_by("starts_at", "pk")
    )


class RegistrationFilterSet(WagtailFilterSet):
    # Only the events whose registrations the user may see are offered.
    event = django_filters.ModelChoiceFilter(
        label="Evenement", queryset=events_with_visible_registrations
    )

    # Places and waitlists are per date: staff narrow the list to one date of an event.
    session = django_filters.ModelChoiceFilter(
        label="Datum", queryset=sessions_with_visible_registrations
    )

    class Meta:
        model = Registration
        fields = ["state", "event", "session"]


class RegistrationIndexView(IndexView):
    """The registrations; an export of one event's (the listing filtered on it, as the
    event's "Aanmeldingen" button opens it) is named after the event, file and sheet."""

    @cached_property
    def event(self):
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data.get("event")
        return None

    def get_filename(self):
        filename = super().get_filename()
        return f"{filename}-{self.event.slug}" if self.event else filename

    def get_sheet_title(self, queryset):
        return self.event.title if self.event else super().get_sheet_title(queryset)


@register_snippet
class RegistrationViewSet(RowPermissionViewSetMixin, SnippetViewSet):
    model = Registration
    icon = "group"
    menu_label = "Aanmeldingen"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["__str__", "session", "state", "places", "email", "created_at"]
    filterset_class = RegistrationFilterSet
    search_fields = ["contact_name", "school_name", "email"]
    search_backend_name = None  # registrations are personal data: never in a search index
    index_view_class = RegistrationIndexView
    # The date and time apart, as organisers sort and plan; the state as they read it ("Wacht
    # op bevestiging e-mailadres"), not its code; everyone who comes in one total (a class's
    # pupils and adults, or the persons of another event's registration).
    list_export = ["event", "date_text", "time_text", "get_state_display"]
    list_export += ["school_name", "school_reference", "groups", "pupils", "adults", "places"]
    list_export += [*CONTACT_FIELDS, *MOMENTS]
    export_headings = {
        "date_text": "Datum",
        "time_text": "Tijd",
        "get_state_display": "Status",
        "places": "Totaal personen",
    }
    export_filename = "aanmeldingen"
    inspect_view_enabled = True
    panels = ["state", "session", *PARTY_FIELDS, *CONTACT_FIELDS]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("event", "session__event")


@hooks.register("register_admin_search_area")
def registration_search_area():
    return SnippetSearchArea(Registration.snippet_viewset, order=240)


@hooks.register("register_page_listing_buttons")
def registrations_button(page, user, next_url=None):
    if (
        isinstance(page.specific_deferred, EventPage)
        and page.specific_deferred.registration_mode == RegistrationMode.ON_SITE
        and REGISTRATION_POLICY.user_may_view_registrations_of(user, page.specific_deferred)
    ):
        url = reverse("wagtailsnippets_events_registration:list") + f"?event={page.pk}"
        yield ListingButton("Aanmeldingen", url=url, icon_name="group", priority=60)


@hooks.register("register_page_header_buttons")
def registrations_header_button(page, user, view_name, next_url=None):
    yield from (
        Button(button.label, url=button.url, icon_name="group", priority=60)
        for button in registrations_button(page, user)
    )


class WaitlistPanel(Component):
    """On the dashboard of staff who see registrations: how many wait for a place on dates
    still to come, counted within the user's rights (a coordinator: their campus's events)."""

    name = "registrations_on_waitlist"
    template_name = "events/admin/waitlist_panel.html"
    order = 60

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        waiting = REGISTRATION_POLICY.instances_user_has_any_permission_for(
            self.user, ["view"]
        ).filter(state=RegistrationState.WAITLISTED, session__ends_at__gte=timezone.now())
        counts = waiting.aggregate(count=Count("pk"), events=Count("event", distinct=True))
        list_url = reverse("wagtailsnippets_events_registration:list")
        return counts | {"list_url": f"{list_url}?state={RegistrationState.WAITLISTED}"}


@hooks.register("construct_homepage_panels")
def add_waitlist_panel(request, panels):
    if REGISTRATION_POLICY.user_has_permission(request.user, "view"):
        panels.append(WaitlistPanel(request.user))


@hooks.register("after_edit_snippet")
def promote_after_edit(request, instance):
    # Staff who cancel a registration or lower its numbers free places for the waitlist.
    promote_after_delete(request, [instance])


@hooks.register("after_delete_snippet")
def promote_after_delete(request, instances):
    events = {instance.event for instance in instances if isinstance(instance, Registration)}
    promote_waitlist([session for event in events for session in event.sessions.all()])


class CampusCalendarInspectView(InspectView):
    def get_last_report_display_value(self):
        # The report names what the feed said: escaped, one line per item.
        return linebreaksbr(self.object.last_report or "-", autoescape=True)


@register_snippet
class CampusCalendarViewSet(RowPermissionViewSetMixin, SnippetViewSet):
    """The campus calendars `import_calendars` imports, with the report of the last run in
    the listing (summary) and on each calendar's page (in full)."""

    model = CampusCalendar
    icon = "calendar-alt"
    menu_label = "Campusagenda's"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["campus", "url", "active", "last_run_at", "last_outcome", "last_summary"]
    list_filter = ["active", "last_outcome"]
    search_fields = ["url", "campus__title"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_class = CampusCalendarInspectView
    inspect_view_fields_exclude = ["id"]
    edit_handler = ObjectList(["campus", "url", "active"], base_form_class=CampusCalendarForm)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("campus")


# --- what the calendar adds below it -------------------------------------------------------

NEXT_EVENTS_TEMPLATE = "events/includes/next_events.html"


@hooks.register("campus_page_sections", order=30)
def campus_events(request, campus):
    agenda = ImportantPages.url_for(request, "agenda_page")
    context = {
        "next_events": EventSession.objects.next(event__campus=campus),
        "heading": "Evenementen op deze campus",
        "empty": "Er staan nu geen evenementen op deze campus in de agenda.",
        "more_url": f"{agenda}?{urlencode({'campus': campus.slug})}" if agenda else "",
    }
    return render_to_string(NEXT_EVENTS_TEMPLATE, context, request)


@hooks.register("partner_profile_sections", order=30)
def partner_events(request, partner):
    sessions = EventSession.objects.next(event__hosts=partner)
    if not sessions:
        return ""
    context = {"next_events": sessions, "heading": f"Evenementen van {partner.name}"}
    return render_to_string(NEXT_EVENTS_TEMPLATE, context, request)


hooks.register(
    "coordinated_pages",
    CoordinatedPages(
        editable=lambda campus_ids: EventPage.objects.filter(campus_id__in=campus_ids),
        parents=EventIndexPage.objects.all,
    ),
)
hooks.register("personal_data", REGISTRATIONS)
hooks.register("alert_sources", AGENDA)
# Privacy clean-up (AVG) once a day. The waitlist needs no job: it moves up at the moment
# places free up (events/signup.py).
hooks.register(
    "scheduled_jobs",
    jobs.command_job(
        "purge_registrations", jobs.DAILY, "Aanmeldingen 60 dagen na het evenement verwijderen"
    ),
)
hooks.register(
    "scheduled_jobs",
    jobs.Job(
        "expire_registration_holds",
        jobs.HOURLY,
        expire_holds,
        "Aanmeldingen waarvan het e-mailadres niet op tijd is bevestigd laten vervallen",
    ),
)
hooks.register(
    "scheduled_jobs",
    jobs.command_job("import_calendars", jobs.HOURLY, "Campusagenda's importeren"),
)


@hooks.register("page_change_times")
def next_session_change(now):
    """An event leaves "upcoming" when its session ends; the agenda shows a session as running
    from its start: cached pages expire at the next start or end."""
    sessions = EventSession.objects.published()
    starts = sessions.filter(starts_at__gt=now).order_by("starts_at").values_list("starts_at")
    ends = sessions.filter(ends_at__gt=now).order_by("ends_at").values_list("ends_at")
    moments = [row[0] for row in (starts.first(), ends.first()) if row]
    return min(moments, default=None)
