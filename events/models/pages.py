"""Events (PET, ouder-kind-dag, volwassenen-PET, ...), their dated sessions and the calendar."""

import datetime
import re
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Max, OuterRef, Prefetch, Subquery, Sum, prefetch_related_objects
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import SimpleLazyObject, cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from campuses.models import CampusPage
from campuses.permissions import CoordinatorPagePermissionTester
from core.blocks import BaseStreamBlock
from core.models import (
    PAGE_PROMOTE_PANELS,
    BasePage,
    ImageAltMixin,
    Region,
    SectionPageMixin,
    demo_flag,
    demo_flag_panel,
    latitude_field,
    longitude_field,
    optional_image,
)
from core.pages import SitemapEntries, render_subpage, subpage_url
from partners.models import Partner
from partners.widgets import partner_search

from .. import views
from ..calendar import MonthGrid, calendar_response
from ..forms import EventFilterForm, EventPageForm
from .registration import Registration
from .taxonomy import Audience, EventKind, EventStatus, RegistrationMode

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SESSIONS_PER_PAGE = 20
NEXT_EVENTS = 3  # on the home page, campus pages and partner profiles
# Past sessions stay in the feed for a while, so a calendar that subscribed keeps recent history.
FEED_HISTORY = datetime.timedelta(days=30)
FEED_MAX_SESSIONS = 1000
MAX_SESSION_DAYS = 31
# Sub-page routes of the calendar; an event with one of these slugs would be unreachable.
RESERVED_SLUGS = {"archief"}
DUTCH_POSTCODE = re.compile(r"(?P<postcode>\d{4} ?[A-Z]{2})\s+(?P<place>.+)")


def calendar_file_url(page, filename):
    """The URL of a page's .ics file (feed or event), served by events.feeds: like page.url,
    relative on a single site and with the site's root URL among several."""
    site_id, root_url, page_path = page.get_url_parts()
    kwargs = {"page_path": page_path.lstrip("/"), "filename": filename}
    path = reverse("calendar_file", kwargs=kwargs)
    return path if len(Site.get_site_root_paths()) == 1 else root_url + path


def per_registration(label, default, help_text):
    """The most of one number (pupils, adults, persons) a single registration may ask for."""
    return models.PositiveSmallIntegerField(
        label,
        default=default,
        validators=[MinValueValidator(1)],
        help_text=help_text,
    )


def page_of(sessions, request):
    """The page of `sessions` the request asks for, read only when a template shows it: the
    listing is a cached fragment most of the time (core_tags.content_fragment)."""
    page = SimpleLazyObject(
        lambda: Paginator(sessions(), SESSIONS_PER_PAGE).get_page(request.GET.get("pagina"))
    )
    return {"page_obj": page, "sessions": SimpleLazyObject(lambda: page.object_list)}


def local_day_start(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=AMSTERDAM)


class SessionQuerySet(models.QuerySet):
    """Sessions are what a calendar lists: one event may have several dates."""

    def published(self, calendar=None):
        """Sessions of live, public events (of one calendar, when given)."""
        events = EventPage.objects.live().public()
        if calendar is not None:
            events = events.child_of(calendar)
        return self.filter(event__in=events)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def next(self, **filters):
        """The next few sessions of published events, optionally narrowed (campus, host...)."""
        return self.published().filter(**filters).upcoming().for_listing()[:NEXT_EVENTS]

    def past(self):
        return self.filter(ends_at__lt=timezone.now()).order_by("-starts_at", "-pk")

    def between(self, first_day=None, last_day=None):
        """Sessions that touch any day from first_day through last_day (either may be open)."""
        sessions = self
        if first_day:
            sessions = sessions.filter(ends_at__gte=local_day_start(first_day))
        if last_day:
            next_day = last_day + datetime.timedelta(days=1)
            sessions = sessions.filter(starts_at__lt=local_day_start(next_day))
        return sessions

    def for_listing(self):
        """Everything a listing, the month grid or the feed shows, in a fixed few queries."""
        # A card names a family day with its first date only: read with the day, in one query.
        first_date = EventSession.objects.filter(event=OuterRef("pk")).order_by("starts_at", "pk")
        family_days = EventPage.objects.live().annotate(
            first_date=Subquery(first_date.values("date")[:1])
        )
        return self.select_related("event", "event__campus", "event__region").prefetch_related(
            "event__audiences", Prefetch("event__family_days", queryset=family_days)
        )


