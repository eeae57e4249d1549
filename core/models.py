"""What every app builds on: the abstract page and look-up list, the taxonomies several apps
share, and the site-wide settings. Nothing here knows an app above it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.crypto import salted_hmac
from taggit.models import TagBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Page
from wagtail.search import index

from .images import alt_text

SLUG_HELP_TEXT = (
    "Het laatste deel van het webadres, zoals pet-de-kop in …/agenda/pet-de-kop/: kleine "
    "letters, cijfers en streepjes. Het wordt vanzelf gemaakt uit de titel of naam."
)


def slug_panel(**kwargs):
    """The slug under a name editors know, saying what it is."""
    return FieldPanel("slug", heading="Webadres (slug)", help_text=SLUG_HELP_TEXT, **kwargs)


# Wagtail's "Promote" tab, with the slug explained.
PAGE_PROMOTE_PANELS = [
    MultiFieldPanel([slug_panel(), "seo_title", "search_description"], heading="Voor zoekmachines"),
    MultiFieldPanel(["show_in_menus"], heading="Voor menu's"),
]


class BasePage(Page):
    """Fields every content page shares: a plain intro used in listings and meta tags. The
    admin lists a page's children in menu order, which editors arrange by dragging."""

    intro = models.TextField(
        "Inleiding",
        blank=True,
        max_length=600,
        help_text="Korte samenvatting bovenaan de pagina, ook gebruikt in overzichten.",
    )

    promote_panels = PAGE_PROMOTE_PANELS

    search_fields = Page.search_fields + [index.SearchField("intro")]

    admin_default_ordering = "ord"

    class Meta:
        abstract = True

    @property
    def meta_description(self):
        return self.search_description or self.intro

    # The image a shared link to this page shows; pages with a banner image override it.
    share_image = None


class SectionPageMixin:
    """A section of the site (the manifest, the agenda, the directory, ...): it lives right
    under a site's home page. Said here rather than as `parent_page_types`, which would name
    the home page of an app above."""

    @classmethod
    def can_exist_under(cls, parent):
        return super().can_exist_under(parent) and parent.is_site_root()


class ImageAltMixin:
    """The alt text rule for a model's images (docs/architecture.md, "Images"):
    `image_alt_fields` maps an image field to its optional override field; an image with
    neither an override nor a description in the image library is refused. Decorative images
    are not listed: their templates say alt=""."""

    image_alt_fields: dict[str, str] = {}

    def clean(self):
        super().clean()
        errors = {}
        for image_field, alt_field in self.image_alt_fields.items():
            image = getattr(self, image_field)
            if image is not None and not alt_text(image, getattr(self, alt_field)):
                errors[alt_field] = (
                    "Geef de afbeelding een alt-tekst: hier, of als beschrijving van de "
                    "afbeelding in de afbeeldingenbibliotheek."
                )
        if errors:
            raise ValidationError(errors)


