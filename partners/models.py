"""The manifest's taxonomy: regions, themes, action lines and the numbered actions.

These are snippets: editors manage them in the admin, every later part of the site (partners,
initiatives, events, campuses) classifies itself by them.
"""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index


class EconomicRegion(models.TextChoices):
    NOORD_HOLLAND_NOORD = "nhn", "Noord-Holland Noord"
    MRA = "mra", "Metropoolregio Amsterdam"


class Region(index.Indexed, models.Model):
    """One of the five labour-market regions (arbeidsmarktregio's) of Noord-Holland."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    economic_region = models.CharField(
        "Economische regio", max_length=3, choices=EconomicRegion.choices
    )
    description = models.TextField("Omschrijving", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("economic_region"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Arbeidsmarktregio"
        verbose_name_plural = "Arbeidsmarktregio's"

    def __str__(self):
        return self.name


class Theme(index.Indexed, models.Model):
    """One of the six themes of the manifest."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField("Omschrijving", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = "Thema"
        verbose_name_plural = "Thema's"

    def __str__(self):
        return self.name


class ActionLine(models.Model):
    """An action line (actielijn) I to V of the implementation agenda."""

    code = models.CharField(
        "Code", max_length=5, unique=True, help_text="Romeins cijfer, zoals in de agenda: I t/m V."
    )
    title = models.CharField("Titel", max_length=200)
    goal = models.TextField("Doel")
    description = models.TextField("Toelichting", blank=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("goal"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = "Actielijn"
        verbose_name_plural = "Actielijnen"

    def __str__(self):
        return f"{self.code}. {self.title}"


class PartnerKind(models.TextChoices):
    BUSINESS = "bedrijfsleven", "Bedrijfsleven"
    EDUCATION = "onderwijs", "Onderwijs"
    GOVERNMENT = "overheid", "Overheid"
    CIVIL_SOCIETY = "maatschappelijk", "Maatschappelijke organisatie"
    OTHER = "overig", "Overig"


class Partner(index.Indexed, models.Model):
    """An organisation in the talent ecosystem: company, school, government or other."""

    name = models.CharField("Naam", max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    kind = models.CharField("Soort", max_length=20, choices=PartnerKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name="Regio",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="partners",
    )
    website = models.URLField("Website", blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_description = models.TextField("Korte omschrijving", max_length=500, blank=True)
    is_demo = models.BooleanField(
        "Demodata", default=False, help_text="Fictieve organisatie, alleen voor demonstratie."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("region")]),
        FieldPanel("website"),
        FieldPanel("logo"),
        FieldPanel("short_description"),
        FieldPanel("is_demo"),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("short_description"),
        index.FilterField("kind"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "Partner"
        verbose_name_plural = "Partners"

    def __str__(self):
        return self.name


class PurposeCaseStatus(models.TextChoices):
    EXPLORING = "verkenning", "Verkenning"
    BUILDING = "in-opbouw", "Purpose case in opbouw"
    RUNNING = "in-uitvoering", "In uitvoering"
    COMPLETED = "afgerond", "Afgerond"
    STOPPED = "gestopt", "Gestopt"


class ManifestActionQuerySet(models.QuerySet):
    def in_agenda_order(self):
        return self.select_related("line").order_by("line__sort_order", "agenda_number", "pk")


class ManifestAction(index.Indexed, ClusterableModel):
    """A numbered action of the agenda.

    The agenda number is deliberately not unique: the policy text numbers two actions "3"
    (one in line I, one in line II) and the site keeps the numbering of the source.
    """

    agenda_number = models.PositiveSmallIntegerField("Actienummer in de agenda")
    line = models.ForeignKey(
        ActionLine, verbose_name="Actielijn", on_delete=models.PROTECT, related_name="actions"
    )
    coalition_code = models.CharField(
        "Ontwikkelcoalitie",
        max_length=10,
        blank=True,
        help_text="Nummer van de ontwikkelcoalitie, zoals '5a'. Leeg als er (nog) geen is.",
    )
    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    summary = models.CharField("Samenvatting", max_length=300, blank=True)
    description = RichTextField(
        "Omschrijving", blank=True, features=["bold", "italic", "link", "ul"]
    )
    status = models.CharField(
        "Status",
        max_length=20,
        choices=PurposeCaseStatus.choices,
        default=PurposeCaseStatus.EXPLORING,
    )
    lead_partner = models.ForeignKey(
        Partner,
        verbose_name="Aanjager (partner)",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_actions",
    )
    lead_organisation_name = models.CharField(
        "Aanjager (naam)",
        max_length=200,
        blank=True,
        help_text="Alleen invullen als de aanjager (nog) geen partner in het register is.",
    )
    member_partners = ParentalManyToManyField(
        Partner, verbose_name="Coalitiepartners", blank=True, related_name="coalition_actions"
    )

    objects = ManifestActionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("agenda_number"), FieldPanel("line"), FieldPanel("coalition_code")],
            heading="Plaats in de agenda",
        ),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("lead_partner"),
                FieldPanel("lead_organisation_name"),
                FieldPanel("member_partners"),
            ],
            heading="Ontwikkelcoalitie",
        ),
        InlinePanel("targets", label="Doel", heading="Doelen en voortgang"),
    ]

    search_fields = [
        index.SearchField("title", boost=2),
        index.AutocompleteField("title"),
        index.SearchField("summary"),
        index.SearchField("description"),
        index.FilterField("line_id"),
    ]

    class Meta:
        ordering = ["line__sort_order", "agenda_number", "pk"]
        verbose_name = "Manifestactie"
        verbose_name_plural = "Manifestacties"

    def __str__(self):
        return f"Actie {self.agenda_number}: {self.title}"

    def get_absolute_url(self):
        # Served by the manifest page's routes; the path is part of the public URL contract
        # (DESIGN.md), so the registry can link to it without knowing about pages.
        return f"/manifest/acties/{self.slug}/"

    @property
    def lead_name(self):
        return self.lead_partner.name if self.lead_partner else self.lead_organisation_name

    @classmethod
    def attach_progress(cls, actions):
        """Set `initiative_count` and `partner_count` on each action, in four queries in all.

        Partners involved are the coalition's lead and members plus the lead and participants
        of the action's live initiatives, each counted once.
        """
        actions = list(actions)
        by_id = {action.pk: action for action in actions}
        initiatives = {action_id: set() for action_id in by_id}
        partners = {action_id: set() for action_id in by_id}
        links = Initiative.actions.through.objects.filter(
            manifestaction_id__in=by_id, initiative__live=True
        ).values_list("manifestaction_id", "initiative_id", "initiative__lead_partner_id")
        actions_of_initiative = {}
        for action_id, initiative_id, lead_id in links:
            initiatives[action_id].add(initiative_id)
            actions_of_initiative.setdefault(initiative_id, set()).add(action_id)
            if lead_id:
                partners[action_id].add(lead_id)
        participants = Initiative.partners.through.objects.filter(
            initiative_id__in=actions_of_initiative
        ).values_list("initiative_id", "partner_id")
        for initiative_id, partner_id in participants:
            for action_id in actions_of_initiative[initiative_id]:
                partners[action_id].add(partner_id)
        members = cls.member_partners.through.objects.filter(
            manifestaction_id__in=by_id
        ).values_list("manifestaction_id", "partner_id")
        for action_id, partner_id in members:
            partners[action_id].add(partner_id)
        for action_id, action in by_id.items():
            if action.lead_partner_id:
                partners[action_id].add(action.lead_partner_id)
            action.initiative_count = len(initiatives[action_id])
            action.partner_count = len(partners[action_id])
        return actions


