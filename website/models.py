from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import ItemBase
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from events.blocks import BaseStreamBlock
from events.models import EventSession
from partners import directory, ratelimit
from partners.models import (
    ActionLine,
    EconomicRegion,
    ManifestAction,
    PartnerKind,
    Region,
    Signature,
    SignatureState,
    Theme,
    coordinate_field,
)
from partners.signing import AlreadySigned, find_by_token, send_confirmation, sign_manifest

from . import campus_map
from .blocks import FeaturedPageBlock, SocialLinkBlock

NEWEST_SIGNATORIES = 8
SIGNATORIES_PER_PAGE = 60
SIGNATORY_LOGO_SPEC = "max-240x120"
CONFIRMATIONS_PER_HOUR = 30


class BasePage(Page):
    """Fields every content page shares: a plain intro used in listings and meta tags."""

    intro = models.TextField(
        "Inleiding",
        blank=True,
        max_length=600,
        help_text="Korte samenvatting bovenaan de pagina, ook gebruikt in overzichten.",
    )

    search_fields = Page.search_fields + [index.SearchField("intro")]

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro


class HomePage(BasePage):
    hero_title = models.CharField("Titel in de banner", max_length=160)
    hero_text = models.TextField("Tekst in de banner", blank=True, max_length=400)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Afbeelding in de banner",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="Knop in de banner naar",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_label = models.CharField("Knoptekst", max_length=60, blank=True)
    featured_pages = StreamField(
        [("featured_page", FeaturedPageBlock())],
        verbose_name="Uitgelicht",
        blank=True,
        help_text="Tegels naar de belangrijkste onderdelen van de site.",
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_title"),
                FieldPanel("hero_text"),
                FieldPanel("hero_image"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_label"),
            ],
            heading="Banner",
        ),
        FieldPanel("intro"),
        FieldPanel("featured_pages"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = "Homepagina"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["next_events"] = EventSession.objects.next()
        return context


class StandardPage(BasePage):
    """A plain content page: "Over het manifest", "Contact", the privacy statement."""

    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    class Meta:
        verbose_name = "Standaardpagina"


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    organisation_name = models.CharField(
        "Naam organisatie", max_length=160, default="Manifest Werken & Ontwikkelen 2030 NH"
    )
    contact_email = models.EmailField("E-mailadres", blank=True)
    contact_phone = models.CharField("Telefoonnummer", max_length=40, blank=True)
    postal_address = models.CharField("Postadres", max_length=255, blank=True)
    social_links = StreamField(
        [("link", SocialLinkBlock())], verbose_name="Sociale media", blank=True
    )
    service_links = StreamField(
        [("page", blocks.PageChooserBlock(label="Pagina"))],
        verbose_name="Servicelinks in de voettekst",
        blank=True,
        help_text="Zoals de privacyverklaring, toegankelijkheid en contact.",
    )
    footer_text = RichTextField("Tekst in de voettekst", blank=True, features=["bold", "link"])

    panels = [
        FieldPanel("organisation_name"),
        MultiFieldPanel(
            [
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("postal_address"),
            ],
            heading="Contact",
        ),
        FieldPanel("social_links"),
        FieldPanel("service_links"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = "Site-instellingen"


class ManifestPage(RoutablePageMixin, BasePage):
    """The manifest itself, with its actions as sub-pages at acties/ and acties/<slug>/."""

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
    body = StreamField(BaseStreamBlock(), verbose_name="Meer inhoud", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("ambitions"),
        FieldPanel("way_of_working"),
        FieldPanel("sign_call"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("way_of_working"),
        index.SearchField("body"),
    ]

    parent_page_types = ["website.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = "Manifestpagina"

    def action_lines(self):
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

    def newest_signatures(self, count=NEWEST_SIGNATORIES):
        return list(signatures_with_logos()[:count])

    @path("")
    def manifest(self, request):
        return self.render(
            request,
            context_overrides={
                "themes": Theme.objects.all(),
                "action_lines": self.action_lines(),
                "newest_signatures": self.newest_signatures(),
                "signatory_count": Signature.objects.approved().count(),
            },
        )

    def render_subpage(self, request, template, trail, status=200, **context):
        response = self.render(
            request,
            template=f"website/{template}.html",
            context_overrides={"subpage_trail": trail, **context},
        )
        response.status_code = status
        return response

    def render_sign_form(self, request, form, status=200, notice=""):
        trail = [("Ondertekenen", None)]
        return self.render_subpage(
            request, "manifest_sign", trail, status=status, form=form, notice=notice
        )

    @path("ondertekenen/", name="sign")
    def sign(self, request):
        from partners.forms import SignatureForm  # forms need a ready app registry

        if request.method != "POST":
            return self.render_sign_form(request, SignatureForm())
        if not ratelimit.hit(request, "sign", settings.SIGNATURE_SUBMISSIONS_PER_HOUR):
            return too_many_requests(request)
        form = SignatureForm(request.POST, request.FILES)
        if form.bot_detected():
            notice = "Uw inzending lijkt automatisch verstuurd en is niet opgeslagen."
            return self.render_sign_form(request, SignatureForm(), status=400, notice=notice)
        if not form.is_valid():
            return self.render_sign_form(request, form, status=400)
        try:
            signature = sign_manifest(form.cleaned_data, manifest_revision=self.live_revision)
        except AlreadySigned as already:
            trail = [
                ("Ondertekenen", self.url + self.reverse_subpage("sign")),
                ("Al getekend", None),
            ]
            return self.render_subpage(
                request, "manifest_sign_exists", trail, status=409, partner=already.partner
            )
        request.session["signature_mail_sent"] = send_confirmation(signature)
        # 303 See Other: reloading the next page never re-posts the form.
        response = redirect(self.url + self.reverse_subpage("sign_received"))
        response.status_code = 303
        return response

    @path("ondertekenen/ontvangen/", name="sign_received")
    def sign_received(self, request):
        return self.render_subpage(
            request,
            "manifest_sign_received",
            [("Ondertekenen", self.url + self.reverse_subpage("sign")), ("Ontvangen", None)],
            mail_sent=request.session.get("signature_mail_sent", True),
        )

    @path("ondertekenen/bevestigen/<str:token>/", name="sign_confirm")
    def sign_confirm(self, request, token):
        if not ratelimit.hit(request, "confirm", CONFIRMATIONS_PER_HOUR):
            return too_many_requests(request)
        signature = find_by_token(token)
        trail = [("Ondertekenen", self.url + self.reverse_subpage("sign")), ("Bevestigen", None)]
        if signature is None:
            problem, status = "invalid", 404
        elif signature.state != SignatureState.UNCONFIRMED:
            problem, status = "used", 410
        elif signature.confirmation_expired:
            problem, status = "expired", 410
        else:
            problem, status = "", 200
        if problem or request.method != "POST":
            return self.render_subpage(
                request,
                "manifest_sign_confirm",
                trail,
                status=status,
                problem=problem,
                signature=signature,
            )
        signature.confirm()
        return self.render_subpage(
            request, "manifest_sign_confirm", trail, confirmed=True, signature=signature
        )

    @path("ondertekenaars/", name="signatories")
    def signatories(self, request):
        from partners.forms import SignatoryFilterForm  # forms need a ready app registry

        form = SignatoryFilterForm(request.GET or None)
        signatures = form.filter(signatures_with_logos())
        page = Paginator(signatures, SIGNATORIES_PER_PAGE).get_page(request.GET.get("pagina"))
        return self.render_subpage(
            request,
            "manifest_signatories",
            [("Ondertekenaars", None)],
            form=form,
            page_obj=page,
            signatures=page.object_list,
        )

    @path("acties/", name="actions")
    def actions(self, request):
        return self.render(
            request,
            template="website/manifest_actions.html",
            context_overrides={
                "subpage_trail": [("Acties", None)],
                "action_lines": self.action_lines(),
            },
        )

    @path("acties/<slug:slug>/", name="action_detail")
    def action_detail(self, request, slug):
        action = get_object_or_404(
            ManifestAction.objects.select_related("line", "lead_partner").prefetch_related(
                "targets", "member_partners"
            ),
            slug=slug,
        )
        ManifestAction.attach_progress([action])
        initiatives = action.initiatives.filter(live=True).for_listing()
        return self.render(
            request,
            template="website/manifest_action.html",
            context_overrides={
                "action": action,
                "initiatives": initiatives,
                "subpage_trail": [
                    ("Acties", self.url + self.reverse_subpage("actions")),
                    (str(action), None),
                ],
            },
        )


class PartnerIndexPage(RoutablePageMixin, BasePage):
    """The partner directory at /partners/ and the profiles at /partners/<slug>/."""

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["website.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "Partnerregister"

    @path("")
    def directory(self, request):
        return self.render(request, context_overrides=directory.directory_context(request.GET))

    @path("suggesties/", name="suggestions")
    def suggestions(self, request):
        return JsonResponse({"suggestions": directory.suggestions(request.GET)})

    @path("<slug:slug>/", name="profile")
    def profile(self, request, slug):
        partner = directory.profile(slug)
        if partner is None:
            raise Http404
        return self.render(
            request,
            template="website/partner_profile.html",
            context_overrides={
                "partner": partner,
                "signatory": partner.signatory == "ja",
                "next_events": EventSession.objects.next(event__hosts=partner),
                "subpage_trail": [(partner.name, None)],
            },
        )


def signatures_with_logos():
    """Approved signatures with partner and logo rendition fetched in bulk (O(1) queries)."""
    logos = get_image_model().objects.prefetch_renditions(SIGNATORY_LOGO_SPEC)
    return (
        Signature.objects.approved()
        .select_related("partner")
        .prefetch_related(Prefetch("partner__logo", queryset=logos))
    )


def too_many_requests(request):
    return render(request, "429.html", status=429)


class CampusIndexPage(BasePage):
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.CampusPage"]
    max_count = 1

    class Meta:
        verbose_name = "Campusoverzicht"

    def get_context(self, request, *args, **kwargs):
        from .forms import CampusFilterForm  # forms need a ready app registry

        context = super().get_context(request, *args, **kwargs)
        campuses = CampusPage.objects.child_of(self).live().public()
        form = CampusFilterForm(request.GET or None)
        shown = list(
            campuses.filtered(form.active_filters)
            .select_related("region")
            .order_by("economic_region", "title")
        )
        context["form"] = form
        context["campuses"] = shown
        # Economic regions in the province's order: Noord-Holland Noord, then the MRA.
        context["groups"] = [
            (label, [campus for campus in shown if campus.economic_region == value])
            for value, label in EconomicRegion.choices
        ]
        context["map"] = campus_map.map_context(shown, Region.objects.all())
        return context


class CampusKind(models.TextChoices):
    CAMPUS = "campus", "Campus"
    PROJECT_PPS = "project-pps", "Project-pps"


class CampusSector(ItemBase):
    """Campuses use the same sector tags as partners, so one filter serves both."""

    tag = models.ForeignKey(
        "partners.SectorTag", on_delete=models.CASCADE, related_name="tagged_campuses"
    )
    content_object = ParentalKey(
        "website.CampusPage", on_delete=models.CASCADE, related_name="tagged_sectors"
    )


class CampusQuerySet(PageQuerySet):
    FILTER_LOOKUPS = {"regio": "region", "sector": "sectors", "niveau": "levels"}

    def filtered(self, filters):
        """Narrow by the campus index's filters (objects, keyed by URL parameter)."""
        campuses = self
        for name, value in filters.items():
            campuses = campuses.filter(**{self.FILTER_LOOKUPS[name]: value})
        return campuses.distinct()


class CampusPage(BasePage):
    """A technical campus: a public-private partnership of schools, companies and governments."""

    kind = models.CharField(
        "Soort", max_length=20, choices=CampusKind.choices, default=CampusKind.CAMPUS
    )
    economic_region = models.CharField(
        "Economische regio", max_length=3, choices=EconomicRegion.choices
    )
    region = models.ForeignKey(
        Region,
        verbose_name="Arbeidsmarktregio",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campuses",
    )
    place = models.CharField("Plaats", max_length=120, blank=True)
    focus = models.CharField("Focus", max_length=255, blank=True)
    sectors = ClusterTaggableManager("Sectoren", through=CampusSector, blank=True)
    levels = ParentalManyToManyField(
        "partners.EducationLevel", verbose_name="Onderwijsniveaus", blank=True, related_name="+"
    )
    offers = ParentalManyToManyField(
        "partners.Offer", verbose_name="Wat de campus biedt", blank=True, related_name="+"
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Logo",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="Grote afbeelding",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        "Alt-tekst van de grote afbeelding",
        max_length=200,
        blank=True,
        help_text="Beschrijf wat er op de afbeelding te zien is, voor wie hem niet kan zien.",
    )
    address = models.CharField("Adres", max_length=200, blank=True)
    latitude = coordinate_field("Breedtegraad")
    longitude = coordinate_field("Lengtegraad")
    website = models.URLField("Website", blank=True)
    contact_email = models.EmailField(
        "Contact (e-mail)", blank=True, help_text="Een algemeen adres, nooit een persoonlijk."
    )
    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)
    # Declared here, on the higher app, and read from the registry as `partner.campuses`.
    partners = ParentalManyToManyField(
        "partners.Partner", verbose_name="Deelnemende partners", blank=True, related_name="campuses"
    )
    lead_schools = ParentalManyToManyField(
        "partners.Partner", verbose_name="Penvoerende school", blank=True, related_name="+"
    )

    objects = PageManager.from_queryset(CampusQuerySet)()

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("economic_region"), FieldPanel("region")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("focus")]),
        MultiFieldPanel(
            [FieldPanel("sectors"), FieldPanel("levels"), FieldPanel("offers")], heading="Profiel"
        ),
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("hero_image"), FieldPanel("hero_image_alt")],
            heading="Beeld",
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("lead_schools"), FieldPanel("partners")], heading="Wie doen er mee"
        ),
        MultiFieldPanel(
            [
                FieldPanel("address"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("website"),
                FieldPanel("contact_email"),
            ],
            heading="Adres en contact",
        ),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("focus", boost=2),
        index.SearchField("place"),
        index.SearchField("body"),
        index.FilterField("economic_region"),
    ]

    parent_page_types = ["website.CampusIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Campus"
        verbose_name_plural = "Campussen"

    def clean(self):
        super().clean()
        if self.hero_image_id and not self.hero_image_alt:
            raise ValidationError({"hero_image_alt": "Geef de afbeelding een alt-tekst."})

    def partners_by_kind(self):
        """Live partners grouped by kind, so the triple helix is visible: [(label, [partners])]."""
        partners = self.partners.live().order_by("name")
        groups = {kind: [] for kind, _ in PartnerKind.choices}
        for partner in partners:
            groups[partner.kind].append(partner)
        labels = dict(PartnerKind.choices)
        return [(labels[kind], members) for kind, members in groups.items() if members]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["initiatives"] = self.initiatives.filter(live=True).for_listing()
        context["partner_groups"] = self.partners_by_kind()
        context["next_events"] = EventSession.objects.next(event__campus=self)
        return context
