"""Events (PET, ouder-kind-dag, volwassenen-PET, ...), their dated sessions and the calendar."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from partners import ratelimit
from partners.models import Region, coordinate_field

from ..blocks import BaseStreamBlock
from ..calendar import MonthGrid, calendar_response

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SESSIONS_PER_PAGE = 20
NEXT_EVENTS = 3  # on the home page, campus pages and partner profiles
# Past sessions stay in the feed for a while, so a calendar that subscribed keeps recent history.
FEED_HISTORY = datetime.timedelta(days=30)
FEED_MAX_SESSIONS = 1000
# Sub-page routes of the calendar; an event with one of these slugs would be unreachable.
RESERVED_SLUGS = {"archief"}


class EventKind(models.TextChoices):
    PET = "pet", "Promotie Event Techniek (PET)"
    FAMILY_DAY = "ouder-kind-dag", "Ouder-kind-dag"
    ADULT_PET = "volwassenen-pet", "Volwassenen-PET"
    TECHNOLOGY_TABLE = "technologietafel", "Technologietafel"
    ADVISORY_BOARD = "adviescommissie", "Adviescommissie"
    INNOVATION_FESTIVAL = "innovatiefestival", "Innovatiefestival"
    MEETING = "bijeenkomst", "Bijeenkomst"


class EventStatus(models.TextChoices):
    PLANNED = "gepland", "Gepland"
    FULL = "volgeboekt", "Volgeboekt"
    CANCELLED = "geannuleerd", "Geannuleerd"
    RESCHEDULED = "verplaatst", "Verplaatst"


class RegistrationMode(models.TextChoices):
    NONE = "geen", "Geen aanmelding nodig"
    EXTERNAL = "extern", "Aanmelden via een andere website"
    ON_SITE = "site", "Aanmelden via deze site (met maximum en wachtlijst)"


class Audience(models.Model):
    """Who an event is for (basisschool groep 5-8, ouders en kinderen, ...): a fixed list,
    created by a migration, with the age range search engines read as `typicalAgeRange`."""

    name = models.CharField("Naam", max_length=80, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    min_age = models.PositiveSmallIntegerField("Minimumleeftijd", null=True, blank=True)
    max_age = models.PositiveSmallIntegerField("Maximumleeftijd", null=True, blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Doelgroep"
        verbose_name_plural = "Doelgroepen"

    def __str__(self):
        return self.name


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

    def next(self, count=NEXT_EVENTS, **filters):
        """The next few sessions of published events, optionally narrowed (campus, host...)."""
        return list(self.published().filter(**filters).upcoming().for_listing()[:count])

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def overlapping(self, first_day, last_day):
        """Sessions that touch any day from first_day up to and including last_day."""
        return self.filter(
            starts_at__lt=local_day_start(last_day + datetime.timedelta(days=1)),
            ends_at__gte=local_day_start(first_day),
        )

    def filtered(self, filters):
        """Narrow by the calendar's filters (cleaned values, keyed by URL parameter)."""
        lookups = {
            "doelgroep": "event__audiences",
            "soort": "event__kind",
            "regio": "event__region",
            "campus": "event__campus",
        }
        sessions = self
        for name, value in filters.items():
            if name in lookups:
                sessions = sessions.filter(**{lookups[name]: value})
        if filters.get("vanaf"):
            sessions = sessions.filter(ends_at__gte=local_day_start(filters["vanaf"]))
        if filters.get("tot"):
            next_day = filters["tot"] + datetime.timedelta(days=1)
            sessions = sessions.filter(starts_at__lt=local_day_start(next_day))
        return sessions

    def for_listing(self):
        """Everything a listing, the month grid or the feed shows, in a fixed few queries."""
        family_days = EventPage.objects.live().prefetch_related(
            Prefetch("sessions", queryset=EventSession.objects.order_by("starts_at"))
        )
        return self.select_related("event", "event__campus", "event__region").prefetch_related(
            "event__audiences",
            Prefetch("event__family_days", queryset=family_days),
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

    objects = SessionQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("end_date"),
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

    def days(self):
        day = self.date
        while day <= self.last_day:
            yield day
            day += datetime.timedelta(days=1)

    def clean(self):
        super().clean()
        if self.end_date and self.end_date < self.date:
            raise ValidationError({"end_date": "De einddatum ligt voor de begindatum."})
        if self.end_date and (self.end_date - self.date).days > 31:
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


class EventIndexPage(RoutablePageMixin, Page):
    """The calendar at /agenda/: a list or month grid, the archive, and the iCalendar feed."""

    intro = models.TextField("Inleiding", blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count = 1

    class Meta:
        verbose_name = "Agenda"

    @property
    def meta_description(self):
        return self.search_description or self.intro

    def sessions(self):
        """This calendar's published sessions: the base of every view of it."""
        return EventSession.objects.published(calendar=self).for_listing()

    def filter_form(self, request):
        from ..forms import EventFilterForm  # forms need a ready app registry

        return EventFilterForm(request.GET or None)

    def subscribe_urls(self, request, query):
        feed_url = request.build_absolute_uri(self.url + "feed.ics")
        if query:
            feed_url += "?" + query
        return {"feed_url": feed_url, "webcal_url": "webcal://" + feed_url.split("://", 1)[1]}

    @path("")
    def calendar(self, request):
        form = self.filter_form(request)
        sessions = self.sessions().filtered(form.active_filters)
        context = {"form": form, **self.subscribe_urls(request, form.feed_query())}
        if request.GET.get("weergave") == "maand":
            grid = MonthGrid.for_request(request.GET.get("maand"), today=timezone.localdate())
            context["month"] = grid.fill(sessions)
            context["view"] = "maand"
        else:
            page = Paginator(sessions.upcoming(), SESSIONS_PER_PAGE).get_page(
                request.GET.get("pagina")
            )
            context.update(page_obj=page, sessions=page.object_list, view="lijst")
        return self.render(request, context_overrides=context)

    @path("archief/", name="archive")
    def archive(self, request):
        form = self.filter_form(request)
        sessions = self.sessions().filtered(form.active_filters).past()
        page = Paginator(sessions, SESSIONS_PER_PAGE).get_page(request.GET.get("pagina"))
        return self.render(
            request,
            template="events/event_archive.html",
            context_overrides={
                "form": form,
                "page_obj": page,
                "sessions": page.object_list,
                "subpage_trail": [("Archief", None)],
            },
        )

    def feed(self, request):
        """The iCalendar feed at feed.ics, same filters (routed by events.views)."""
        form = self.filter_form(request)
        since = timezone.now() - FEED_HISTORY
        sessions = self.sessions().filtered(form.active_filters).upcoming(now=since)
        return calendar_response(
            request,
            list(sessions[:FEED_MAX_SESSIONS]),
            name=f"{self.title} - {settings.WAGTAIL_SITE_NAME}",
            filename="agenda.ics",
        )


class EventPage(RoutablePageMixin, Page):
    """A PET, ouder-kind-dag, inspiration day or meeting, with its sessions and registration."""

    kind = models.CharField("Soort", max_length=20, choices=EventKind.choices)
    audiences = ParentalManyToManyField(
        Audience, verbose_name="Doelgroepen", blank=True, related_name="events"
    )
    summary = models.TextField(
        "Samenvatting", max_length=400, help_text="Eén of twee zinnen voor het overzicht."
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        "Alt-tekst van de afbeelding",
        max_length=200,
        blank=True,
        help_text="Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.",
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
    # Campuses are pages of the website app, which sits above this one: a lazy reference keeps
    # the import graph one-way (see DESIGN.md).
    campus = models.ForeignKey(
        "website.CampusPage",
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
    latitude = coordinate_field("Breedtegraad")
    longitude = coordinate_field("Lengtegraad")
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
        "partners.Partner", verbose_name="Organisatoren", blank=True, related_name="hosted_events"
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
    capacity = models.PositiveIntegerField(
        "Aantal plaatsen",
        null=True,
        blank=True,
        help_text="Bij aanmelden via deze site: het maximum aantal deelnemers (leerlingen en "
        "begeleiders samen), voor alle data van het evenement samen. Wie daarna komt, staat op "
        "de wachtlijst. Wilt u per datum een maximum? Maak dan per datum een evenement.",
    )
    is_demo = models.BooleanField(
        "Demodata", default=False, help_text="Fictief evenement, alleen voor demonstratie."
    )
    # RFC 5545 SEQUENCE: raised on every publish, so subscribed calendars take the change.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status"), FieldPanel("original_date")]),
        FieldPanel("summary"),
        InlinePanel("sessions", heading="Data", label="Datum", min_num=1),
        FieldPanel("audiences"),
        MultiFieldPanel(
            [
                FieldPanel("campus"),
                FieldPanel("location_name"),
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("region"),
            ],
            heading="Locatie",
        ),
        FieldPanel("hosts"),
        FieldPanel("related_pet"),
        MultiFieldPanel(
            [
                FieldPanel("registration_mode"),
                FieldPanel("registration_url"),
                FieldPanel("capacity"),
                FieldPanel("price"),
            ],
            heading="Aanmelden en prijs",
        ),
        FieldPanel("accessibility"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Beeld"),
        FieldPanel("body"),
        FieldPanel("is_demo"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.SearchField("location_name"),
        index.FilterField("kind"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Evenement"
        verbose_name_plural = "Evenementen"

    @property
    def meta_description(self):
        return self.search_description or self.summary

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    @property
    def for_schools(self):
        """A PET registers classes; everything else registers people."""
        return self.kind == EventKind.PET

    @property
    def is_free(self):
        return not self.price

    @property
    def place_name(self):
        return self.campus.title if self.campus_id else self.location_name

    @property
    def full_address(self):
        return self.campus.address if self.campus_id and not self.address else self.address

    @property
    def coordinates(self):
        source = self if self.latitude is not None else self.campus
        if source is None or source.latitude is None or source.longitude is None:
            return None
        return source.latitude, source.longitude

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
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "Dit webadres is gereserveerd voor de agenda; kies een ander."
        if self.status == EventStatus.RESCHEDULED and not self.original_date:
            errors["original_date"] = (
                "Vul de oorspronkelijke datum in van het verplaatste evenement."
            )
        if self.registration_mode == RegistrationMode.EXTERNAL and not self.registration_url:
            errors["registration_url"] = "Vul het adres in waar bezoekers zich aanmelden."
        if self.registration_mode == RegistrationMode.ON_SITE and not self.capacity:
            errors["capacity"] = "Vul het aantal plaatsen in."
        if self.related_pet_id and self.kind != EventKind.FAMILY_DAY:
            errors["related_pet"] = "Alleen een ouder-kind-dag hoort bij een PET."
        if self.image_id and not self.image_alt:
            errors["image_alt"] = "Geef de afbeelding een alt-tekst."
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

    @property
    def is_past(self):
        return not self.upcoming_sessions()

    def places_taken(self):
        return self.registrations.confirmed().places()

    def places_left(self):
        if not self.capacity:
            return None
        return max(self.capacity - self.places_taken(), 0)

    def registration_closed_reason(self):
        """Why this event takes no registrations now, in Dutch; empty when it does."""
        if self.registration_mode != RegistrationMode.ON_SITE:
            return "Voor dit evenement meldt u zich niet via deze site aan."
        if self.is_cancelled:
            return "Dit evenement is geannuleerd. Aanmelden kan niet meer."
        if self.is_past:
            return "Dit evenement is al geweest. Aanmelden kan niet meer."
        return ""

    def get_context(self, request, *args, **kwargs):
        # The facts list, JSON-LD and the age range all read the audiences: fetch them once.
        prefetch_related_objects([self], "audiences")
        context = super().get_context(request, *args, **kwargs)
        context["sessions"] = self.sessions_in_order
        context["upcoming"] = self.upcoming_sessions()
        context["hosts"] = self.hosts.filter(live=True).order_by("name")
        context["family_days"] = (
            self.family_days.live()
            .prefetch_related(
                Prefetch("sessions", queryset=EventSession.objects.order_by("starts_at"))
            )
            .order_by("title")
        )
        if self.registration_mode == RegistrationMode.ON_SITE:
            context["places_left"] = self.places_left()
        return context

    @path("")
    def detail(self, request):
        return self.render(request)

    def ics(self, request):
        """This event as iCalendar at event.ics (routed by events.views)."""
        return calendar_response(
            request,
            self.sessions.for_listing().order_by("starts_at"),
            name=self.title,
            filename=f"{self.slug}.ics",
        )

    def render_step(self, request, template, trail, status=200, **context):
        response = self.render(
            request,
            template=f"events/{template}.html",
            context_overrides={"subpage_trail": trail, **context},
        )
        response.status_code = status
        return response

    @path("aanmelden/", name="register")
    def register(self, request):
        from ..forms import registration_form_for
        from ..registration import AlreadyRegistered, register, send_registration_mail

        trail = [("Aanmelden", None)]
        closed = self.registration_closed_reason()
        if self.registration_mode == RegistrationMode.NONE:
            raise Http404
        if closed:
            return self.render_step(request, "registration_form", trail, status=410, closed=closed)
        form_class = registration_form_for(self)
        if request.method != "POST":
            return self.render_step(request, "registration_form", trail, form=form_class())
        if not ratelimit.hit(request, "register", settings.EVENT_REGISTRATIONS_PER_HOUR):
            return self.render_step(
                request, "registration_form", trail, status=429, form=form_class(), busy=True
            )
        form = form_class(request.POST)
        if not form.is_valid() or form.bot_detected():
            return self.render_step(request, "registration_form", trail, status=400, form=form)
        try:
            registration, token = register(self, form.registration_data())
        except AlreadyRegistered:
            return self.render_step(
                request, "registration_form", trail, status=409, form=form, duplicate=True
            )
        request.session["registration_mail_sent"] = send_registration_mail(registration, token)
        # 303 See Other to the registrant's own page: a reload never registers twice.
        response = redirect(self.url + self.reverse_subpage("registration", args=[token]))
        response.status_code = 303
        return response

    @path("aanmelding/<str:token>/", name="registration")
    def registration(self, request, token):
        from ..registration import cancel, find_registration

        trail = [("Uw aanmelding", None)]
        registration = find_registration(self, token)
        if registration is None:
            return self.render_step(request, "registration_manage", trail, status=404)
        cancelled_now = False
        if request.method == "POST" and request.POST.get("actie") == "afmelden":
            cancelled_now = cancel(registration)
        return self.render_step(
            request,
            "registration_manage",
            trail,
            registration=registration,
            cancelled_now=cancelled_now,
            mail_sent=request.session.pop("registration_mail_sent", True),
        )
