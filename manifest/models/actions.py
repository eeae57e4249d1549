"""The numbered actions of the agenda, their targets and progress."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, RevisionMixin
from wagtail.search import index

from core.links import routed_url
from core.models import slug_panel
from manifest import models as manifest_models
from partners.models import Partner
from partners.widgets import partner_search

from .taxonomy import ActionLine


class PurposeCaseStatus(models.TextChoices):
    EXPLORING = "verkenning", "Verkenning"
    BUILDING = "in-opbouw", "Purpose case in opbouw"
    RUNNING = "in-uitvoering", "In uitvoering"
    COMPLETED = "afgerond", "Afgerond"
    STOPPED = "gestopt", "Gestopt"


# An action with one of these statuses has nothing left to do, whatever its targets' years.
FINISHED_STATUSES = (PurposeCaseStatus.COMPLETED, PurposeCaseStatus.STOPPED)


class ManifestActionQuerySet(models.QuerySet):
    def in_agenda_order(self):
        return self.select_related("line").order_by("line__sort_order", "agenda_number", "pk")


class ManifestAction(RevisionMixin, index.Indexed, ClusterableModel):
    """A numbered action of the agenda.

    The agenda number is deliberately not unique: the policy text numbers two actions "3"
    (one in line I, one in line II) and the site keeps the numbering of the source.

    Each save in the admin is a revision of the action with its targets, so the snippet's
    history says who changed the progress and when, and compares two versions.
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
    # For the open data's `gewijzigd_sinds` and Last-Modified; saving the action in the admin
    # saves its targets with it, so a changed target counts as a change of the action.
    updated_at = models.DateTimeField(auto_now=True)

    objects = ManifestActionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("agenda_number"), FieldPanel("line"), FieldPanel("coalition_code")],
            heading="Plaats in de agenda",
        ),
        FieldPanel("title"),
        slug_panel(),
        FieldPanel("summary"),
        FieldPanel("description"),
        FieldPanel("status"),
        MultiFieldPanel(
            [
                FieldPanel("lead_partner"),
                FieldPanel("lead_organisation_name"),
                FieldPanel("member_partners", widget=partner_search()),
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
        # The manifest page serves actions; it is defined after this model (models/__init__.py).
        return routed_url(manifest_models.ManifestPage, "action_detail", self.slug)

    @property
    def lead_name(self):
        return self.lead_partner.name if self.lead_partner else self.lead_organisation_name

    @classmethod
    def attach_progress(cls, actions):
        """Set `initiative_count` and `partner_count` on each action, in two queries.

        Partners involved are the coalition's lead and members plus the lead and participants
        of the action's live initiatives, each counted once.
        """
        actions = list(actions)
        initiatives = {action.pk: set() for action in actions}
        partners = {action.pk: {action.lead_partner_id} for action in actions}
        links = cls.initiatives.through.objects.filter(
            manifestaction_id__in=initiatives, initiative__live=True
        ).values_list(
            "manifestaction_id", "initiative_id", "initiative__lead_partner", "initiative__partners"
        )
        for action_id, initiative_id, *partner_ids in links:
            initiatives[action_id].add(initiative_id)
            partners[action_id].update(partner_ids)
        members = cls.member_partners.through.objects.filter(manifestaction_id__in=initiatives)
        for action_id, partner_id in members.values_list("manifestaction_id", "partner_id"):
            partners[action_id].add(partner_id)
        for action in actions:
            action.initiative_count = len(initiatives[action.pk])
            action.partner_count = len(partners[action.pk] - {None})
        return actions


class ActionTargetQuerySet(models.QuerySet):
    def overdue(self):
        """Targets whose year has passed while their action runs on and the goal is not
        reached. "vanaf 2022" names a start, not a deadline: such a target never expires."""
        reached = Q(progress_goal__isnull=False, progress_current__gte=F("progress_goal"))
        return (
            self.filter(year__lt=timezone.localdate().year)
            .exclude(deadline__istartswith="vanaf")
            .exclude(action__status__in=FINISHED_STATUSES)
            .exclude(reached)
        )


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

    objects = ActionTargetQuerySet.as_manager()

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
