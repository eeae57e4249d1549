"""The site itself: the home page, plain content pages and the site-wide settings."""

from django.db import models
from django.utils.functional import SimpleLazyObject
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BaseStreamBlock
from core.models import BasePage, optional_image
from events.models import EventSession

from .blocks import FeaturedPageBlock, SocialLinkBlock, TaskBlock


class HomePage(BasePage):
    hero_title = models.CharField("Titel in de banner", max_length=160)
    hero_text = models.TextField("Tekst in de banner", blank=True, max_length=400)
    hero_image = optional_image(
        "Afbeelding in de banner",
        help_text="Optioneel. Kies het belangrijkste punt van de foto (focuspunt) bij de "
        "afbeelding zelf; de banner snijdt eromheen bij.",
    )
    hero_image_alt = models.CharField(
        "Alternatieve tekst van de afbeelding",
        max_length=255,
        blank=True,
        help_text="Wat de afbeelding hier laat zien, voor wie haar niet ziet. Leeg: de "
        "beschrijving van de afbeelding.",
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
    tasks = StreamField(
        [("task", TaskBlock())],
        verbose_name="Taken in de banner",
        blank=True,
        help_text="Per groep bezoekers wat zij hier meteen kunnen doen. Het zoekveld staat er "
        "altijd bij.",
    )
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
                FieldPanel("hero_image_alt"),
                FieldPanel("hero_link"),
                FieldPanel("hero_link_label"),
                FieldPanel("tasks"),
            ],
            heading="Banner",
        ),
        FieldPanel("intro"),
        FieldPanel("featured_pages"),
        FieldPanel("body"),
    ]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "manifest.ManifestPage",
        "campuses.CampusIndexPage",
        "events.EventIndexPage",
        "partners.PartnerIndexPage",
        "monitor.MonitorPage",
        "api.OpenDataPage",
        "website.StandardPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = "Homepagina"

    @property
    def share_image(self):
        return self.hero_image

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the cached fragment that shows them is not there.
        context["next_events"] = SimpleLazyObject(EventSession.objects.next)
        return context


class StandardPage(BasePage):
    """A plain content page: "Over het manifest", "Contact", the privacy statement."""

    body = StreamField(BaseStreamBlock(), verbose_name="Inhoud", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]

    search_fields = BasePage.search_fields + [index.SearchField("body")]

    # A new page is in the menu unless the editor unticks "Toon in menu's".
    show_in_menus_default = True

    subpage_types = ["website.StandardPage"]

    class Meta:
        verbose_name = "Standaardpagina"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Listed whether or not they are in the menu; one query per page type, not per page.
        context["subpages"] = SimpleLazyObject(
            lambda: self.get_children().live().public().specific()
        )
        return context


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
        verbose_name="Extra links in de voettekst",
        blank=True,
        help_text="Na de privacyverklaring, contact en toegankelijkheid, die u kiest bij "
        "‘Belangrijke pagina's’.",
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