class BaseTaxonomy(models.Model):
    """A look-up list entry: a name, a slug for URLs and filters, and a place in the list."""

    name = models.CharField("Naam", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField("Volgorde", default=0)

    panels = ["name", slug_panel(), "sort_order"]

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class EconomicRegion(models.TextChoices):
    NOORD_HOLLAND_NOORD = "nhn", "Noord-Holland Noord"
    MRA = "mra", "Metropoolregio Amsterdam"


class Region(index.Indexed, BaseTaxonomy):
    """One of the five labour-market regions (arbeidsmarktregio's) of Noord-Holland."""

    economic_region = models.CharField(
        "Economische regio", max_length=3, choices=EconomicRegion.choices
    )
    description = models.TextField("Omschrijving", blank=True)

    panels = ["name", slug_panel(), "economic_region", "description", "sort_order"]

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(BaseTaxonomy.Meta):
        verbose_name = "Arbeidsmarktregio"
        verbose_name_plural = "Arbeidsmarktregio's"


class EducationLevel(BaseTaxonomy):
    """An education level a school teaches at (po, vo/vmbo, mbo, hbo, wo, bedrijfsopleiding)."""

    class Meta(BaseTaxonomy.Meta):
        verbose_name = "Onderwijsniveau"
        verbose_name_plural = "Onderwijsniveaus"


class Offer(BaseTaxonomy):
    """What an organisation or campus offers ("wat wij bieden"): a fixed list from a migration."""

    class Meta(BaseTaxonomy.Meta):
        verbose_name = "Aanbod"
        verbose_name_plural = "Aanbod"


class SectorTag(TagBase):
    """A sector (installatietechniek, maritiem, ...): shared by partners and campuses."""

    class Meta:
        verbose_name = "Sector"
        verbose_name_plural = "Sectoren"


class CoordinateField(models.DecimalField):
    """A latitude or longitude in degrees (WGS84), to the metre; optional everywhere."""

    def __init__(self, *args, **kwargs):
        kwargs.update(max_digits=9, decimal_places=6, null=True, blank=True)
        super().__init__(*args, **kwargs)


COORDINATES_HELP_TEXT = (
    "{what} in graden, met een punt: in Noord-Holland {example}. Breedte- en lengtegraad "
    "staan in de open data; van campussen en evenementen plaatsen ze ook de plek op de kaart en "
    "bij zoeken in de buurt. "
    "Zo vindt u ze: klik in OpenStreetMap of Google Maps met de rechtermuisknop op de plek; het "
    "eerste getal is de breedtegraad, het tweede de lengtegraad. Leeg laten mag."
)


def latitude_field():
    return CoordinateField(
        "Breedtegraad",
        help_text=COORDINATES_HELP_TEXT.format(
            what="Hoe noordelijk de plek ligt", example="tussen 52.2 en 53.2, zoals 52.6424"
        ),
    )


def longitude_field():
    return CoordinateField(
        "Lengtegraad",
        help_text=COORDINATES_HELP_TEXT.format(
            what="Hoe oostelijk de plek ligt", example="tussen 4.5 en 5.3, zoals 5.0597"
        ),
    )


def optional_link(to, verbose_name, **kwargs):
    """An optional reference that is emptied when its target goes: an image, a page."""
    return models.ForeignKey(
        to,
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        **kwargs,
    )


def optional_image(verbose_name, **kwargs):
    return optional_link("wagtailimages.Image", verbose_name, **kwargs)


def demo_flag(help_text="Fictief, alleen voor demonstratie."):
    """Marks demo content, so it can be found and removed before going live."""
    return models.BooleanField("Demodata", default=False, help_text=help_text)


def demo_flag_panel():
    """The demo flag in a form, for administrators only: a permission nobody holds, which
    superusers pass (Wagtail's field permissions). The demo loader sets the flag."""
    return FieldPanel("is_demo", permission="superuser")


class DemoContentLoad(models.Model):
    """That demo content was loaded: once, so a demo record that was deleted does not come
    back on the next run."""

    loaded_at = models.DateTimeField(auto_now_add=True)

    shows_on_public_pages = False

    class Meta:
        verbose_name = "Demodata geladen"

    def __str__(self):
        return f"Demodata geladen op {self.loaded_at:%Y-%m-%d %H:%M}"


@register_setting(icon="link")
class ImportantPages(BaseSiteSetting):
    """The pages other pages link to by role ("lees de privacyverklaring"), chosen by editors,
    so renaming or moving one never breaks a link (torchbox.com's ImportantPageSettings)."""

    manifest_page = optional_link("wagtailcore.Page", "Manifest")
    agenda_page = optional_link("wagtailcore.Page", "Agenda")
    directory_page = optional_link("wagtailcore.Page", "Partnergids")
    privacy_page = optional_link("wagtailcore.Page", "Privacyverklaring")
    contact_page = optional_link("wagtailcore.Page", "Contact")
    accessibility_page = optional_link("wagtailcore.Page", "Toegankelijkheid")

    SECTION_ROLES = ["manifest_page", "agenda_page", "directory_page"]
    SERVICE_ROLES = ["privacy_page", "contact_page", "accessibility_page"]
    panels = [
        MultiFieldPanel(SECTION_ROLES, heading="Onderdelen"),
        MultiFieldPanel(SERVICE_ROLES, heading="Service"),
    ]
    select_related = SECTION_ROLES + SERVICE_ROLES

    class Meta:
        verbose_name = "Belangrijke pagina's"

    def url(self, request, role):
        """The URL of the live page chosen for `role`; "" when there is none."""
        page = getattr(self, role)
        return (page.get_url(request) or "") if page is not None and page.live else ""

    @classmethod
    def url_for(cls, request, role):
        return cls.for_request(request).url(request, role) if request is not None else ""


x_account_validator = RegexValidator(
    r"^@\w{1,15}$", "Vul een accountnaam in zoals @NoordHolland (hoogstens 15 tekens na de @)."
)


@register_setting(icon="globe")
class ShareSettings(BaseSiteSetting):
    """What a link to this site shows when it is shared (Open Graph, X/Twitter cards): the
    site's name and the image used when a page has none of its own."""

    site_name = models.CharField(
        "Naam van de site", max_length=120, default="Werken & Ontwikkelen 2030 Noord-Holland"
    )
    default_image = optional_image(
        "Standaardafbeelding bij delen",
        help_text="Voor pagina's zonder eigen afbeelding. Liefst 1200 × 630 pixels. Zonder "
        "keuze wordt de huisstijlafbeelding van de site gebruikt.",
    )
    x_account = models.CharField(
        "Account op X (Twitter)", max_length=16, blank=True, validators=[x_account_validator]
    )

    select_related = ["default_image"]

    panels = ["site_name", "default_image", "x_account"]

    class Meta:
        verbose_name = "Delen op sociale media"


@register_setting(icon="mail")
class MailSettings(BaseSiteSetting):
    """How the site's e-mail reaches people (core/mail.py)."""

    reply_to_email = models.EmailField(
        "Antwoordadres (Reply-To)",
        blank=True,
        help_text="Wie een e-mail van de site beantwoordt (zoals de afwijzing van een "
        "ondertekening, die daarom vraagt), schrijft naar dit adres. Laat leeg om geen "
        "antwoordadres mee te sturen.",
    )

    panels = ["reply_to_email"]

    class Meta:
        verbose_name = "E-mail"


class PersonalDataRequest(models.Model):
    """One use of the privacy tools (core/privacy.py). Only a keyed hash of the address is
    kept, so staff can check whether an address was handled without this log naming anyone."""

    class Action(models.TextChoices):
        EXPORT = "inzage", "Inzage"
        ERASURE = "wissen", "Wissen"

    class Channel(models.TextChoices):
        ADMIN = "beheer", "Beheeromgeving"
        COMMAND = "opdracht", "Beheeropdracht (manage.py)"

    action = models.CharField("Verzoek", max_length=10, choices=Action.choices)
    address_hash = models.CharField("E-mailadres (als hash)", max_length=64, db_index=True)
    channel = models.CharField("Via", max_length=10, choices=Channel.choices)
    requested_by = optional_link(settings.AUTH_USER_MODEL, "Uitgevoerd door")
    summary = models.TextField("Resultaat", blank=True)
    created_at = models.DateTimeField("Op", auto_now_add=True)

    shows_on_public_pages = False

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "Verzoek over persoonsgegevens"
        verbose_name_plural = "Verzoeken over persoonsgegevens"
        default_permissions = ()
        permissions = [("handle_personal_data", "Kan persoonsgegevens opzoeken en wissen")]

    def __str__(self):
        return f"{self.get_action_display()} persoonsgegevens (adres-hash {self.address_hash[:12]})"

    @staticmethod
    def hash_address(address):
        """Keyed with SECRET_KEY: without the key, the hash of a guessed address tells nothing."""
        return salted_hmac(
            "core.PersonalDataRequest", address.lower(), algorithm="sha256"
        ).hexdigest()


class ScheduledJobRun(models.Model):
    """The last run of one scheduled job (core/jobs.py), and the claim that keeps two runs
    from running it at once."""

    name = models.CharField("Taak", max_length=100, unique=True)
    last_started_at = models.DateTimeField("Laatst gestart", null=True, blank=True)
    last_finished_at = models.DateTimeField("Laatst klaar", null=True, blank=True)
    last_succeeded = models.BooleanField("Gelukt", null=True, blank=True)
    last_message = models.TextField("Uitvoer", blank=True)
    # Set while a run holds the job; a run that died loses it after the job's timeout.
    locked_until = models.DateTimeField(null=True, blank=True)

    shows_on_public_pages = False

    class Meta:
        ordering = ["name"]
        verbose_name = "Geplande taak"
        verbose_name_plural = "Geplande taken"
        default_permissions = ()

    def __str__(self):
        return self.name
