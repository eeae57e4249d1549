"""The manifest's admin (the signatures' moderation views: moderation.py), and what the
manifest adds to the apps below it (docs/architecture.md, "Hooks"). Indexed snippets are
searched through Wagtail's search index over all their search_fields: the viewsets set no
field list, which the SQLite full-text backend cannot restrict a query to."""

from django.contrib.admin.utils import quote
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.text import Truncator
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import (
    Column,
    DateColumn,
    StatusTagColumn,
    TitleColumn,
    UpdatedAtColumn,
)
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from core import jobs
from core.models import Region
from core.permissions import VisibleChoicesChooserViewSet, visible_objects_only
from core.search_areas import SnippetSearchArea
from core.viewsets import SnippetViewSet
from partners.models import DirectoryFacet
from search.port import FacetDefinition

from .models import (
    ActionLine,
    ActionTarget,
    Initiative,
    ManifestAction,
    Signature,
    SignatureState,
    Theme,
)
from .moderation import (
    LOG_APPROVE,
    LOG_REJECT,
    LOG_RESEND,
    LOGO_PREVIEW_FILTER,
    MODERATION_VIEWS,
    ApproveSignaturesBulkAction,
    AwaitingModerationPanel,
    LogoColumn,
    SignatureEditView,
    SignatureIndexView,
    SignatureInspectView,
    SignaturePermissionPolicy,
    can_moderate,
    external_link,
)
from .personal_data import EXPORTED_FIELDS, SIGNATURES
from .signing import PROPOSED_LOGO_COLLECTION


class RegionViewSet(SnippetViewSet):
    model = Region
    icon = "site"
    menu_label = "Regio's"
    list_display = ["name", "economic_region", "sort_order"]
    list_filter = ["economic_region"]
    inspect_view_enabled = True


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = "Thema's"
    list_display = ["name", "sort_order"]
    inspect_view_enabled = True


class ActionLineViewSet(SnippetViewSet):
    model = ActionLine
    icon = "list-ol"
    menu_label = "Actielijnen"
    list_display = ["code", "title"]
    search_fields = ["title", "goal"]
    inspect_view_enabled = True


def overdue_label(count):
    return f"{count} doel{'en' if count != 1 else ''} verlopen" if count else ""


class OverdueTargetsColumn(Column):
    """How many of an action's targets are past their year and not done, as a status tag."""

    cell_template_name = "manifest/admin/overdue_cell.html"


class ManifestActionViewSet(SnippetViewSet):
    model = ManifestAction
    icon = "tasks"
    menu_label = "Acties"
    list_display = [
        "agenda_number",
        # The title links to the editor too, not only the number in the first column.
        TitleColumn(
            "title",
            label="Titel",
            get_url=lambda action: reverse(
                "wagtailsnippets_manifest_manifestaction:edit", args=[quote(action.pk)]
            ),
        ),
        "line",
        "coalition_code",
        "status",
        OverdueTargetsColumn(
            "overdue_targets",
            label="Doelen",
            accessor=lambda action: overdue_label(len(action.overdue_targets)),
        ),
    ]
    list_filter = ["line", "status"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        overdue = Prefetch(
            "targets", queryset=ActionTarget.objects.overdue(), to_attr="overdue_targets"
        )
        return ManifestAction.objects.in_agenda_order().prefetch_related(overdue)


class ManifestViewSetGroup(SnippetViewSetGroup):
    menu_label = "Manifest"
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (ManifestActionViewSet, ActionLineViewSet, ThemeViewSet, RegionViewSet)


register_snippet(ManifestViewSetGroup)


class InitiativeViewSet(SnippetViewSet):
    model = Initiative
    icon = "rocket"
    menu_label = "Initiatieven"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "status", "lead_partner", UpdatedAtColumn()]
    list_filter = ["actions", "themes", "regions", "status", "live"]
    inspect_view_enabled = True
    chooser_viewset_class = VisibleChoicesChooserViewSet


register_snippet(InitiativeViewSet)


# -- Manifest signatures: moderation (moderation.py) ----------------------------------------
# Before anything asks Wagtail for Signature's policy, which would create the default one.
register_permission_policy(Signature, SignaturePermissionPolicy(Signature))


