"""The manifest page: the manifest itself, and as routes under it the signing flow, the wall
of signatories (and its embed for other sites, manifest/embed.py) and the actions."""

from csp.decorators import csp_update
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import BasePage, SectionPageMixin
from core.pages import SitemapEntries, render_subpage, subpage_url

from .. import embed, views
from ..forms import SignatoryFilterForm
from .actions import ManifestAction
from .initiative import Initiative
from .signature import Signature
from .taxonomy import ActionLine, Theme

NEWEST_SIGNATORIES = 8
SIGNATORIES_PER_PAGE = 60
SIGN_COMMITMENT = (
    "Met uw ondertekening laat uw organisatie zien dat zij het manifest en zijn ambities voor "
    "2030 onderschrijft. Dat maken we zichtbaar met het logo van uw organisatie op de pagina "
    "met ondertekenaars, met een link naar uw eigen website."
)


class ManifestPage(SectionPageMixin, RoutablePageMixin, BasePage):
    """The manifest, with signing, signatories and actions as routes beneath it."""

    ambitions = StreamField(
        [("ambition", blocks.TextBlock(label="Ambitie"))],
        verbose_name="Ambities voor 2030",
        blank=True,
    )
    way_of_working = RichTextField(
        "Werkwijze", blank=True, features=["bold", "italic", "link", "ul"]
    )
    sign_call = models.TextField(
        "Oproep om te ondertekenen",
        blank=True,
        default="Staat uw organisatie achter het manifest? Laat het zien met uw logo.",
    )
    sign_commitment = models.TextField(
        "Wat ondertekenen inhoudt",
        blank=True,
        default=SIGN_COMMITMENT,
        help_text="Staat op het ondertekenformulier, boven de velden.",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Meer inhoud", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("ambitions"),
        FieldPanel("way_of_working"),
        FieldPanel("sign_call"),
        FieldPanel("sign_commitment"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("way_of_working"),
        index.SearchField("body"),
    ]

    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Manifestpagina"

    @staticmethod
    def action_lines():
        """The five lines with their actions, targets and progress, in a fixed few queries."""
        lines = list(
            ActionLine.objects.prefetch_related(
                Prefetch(
                    "actions",
                    queryset=ManifestAction.objects.order_by("agenda_number", "pk")
                    .select_related("lead_partner")
                    .prefetch_related("targets"),
                )
            )
        )
        ManifestAction.attach_progress(action for line in lines for action in line.actions.all())
        return lines

    def get_sitemap_urls(self, request=None):
        """Besides the manifest: the wall, the actions and the initiatives it carries."""
        entries = SitemapEntries(self, request)
        newest_approval = Signature.objects.approved().aggregate(newest=Max("moderated_at"))
        initiatives = Initiative.objects.filter(live=True).order_by("slug")
        actions = ManifestAction.objects.order_by("slug").values_list("slug", "updated_at")
        return [
            *super().get_sitemap_urls(request),
            entries.route("signatories", lastmod=newest_approval["newest"]),
            entries.route("actions"),
            *(entries.route("action_detail", slug, lastmod=updated) for slug, updated in actions),
            entries.at(
                reverse("manifest:initiative_list"),
                lastmod=initiatives.aggregate(newest=Max("updated_at"))["newest"],
            ),
            *(
                entries.at(initiative.get_absolute_url(), initiative.updated_at)
                for initiative in initiatives.only("slug", "updated_at")
            ),
        ]

    @path("")
    def manifest(self, request):
        # Lazy (querysets and methods): the template's cached fragment reads them only when
        # it is rendered afresh.
        return self.render(
            request,
            context_overrides={
                "themes": Theme.objects.all(),
                "action_lines": self.action_lines,
                "newest_signatures": Signature.objects.approved().with_logos()[:NEWEST_SIGNATORIES],
                "signatory_count": Signature.objects.approved().count,
            },
        )

    @path("ondertekenen/", name="sign")
    def sign(self, request):
        return views.sign(request, self)

    @path("ondertekenen/ontvangen/", name="sign_received")
    def sign_received(self, request):
        return views.sign_received(request, self)

    @path("ondertekenen/bevestigen/<str:token>/", name="sign_confirm")
    def sign_confirm(self, request, token):
        return views.sign_confirm(request, self, token)

    # The routes below read their lists lazily (querysets, methods, SimpleLazyObject): their
    # templates are cached fragments, which read them only when rendered afresh.

    @path("ondertekenaars/", name="signatories")
    @csp_update({"frame-src": ["'self'"]})  # the preview of the wall's embed page
    def signatories(self, request):
        form = SignatoryFilterForm(request.GET or None)

        def page():
            signatures = form.filter(Signature.objects.approved().with_logos())
            return Paginator(signatures, SIGNATORIES_PER_PAGE).get_page(request.GET.get("pagina"))

        page_obj = SimpleLazyObject(page)
        return render_subpage(
            self,
            request,
            "manifest/manifest_signatories.html",
            [("Ondertekenaars", None)],
            form=form,
            page_obj=page_obj,
            signatures=SimpleLazyObject(lambda: page_obj.object_list),
            **embed.wall_embed_context(request, self),
        )

    @path("ondertekenaars/insluiten/", name="signatories_embed")
    def signatories_embed(self, request):
        return embed.signatories_embed(request, self)

    @path("ondertekenaars/oembed/", name="oembed")
    def oembed(self, request):
        return embed.oembed(request, self)

    @path("acties/", name="actions")
    def actions(self, request):
        return render_subpage(
            self,
            request,
            "manifest/manifest_actions.html",
            [("Acties", None)],
            action_lines=self.action_lines,
        )

    @path("acties/<slug:slug>/", name="action_detail")
    def action_detail(self, request, slug):
        actions = ManifestAction.objects.select_related("line", "lead_partner")
        action = get_object_or_404(actions, slug=slug)
        return render_subpage(
            self,
            request,
            "manifest/manifest_action.html",
            [("Acties", subpage_url(self, "actions")), (str(action), None)],
            action=action,
            counted=SimpleLazyObject(lambda: ManifestAction.attach_progress([action])[0]),
            initiatives=SimpleLazyObject(
                lambda: action.initiatives.filter(live=True).for_listing()
            ),
        )