class EventSession(Orderable):
    """One dated occurrence of an event: a day (all day), a time slot, or several days."""

    event = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="sessions")
    date = models.DateField("Datum")
    start_time = models.TimeField(
        "Begintijd", null=True, blank=True, help_text="Leeg laten voor een hele dag."
    )
    end_date = models.DateField(
        "Einddatum", null=True, blank=True, help_text="Alleen als het meer dan één dag duurt."
    )
    end_time = models.TimeField("Eindtijd", null=True, blank=True)
    # Derived from the fields above in Europe/Amsterdam time, so the database can filter and
    # sort on moments; the fields above stay what editors see and templates show.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)
    # Places are per date: a class on 10 March never waits for a place on 11 March.
    capacity = models.PositiveIntegerField(
        "Aantal plaatsen",
        null=True,
        blank=True,
        help_text="Bij aanmelden via deze site: het maximum aantal deelnemers op deze datum "
        "(leerlingen en begeleiders samen). Wie daarna komt, staat op de wachtlijst van deze "
        "datum.",
    )

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldRowPanel(["date", "start_time", "end_time"]),
        FieldRowPanel(["end_date", "capacity"]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Datum"
        verbose_name_plural = "Data"

    def __str__(self):
        return f"{self.event.title} ({self.date:%d-%m-%Y})"

    @property
    def all_day(self):
        return self.start_time is None

    @property
    def last_day(self):
        return self.end_date or self.date

    @property
    def start(self):
        """Start as an aware datetime (midnight for a whole day)."""
        return datetime.datetime.combine(
            self.date, self.start_time or datetime.time.min, tzinfo=AMSTERDAM
        )

    @property
    def end(self):
        """End as an aware datetime; a whole day ends at the next midnight."""
        if self.all_day or self.end_time is None:
            return local_day_start(self.last_day + datetime.timedelta(days=1))
        return datetime.datetime.combine(self.last_day, self.end_time, tzinfo=AMSTERDAM)

    @property
    def spans_days(self):
        return self.last_day != self.date

    @property
    def when_text(self):
        """When, in Dutch, as every page, form and e-mail says it: "dinsdag 9 maart 2027,
        09:00–14:30 uur", "zaterdag 3 april 2027 tot en met zondag 4 april 2027"."""
        text = date_format(self.date, "l j F Y")
        if self.spans_days:
            text += f" tot en met {date_format(self.last_day, 'l j F Y')}"
        if not self.all_day:
            text += f", {self.time_text} uur"
        return text

    @property
    def date_text(self):
        """The date in figures, as Dutch spreadsheets read it: "06-01-2027", or
        "03-04-2027 t/m 04-04-2027"."""
        text = f"{self.date:%d-%m-%Y}"
        if self.spans_days:
            text += f" t/m {self.last_day:%d-%m-%Y}"
        return text

    @property
    def time_text(self):
        """The time on a 24-hour clock, "09:00–14:30", or "hele dag"."""
        return "hele dag" if self.all_day else f"{self.start_time:%H:%M}–{self.end_time:%H:%M}"

    @property
    def ics_name(self):
        return f"{self.event.slug}-{self.date:%Y-%m-%d}.ics"

    def days(self):
        length = (self.last_day - self.date).days + 1
        return [self.date + datetime.timedelta(days=number) for number in range(length)]

    def clean(self):
        super().clean()
        if self.date is None:
            return  # a date that could not be read: its field says so
        if self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": "De einddatum ligt voor de begindatum."})
        if self.end_date and (self.end_date - self.date).days > MAX_SESSION_DAYS:
            raise ValidationError({"end_date": "Een datum duurt hoogstens een maand."})
        if self.start_time and not self.end_time:
            raise ValidationError({"end_time": "Vul ook een eindtijd in."})
        if self.end_time and not self.start_time:
            raise ValidationError({"start_time": "Vul ook een begintijd in."})
        if self.start_time and self.end_time and self.end <= self.start:
            raise ValidationError({"end_time": "De eindtijd ligt voor de begintijd."})

    def save(self, *args, **kwargs):
        self.starts_at, self.ends_at = self.start, self.end
        super().save(*args, **kwargs)

    @property
    def is_over(self):
        return self.end < timezone.now()

    @property
    def has_maximum(self):
        """Whether this date has a number of places; without one (empty, or 0 in old data)
        everybody gets in and nobody waits."""
        return bool(self.capacity)

    def places_taken(self):
        return self.registrations.confirmed().places()


class EventIndexPage(SectionPageMixin, RoutablePageMixin, BasePage):
    """The calendar at /agenda/: a list or month grid, the archive, and the iCalendar feed."""

    content_panels = Page.content_panels + ["intro"]

    subpage_types = ["events.EventPage"]
    max_count = 1
    # Events are no menu: the admin lists the last edited first (Wagtail's default).
    admin_default_ordering = "-latest_revision_created_at"

    class Meta:
        verbose_name = "Agenda"

    def permissions_for_user(self, user):
        # Campus coordinators add the events of their campuses here (campuses/permissions.py).
        return CoordinatorPagePermissionTester(user, self)

    def sessions(self, form):
        """The published sessions narrowed by the filter form: the base of every view."""
        return form.filter(EventSession.objects.published(calendar=self))

    def subscribe_urls(self, request, form):
        """The feed's addresses with the filters of `form`, read when a template shows them."""

        def feed_url():
            query = form.feed_query()
            url = request.build_absolute_uri(calendar_file_url(self, "feed"))
            return url + (f"?{query}" if query else "")

        feed = SimpleLazyObject(feed_url)
        webcal = SimpleLazyObject(lambda: "webcal://" + str(feed).split("://", 1)[1])
        return {"feed_url": feed, "webcal_url": webcal}

    def get_sitemap_urls(self, request=None):
        """With the archive, which changes when an event is published (events are pages)."""
        newest = self.get_children().live().aggregate(newest=Max("last_published_at"))
        return [
            *super().get_sitemap_urls(request),
            SitemapEntries(self, request).route("archive", lastmod=newest["newest"]),
        ]

    @path("")
    def calendar(self, request):
        # Nothing is read here: the template's fragments read what they show, when not cached.
        form = EventFilterForm(request.GET or None)
        context = {"form": form, **self.subscribe_urls(request, form)}
        if request.GET.get("weergave") == "maand":
            grid = MonthGrid.for_request(request.GET.get("maand"), today=timezone.localdate())
            sessions = self.sessions(form).select_related("event")
            context["month"] = SimpleLazyObject(lambda: grid.fill(sessions))
            context["view"] = "maand"
            # The filter form keeps the month view and the month shown.
            context["keep"] = [("weergave", "maand"), ("maand", grid.param)]
        else:
            listing = page_of(lambda: self.sessions(form).upcoming().for_listing(), request)
            context.update(view="lijst", **listing)
        return self.render(request, context_overrides=context)

    @path("archief/", name="archive")
    def archive(self, request):
        form = EventFilterForm(request.GET or None)
        listing = page_of(lambda: self.sessions(form).past().for_listing(), request)
        trail = [("Archief", None)]
        return render_subpage(
            self, request, "events/event_archive.html", trail, form=form, **listing
        )

    def feed(self, request):
        """The iCalendar feed at feed.ics, same filters (routed by events.feeds)."""
        form = EventFilterForm(request.GET or None)
        since = timezone.now() - FEED_HISTORY
        # Only what a calendar entry holds: the event with its campus (the location).
        sessions = self.sessions(form).upcoming(now=since).select_related("event__campus")
        return calendar_response(
            request,
            sessions[:FEED_MAX_SESSIONS],
            name=f"{self.title} - {settings.WAGTAIL_SITE_NAME}",
            filename="agenda.ics",
        )


class EventPage(ImageAltMixin, RoutablePageMixin, Page):
    """A PET, ouder-kind-dag, inspiration day or meeting, with its sessions and registration."""

    kind = models.CharField("Soort", max_length=20, choices=EventKind.choices)
    audiences = ParentalManyToManyField(
        Audience, verbose_name="Doelgroepen", blank=True, related_name="events"
    )
    summary = models.TextField(
        "Samenvatting", max_length=400, help_text="Eén of twee zinnen voor het overzicht."
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)
    image = optional_image("Afbeelding")
    image_alt = models.CharField(
        "Alt-tekst van de afbeelding",
        max_length=200,
        blank=True,
        help_text="Laat leeg om de beschrijving uit de afbeeldingenbibliotheek te gebruiken. "
        "Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.",
    )
    status = models.CharField(
        "Status", max_length=20, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    original_date = models.DateField(
        "Oorspronkelijke datum",
        null=True,
        blank=True,
        help_text="Bij een verplaatst evenement: de datum waarop het eerst gepland stond.",
    )
    campus = models.ForeignKey(
        CampusPage,
        verbose_name="Campus",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="Vindt het plaats op een campus? Dan zijn adres en regio die van de campus.",
    )
    location_name = models.CharField(
        "Naam van de locatie",
        max_length=200,
        blank=True,
        help_text="Als het niet op een campus is.",
    )
    address = models.CharField("Adres", max_length=200, blank=True)
    latitude = latitude_field()
    longitude = longitude_field()
    region = models.ForeignKey(
        Region,
        verbose_name="Regio",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text="Leeg laten bij een campus: dan geldt de regio van de campus.",
    )
    hosts = ParentalManyToManyField(
        Partner, verbose_name="Organisatoren", blank=True, related_name="hosted_events"
    )
    related_pet = models.ForeignKey(
        "self",
        verbose_name="Hoort bij PET",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="family_days",
        limit_choices_to={"kind": EventKind.PET},
        help_text="Voor een ouder-kind-dag: de PET waar hij bij hoort.",
    )
    price = models.DecimalField(
        "Prijs (euro)",
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="Leeg of 0 betekent gratis.",
    )
    accessibility = models.TextField(
        "Toegankelijkheid",
        blank=True,
        max_length=1000,
        help_text="Bijvoorbeeld rolstoeltoegankelijk, prikkelarme ruimte, parkeren.",
    )
    registration_mode = models.CharField(
        "Aanmelden",
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField("Aanmeldpagina elders", blank=True)
    # One registration may not fill a date: editors set how many one registration may bring.
    max_pupils = per_registration(
        "Leerlingen per aanmelding",
        35,
        "Bij een PET: zoveel leerlingen meldt een school hoogstens in één aanmelding aan. "
        "Standaard één klas (35).",
    )
    max_adults = per_registration(
        "Begeleiders per aanmelding",
        5,
        "Bij een PET: zoveel begeleiders gaan hoogstens mee met één aanmelding.",
    )
    max_persons = per_registration(
        "Personen per aanmelding",
        10,
        "Bij de andere evenementen: zoveel personen (de aanmelder meegeteld) meldt iemand "
        "hoogstens in één keer aan.",
    )
    is_demo = demo_flag("Fictief evenement, alleen voor demonstratie.")
    # RFC 5545 SEQUENCE: raised on every publish, so subscribed calendars take the change.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel(["kind", "status", "original_date"]),
        "summary",
        InlinePanel("sessions", heading="Data", label="Datum", min_num=1),
        FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                "campus",
                "location_name",
                "address",
                FieldRowPanel(["latitude", "longitude"]),
                "region",
            ],
            heading="Locatie",
        ),
        FieldPanel("hosts", widget=partner_search()),
        # A list of the PETs only (limit_choices_to), not a chooser over every event.
        FieldPanel("related_pet", widget=forms.Select),
        MultiFieldPanel(
            [
                "registration_mode",
                "registration_url",
                "price",
                FieldRowPanel(["max_pupils", "max_adults", "max_persons"]),
            ],
            heading="Aanmelden en prijs",
            help_text="Het aantal plaatsen vult u per datum in, bij Data. Wie meer wil aanmelden "
            "dan één aanmelding toestaat, neemt contact op met de organisatie.",
        ),
        "accessibility",
        MultiFieldPanel(["image", "image_alt"], heading="Beeld"),
        "body",
        demo_flag_panel(),
    ]
    promote_panels = PAGE_PROMOTE_PANELS

    base_form_class = EventPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    image_alt_fields = {"image": "image_alt"}
    og_type = "article"  # Open Graph has no type for an event; "website" is for a home page

    class Meta:
        verbose_name = "Evenement"
        verbose_name_plural = "Evenementen"

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def share_image(self):
        return self.image

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def for_schools(self):
        """A PET registers classes; everything else registers people."""
        return self.kind == EventKind.PET

    @property
    def place_name(self):
        return self.campus.title if self.campus_id else self.location_name

    @property
    def full_address(self):
        """The event's own address, else its campus's; a campus without an address still
        names its place."""
        if self.address or not self.campus_id:
            return self.address
        return self.campus.address or self.campus.place

    @property
    def postal_address(self):
        """The address in schema.org's parts: "Dreef 3, 2012 HR Haarlem" gives the street,
        the postcode and the place; only the parts there are."""
        street, _, rest = self.full_address.rpartition(",")
        match = DUTCH_POSTCODE.match(rest.strip())
        parts = {"streetAddress": street.strip(), "addressLocality": rest.strip()}
        if match:
            parts.update(postalCode=match["postcode"], addressLocality=match["place"])
        return {key: value for key, value in parts.items() if value}

    @property
    def coordinates(self):
        source = self if self.latitude is not None else self.campus
        if source is None or source.latitude is None or source.longitude is None:
            return None
        return source.latitude, source.longitude

    @property
    def map_url(self):
        """The location on OpenStreetMap; built here, not in a template, so the Dutch locale
        never writes the decimals with a comma."""
        if not self.coordinates:
            return ""
        latitude, longitude = self.coordinates
        return (
            f"https://www.openstreetmap.org/?mlat={latitude}&mlon={longitude}"
            f"#map=16/{latitude}/{longitude}"
        )

    @property
    def location_text(self):
        return ", ".join(part for part in [self.place_name, self.full_address] if part)

    def age_range(self):
        audiences = [a for a in self.audiences.all() if a.min_age is not None]
        if not audiences:
            return ""
        low = min(a.min_age for a in audiences)
        high = max(a.max_age or a.min_age for a in audiences)
        return f"{low}-{high}"

    def clean(self):
        errors = {}
        try:
            super().clean()
        except ValidationError as error:  # the alt text, among others: show all at once
            errors.update(error.message_dict)
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "Dit webadres is gereserveerd voor de agenda; kies een ander."
        if self.status == EventStatus.RESCHEDULED and not self.original_date:
            errors["original_date"] = (
                "Vul de oorspronkelijke datum in van het verplaatste evenement."
            )
        if self.registration_mode == RegistrationMode.EXTERNAL and not self.registration_url:
            errors["registration_url"] = "Vul het adres in waar bezoekers zich aanmelden."
        if self.related_pet_id and self.kind != EventKind.FAMILY_DAY:
            errors["related_pet"] = "Alleen een ouder-kind-dag hoort bij een PET."
        if not self.campus_id and not (self.location_name or self.address):
            errors["location_name"] = "Kies een campus of vul een locatie in."
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.campus_id and not self.region_id:
            self.region_id = self.campus.region_id
        if self.pk and kwargs.get("update_fields") is None:
            # From the database: the object being published may come from an older revision.
            stored = EventPage.objects.filter(pk=self.pk).values_list("ical_sequence", flat=True)
            self.ical_sequence = (stored.first() or 0) + 1
        super().save(*args, **kwargs)

    # --- what the event page shows -------------------------------------------------------------

    @cached_property
    def sessions_in_order(self):
        # Read once per request: the page, the form and the registration checks all use it.
        return sorted(self.sessions.all(), key=lambda session: session.start)

    def upcoming_sessions(self):
        now = timezone.now()
        return [session for session in self.sessions_in_order if session.end >= now]

    def count_places(self, sessions):
        """Set `places_left` on each of `sessions` (None for a date without a maximum), in
        one query whatever the number of dates. Returns the sessions."""
        saved = [session.pk for session in sessions if session.pk and session.has_maximum]
        # No query at all when nothing is saved: Django knows `__in=[]` matches nothing.
        taken = dict(
            Registration.objects.confirmed()
            .filter(session__in=saved)
            .values_list("session")
            .annotate(total=Sum("places"))
            .order_by()
        )
        for session in sessions:
            session.places_left = (
                max(session.capacity - taken.get(session.pk, 0), 0) if session.has_maximum else None
            )
        return sessions

    def places_left(self):
        """Free places over all upcoming dates together (None when no date has a maximum);
        0 means every date is full."""
        counted = [
            session.places_left
            for session in self.count_places(self.upcoming_sessions())
            if session.places_left is not None
        ]
        return sum(counted) if counted else None

    def registration_closed_reason(self):
        """Why this event takes no registrations now, in Dutch; empty when it does."""
        if self.registration_mode != RegistrationMode.ON_SITE:
            return "Voor dit evenement meldt u zich niet via deze site aan."
        if self.is_cancelled:
            return "Dit evenement is geannuleerd. Aanmelden kan niet meer."
        if not self.upcoming_sessions():
            return "Dit evenement is al geweest. Aanmelden kan niet meer."
        return ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the template's cached fragments are not there.
        context["shown"] = SimpleLazyObject(self.what_the_page_shows)
        return context

    def what_the_page_shows(self):
        # The facts list, JSON-LD and the age range all read the audiences: fetch them once.
        prefetch_related_objects([self], "audiences")
        shown = {
            "sessions": self.sessions_in_order,
            "upcoming": self.upcoming_sessions(),
            "hosts": self.hosts.filter(live=True).order_by("name"),
            "family_days": self.live_family_days(),
            "places_left": None,
        }
        if self.registration_mode == RegistrationMode.ON_SITE:
            # Also sets places_left on each upcoming date, which the page lists.
            shown["places_left"] = self.places_left()
        return shown

    def live_family_days(self):
        """The published ouder-kind-dagen of this PET, each with its dates in order."""
        sessions = Prefetch("sessions", queryset=EventSession.objects.order_by("starts_at"))
        return self.family_days.live().prefetch_related(sessions).order_by("title")

    def ics_url(self):
        return calendar_file_url(self, "event")

    def ics(self, request):
        """This event as iCalendar at event.ics (routed by events.feeds)."""
        return calendar_response(
            request,
            self.sessions.select_related("event__campus").order_by("starts_at"),
            name=self.title,
            filename=f"{self.slug}.ics",
        )

    def session_ics_url(self, session):
        return subpage_url(self, "session_ics", session.pk)

    @path("ical/<int:session_id>/", name="session_ics")
    def session_ics(self, request, session_id):
        """One date as iCalendar: what "zet in uw agenda" under that date adds."""
        session = get_object_or_404(self.sessions.select_related("event__campus"), pk=session_id)
        return calendar_response(request, [session], name=self.title, filename=session.ics_name)

    @path("aanmelden/", name="sign_up")
    def sign_up(self, request):
        return views.sign_up(request, self)

    @path("aanmelding/<str:token>/", name="registration")
    def registration(self, request, token):
        return views.registration(request, self, token)