class SignatureViewSet(SnippetViewSet):
    """The moderation queue. Signatures are made on the public site only (no add view);
    moderators approve, reject or re-send from the listing, the inspect and the edit view."""

    model = Signature
    icon = "pick"
    menu_label = "Ondertekeningen"
    menu_order = 205
    add_to_admin_menu = True
    index_view_class = SignatureIndexView
    inspect_view_class = SignatureInspectView
    edit_view_class = SignatureEditView
    copy_view_enabled = False
    inspect_view_enabled = True
    chooser_viewset_class = VisibleChoicesChooserViewSet
    list_display = [
        "organisation_name",
        # Wide enough for the preview (LOGO_PREVIEW_FILTER), which the table would squeeze.
        LogoColumn("logo", label="Logo", width="176"),
        Column(
            "website",
            label="Website",
            accessor=lambda signature: external_link(signature.website),
            sort_key="website",
        ),
        Column(
            "statement",
            label="Waarom wij tekenen",
            accessor=lambda signature: Truncator(signature.statement).chars(80),
        ),
        StatusTagColumn(
            "state",
            label="Status",
            accessor="get_state_display",
            sort_key="state",
            primary=lambda signature: signature.state == SignatureState.CONFIRMED,
        ),
        DateColumn("created_at", label="Ondertekend op", sort_key="created_at"),
    ]
    list_filter = ["state"]
    # Signature is not index.Indexed, so the listing searches with the ORM over these.
    search_fields = ["organisation_name", "statement", "signer_name", "contact_email"]
    ordering = "-created_at"
    # What the signer's own data export holds, and how the moderation went.
    inspect_view_fields = [*EXPORTED_FIELDS, "confirmation_error", "moderated_by"]

    def get_queryset(self, request):
        logos = get_image_model().objects.prefetch_renditions(LOGO_PREVIEW_FILTER)
        return Signature.objects.prefetch_related(Prefetch("logo", queryset=logos))

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            *(
                path(f"{view.url_name}/<int:pk>/", view.as_view(), name=view.url_name)
                for view in MODERATION_VIEWS
            ),
        ]


register_snippet(SignatureViewSet)
hooks.register("register_bulk_action", visible_objects_only(ApproveSignaturesBulkAction))


@hooks.register("construct_homepage_panels")
def add_awaiting_moderation_panel(request, panels):
    if can_moderate(request.user):
        panels.append(AwaitingModerationPanel())


class OverdueTargetsPanel(Component):
    """On the dashboard of whoever keeps the actions up to date: the targets whose year has
    passed while their action runs on, each with a link to its action."""

    name = "overdue_targets"
    template_name = "manifest/admin/overdue_targets_panel.html"
    order = 70

    def get_context_data(self, parent_context):
        targets = ActionTarget.objects.overdue().select_related("action")
        return {"targets": targets.order_by("year", "action__agenda_number", "sort_order")}


@hooks.register("construct_homepage_panels")
def add_overdue_targets_panel(request, panels):
    if request.user.has_perm("manifest.change_manifestaction"):
        panels.append(OverdueTargetsPanel())


@hooks.register("register_log_actions")
def register_signature_log_actions(actions):
    actions.register_action(LOG_APPROVE, "Ondertekening goedgekeurd", "Ondertekening goedgekeurd")
    actions.register_action(LOG_REJECT, "Ondertekening afgewezen", "Ondertekening afgewezen")
    actions.register_action(
        LOG_RESEND, "Bevestigingsmail opnieuw verstuurd", "Bevestigingsmail opnieuw verstuurd"
    )


@hooks.register("construct_image_chooser_queryset")
def hide_proposed_logos(images, request):
    # Logos that signers sent in are not for editors to choose until a moderator approves them
    # (they then move to the logo collection); a rejected one is deleted. By the collection's
    # id: the chooser's search accepts only the image's filter fields, and `collection` is one.
    proposed = Collection.objects.filter(name=PROPOSED_LOGO_COLLECTION).values_list("pk", flat=True)
    return images.exclude(collection__in=list(proposed))


for order, model in [(210, Initiative), (220, ManifestAction), (230, Signature)]:
    hooks.register(
        "register_admin_search_area",
        lambda model=model, order=order: SnippetSearchArea(model.snippet_viewset, order=order),
    )


# --- what the manifest adds below it -------------------------------------------------------

SIGNATORY_LABELS = {"ja": "Heeft het manifest ondertekend", "nee": "Nog niet ondertekend"}


def signatory_value(signed):
    """The facet's URL value for the boolean `signatory` annotation."""
    return "ja" if signed else "nee"


hooks.register(
    "directory_facets",
    DirectoryFacet(
        FacetDefinition(
            "ondertekenaar",
            "Ondertekenaar",
            "ondertekenaar",
            "signatory",
            lambda: SIGNATORY_LABELS,
            encode=signatory_value,
        ),
        order=70,
        values=lambda partner: [signatory_value(partner.signatory)],
        annotate=Signature.annotate_signatory,
        decode=lambda values: [value == "ja" for value in values],
    ),
)


@hooks.register("partner_profile_badges")
def signatory_badge(request, partner):
    # The profile reads its partner through the directory's facets: `signatory` is ours.
    if not partner.signatory:
        return ""
    return render_to_string("manifest/includes/signatory_badge.html", {}, request)


@hooks.register("partner_profile_sections", order=20)
def partner_initiatives(request, partner):
    initiatives = partner.initiatives.filter(live=True).prefetch_related("actions")
    if not initiatives:
        return ""
    context = {"initiatives": initiatives}
    return render_to_string("manifest/includes/partner_initiatives.html", context, request)


@hooks.register("campus_page_sections", order=20)
def campus_initiatives(request, campus):
    initiatives = campus.initiatives.filter(live=True).prefetch_related("actions", "regions")
    context = {"initiatives": initiatives}
    return render_to_string("manifest/includes/campus_initiatives.html", context, request)


hooks.register("personal_data", SIGNATURES)
# Privacy clean-up (AVG), once a day.
hooks.register(
    "scheduled_jobs",
    jobs.command_job(
        "purge_signatures", jobs.DAILY, "Onbevestigde en afgewezen ondertekeningen opschonen"
    ),
)