class ActionTarget(Orderable):
    """A concrete, dated target of an action ("eind 2023: ten minste 3 combinaties")."""

    action = ParentalKey(ManifestAction, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(
        "Jaar", null=True, blank=True, help_text="Leeg als de agenda geen jaar noemt."
    )
    deadline = models.CharField(
        "Termijn",
        max_length=40,
        blank=True,
        help_text="Zoals in de agenda: 'eind 2023', 'vanaf 2022'.",
    )
    text = models.TextField("Doel")
    progress_current = models.PositiveIntegerField("Bereikt", null=True, blank=True)
    progress_goal = models.PositiveIntegerField(
        "Streefwaarde",
        null=True,
        blank=True,
        help_text="Vul in als het doel meetbaar is, bijv. 500 zij-instroomtrajecten.",
    )
    progress_unit = models.CharField(
        "Eenheid", max_length=60, blank=True, help_text="Bijv. 'trajecten', 'bedrijven'."
    )
    progress_measured_on = models.DateField("Gemeten op", null=True, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("deadline")]),
        FieldPanel("text"),
        FieldRowPanel(
            [
                FieldPanel("progress_current"),
                FieldPanel("progress_goal"),
                FieldPanel("progress_unit"),
                FieldPanel("progress_measured_on"),
            ],
            heading="Voortgang",
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "Doel"
        verbose_name_plural = "Doelen"

    def __str__(self):
        return f"{self.deadline}: {self.text}" if self.deadline else self.text

    def clean(self):
        if self.progress_current is not None and not self.progress_goal:
            raise ValidationError({"progress_goal": "Vul ook de streefwaarde in."})

    @property
    def has_progress(self):
        return self.progress_current is not None and bool(self.progress_goal)

    @property
    def progress_percent(self):
        if not self.has_progress:
            return None
        return min(100, round(100 * self.progress_current / self.progress_goal))


class InitiativeStatus(models.TextChoices):
    PLANNED = "gepland", "Gepland"
    RUNNING = "lopend", "Lopend"
    COMPLETED = "afgerond", "Afgerond"


class InitiativeTag(TaggedItemBase):
    content_object = ParentalKey(
        "partners.Initiative", on_delete=models.CASCADE, related_name="tagged_items"
    )


class InitiativeQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("lead_partner", "image").prefetch_related(
            "actions", "themes", "regions"
        )


class Initiative(PreviewableMixin, DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel):
    """A concrete initiative that carries one or more manifest actions forward."""

    title = models.CharField("Titel", max_length=200)
    slug = models.SlugField(
        max_length=220, unique=True, help_text="Deel van het webadres: /initiatieven/<slug>/."
    )
    summary = models.CharField("Samenvatting", max_length=300)
    description = RichTextField(
        "Omschrijving", blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    status = models.CharField(
        "Status", max_length=20, choices=InitiativeStatus.choices, default=InitiativeStatus.RUNNING
    )
    start_date = models.DateField("Startdatum", null=True, blank=True)
    end_date = models.DateField("Einddatum", null=True, blank=True)
    actions = ParentalManyToManyField(
        ManifestAction,
        verbose_name="Manifestacties",
        related_name="initiatives",
        help_text="Aan welke acties van het manifest draagt dit initiatief bij? Minstens één.",
    )
    themes = ParentalManyToManyField(
        Theme, verbose_name="Thema's", blank=True, related_name="initiatives"
    )
    regions = ParentalManyToManyField(
        Region, verbose_name="Regio's", blank=True, related_name="initiatives"
    )
    lead_partner = models.ForeignKey(
        Partner,
        verbose_name="Trekker",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_initiatives",
    )
    partners = ParentalManyToManyField(
        Partner, verbose_name="Deelnemende partners", blank=True, related_name="initiatives"
    )
    # Campuses are Wagtail pages of the website app, which sits above this one: a lazy
    # reference keeps the import graph one-way (see DESIGN.md).
    campuses = ParentalManyToManyField(
        "website.CampusPage", verbose_name="Campussen", blank=True, related_name="initiatives"
    )
    website = models.URLField("Website", blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tags = ClusterTaggableManager("Trefwoorden", through=InitiativeTag, blank=True)
    contact_email = models.EmailField(
        "Contact (e-mail)",
        blank=True,
        help_text="Alleen een algemeen adres (zoals info@...), nooit een persoonlijk adres.",
    )
    is_demo = models.BooleanField(
        "Demodata", default=False, help_text="Fictief initiatief, alleen voor demonstratie."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    _revisions = GenericRelation("wagtailcore.Revision", related_query_name="initiative")

    objects = InitiativeQuerySet.as_manager()

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("actions"),
        MultiFieldPanel(
            [FieldPanel("themes"), FieldPanel("regions"), FieldPanel("campuses")],
            heading="Indeling",
        ),
        MultiFieldPanel(
            [FieldPanel("lead_partner"), FieldPanel("partners")], heading="Wie doen er mee"
        ),
        MultiFieldPanel(
            [
                FieldPanel("website"),
                FieldPanel("contact_email"),
                FieldPanel("image"),
                FieldPanel("tags"),
            ],
            heading="Meer informatie",
        ),
        FieldPanel("is_demo"),
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("live"),
        index.FilterField("status"),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    class Meta:
        ordering = ["title"]
        verbose_name = "Initiatief"
        verbose_name_plural = "Initiatieven"

    def __str__(self):
        return self.title

    @property
    def revisions(self):
        # RevisionMixin's history, through the GenericRelation so it can be prefetched.
        return self._revisions

    def get_absolute_url(self):
        return reverse("partners:initiative_detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "De einddatum ligt voor de startdatum."})

    def publish(self, revision, *args, **kwargs):
        # The manifest is the reason initiatives are listed at all: a live initiative must
        # say which action it serves, whichever way it gets published (admin, API, script).
        if not revision.as_object().actions.exists():
            raise ValidationError(
                "Koppel het initiatief aan ten minste één manifestactie voordat u het publiceert."
            )
        return super().publish(revision, *args, **kwargs)

    def get_preview_template(self, request, mode_name, extra_context=None):
        return "partners/initiative_detail.html"

    def get_preview_context(self, request, mode_name):
        return {"initiative": self, "request": request}
