import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from events.initial_data import load_demo_events
from events.models import EventIndexPage
from partners.initial_data import (
    load_demo_initiatives,
    load_demo_partners,
    load_demo_signatures,
    load_taxonomy,
    named_partner,
    paragraphs_html,
)
from partners.models import EducationLevel, Partner, Region
from website.models import (
    CampusIndexPage,
    CampusPage,
    HomePage,
    ManifestPage,
    PartnerIndexPage,
    SiteSettings,
    StandardPage,
)

# The campus facts say "vmbo"; the registry's level covers "vo / vmbo".
LEVEL_SLUGS = {"vmbo": "vo-vmbo"}

CONTENT_FILE = Path(settings.BASE_DIR) / "website" / "data" / "initial_content.json"

# Top-level pages in menu order, with their page type. Sections whose own page type does not
# exist yet start as standard pages, so the tree and menu are complete from day one.
MENU_PAGES = {
    "manifest": ManifestPage,
    "campuses": CampusIndexPage,
    "agenda": EventIndexPage,
    "partners": PartnerIndexPage,
    "about": StandardPage,
}
SERVICE_PAGES = {"contact": StandardPage, "privacy": StandardPage, "accessibility": StandardPage}


def coordinate(value):
    # Through str(): a float such as 52.3812 is not exactly that as a Decimal.
    return None if value is None else Decimal(str(value))


def stream_from_sections(sections):
    body = []
    for section in sections:
        body.append(("heading", {"text": section["heading"], "level": "h2"}))
        body.extend(("paragraph", paragraphs_html(text)) for text in section["paragraphs"])
    return body


class Command(BaseCommand):
    help = (
        "Load the initial content: the manifest's regions, themes, action lines and actions, "
        "the page tree, the campuses, the site settings and demo partners, initiatives and events "
        "(flagged is_demo). Safe to run again: nothing is created twice and nothing editors "
        "changed is overwritten."
    )

    def handle(self, *args, **options):
        self.content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            load_taxonomy(self.content)
            home = self.ensure_home_page(self.content["pages"]["home"])
            pages = {
                key: self.ensure_page(home, page_type, key, in_menu=key in MENU_PAGES)
                for key, page_type in (MENU_PAGES | SERVICE_PAGES).items()
            }
            load_demo_partners(self.content)
            campuses = self.ensure_campuses(pages["campuses"])
            load_demo_initiatives(self.content, campuses)
            load_demo_events(pages["agenda"], list(campuses.values()))
            load_demo_signatures(pages["manifest"].live_revision)
            self.ensure_site_settings(home, [pages[key] for key in SERVICE_PAGES])
            self.ensure_home_features(home, pages)
        self.stdout.write(self.style.SUCCESS("Initial content is in place."))

    def ensure_home_page(self, data):
        home = HomePage.objects.first()
        if home is None:
            # A flushed database (tests, `manage.py flush`) lacks even the locale and the root
            # that Wagtail's migrations create.
            Locale.objects.get_or_create(
                language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
            )
            root = Page.get_first_root_node() or Page.add_root(
                instance=Page(title="Root", slug="root", live=True)
            )
            # Wagtail's migrations create a "Welcome" placeholder at the slug we need.
            for placeholder in root.get_children().exact_type(Page).filter(slug="home"):
                placeholder.delete()
            home = self.publish_child(
                root,
                HomePage(
                    title=data["title"],
                    slug="home",
                    hero_title=data["hero_title"],
                    hero_text=data["hero_text"],
                    intro=data["intro"],
                ),
            )
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(
                hostname="localhost",
                port=80,
                root_page=home,
                is_default_site=True,
                site_name=settings.WAGTAIL_SITE_NAME,
            )
        elif site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = settings.WAGTAIL_SITE_NAME
            site.save()
        return home

    def ensure_page(self, parent, page_type, key, in_menu):
        data = self.content["pages"][key]
        existing = parent.get_children().filter(slug=data["slug"]).specific().first()
        if isinstance(existing, page_type):
            return existing
        if existing is not None:
            if not isinstance(existing, StandardPage) or existing.get_children().exists():
                return existing  # an editor's own page at this address: leave it alone
            # A placeholder from before this section had its own page type.
            existing.delete()
        page = page_type(title=data["title"], slug=data["slug"], intro=data.get("intro", ""))
        page.show_in_menus = in_menu
        if page_type is StandardPage:
            page.body = stream_from_sections(data.get("sections", []))
        if page_type is ManifestPage:
            page.ambitions = [("ambition", text) for text in self.content["ambitions_2030"]]
            page.way_of_working = paragraphs_html(self.content["way_of_working"])
        return self.publish_child(parent, page)

    def ensure_campuses(self, index):
        regions = {region.slug: region for region in Region.objects.all()}
        campuses = {campus.slug: campus for campus in CampusPage.objects.child_of(index)}
        for item in self.content["campuses"]:
            if item["slug"] in campuses:
                continue
            campus = CampusPage(
                title=item["name"],
                slug=item["slug"],
                intro=item["intro"],
                kind=item["kind"],
                economic_region=item["economic_region"],
                region=regions.get(item.get("region")),
                place=item.get("place") or "",
                focus=item.get("focus") or "",
                latitude=coordinate(item.get("latitude")),
                longitude=coordinate(item.get("longitude")),
                body=[("paragraph", paragraphs_html(text)) for text in item["description"]],
            )
            campus.sectors.set(item.get("sectors", []))
            campus.levels = EducationLevel.objects.filter(
                slug__in=[LEVEL_SLUGS.get(level, level) for level in item.get("levels", [])]
            )
            named = [named_partner(entry) for entry in item.get("named_partners", [])]
            campus.partners = named + self.demo_partners_for(item.get("region"))
            campus.lead_schools = [partner for partner in named if partner.kind == "onderwijs"][:1]
            campuses[item["slug"]] = self.publish_child(index, campus)
        return campuses

    @staticmethod
    def demo_partners_for(region_slug, count=3):
        """A few demo partners of the campus's region, so its triple helix shows from day one."""
        if not region_slug:
            return []
        return list(
            Partner.objects.filter(is_demo=True, regions__slug=region_slug).order_by("slug")[:count]
        )

    def ensure_site_settings(self, home, service_pages):
        data = self.content["site"]
        site = Site.objects.get(root_page=home)
        site_settings = SiteSettings.for_site(site)
        if site_settings.contact_email:
            return
        site_settings.organisation_name = data["organisation_name"]
        site_settings.contact_email = data["contact_email"]
        site_settings.contact_phone = data.get("contact_phone", "")
        site_settings.postal_address = data.get("postal_address", "")
        site_settings.footer_text = paragraphs_html(data["footer_text"])
        site_settings.service_links = [("page", page) for page in service_pages]
        site_settings.save()

    def ensure_home_features(self, home, pages):
        if home.featured_pages or home.hero_link_id:
            return
        home.hero_link = pages["manifest"]
        home.hero_link_label = "Lees het manifest"
        home.featured_pages = [
            ("featured_page", {"page": pages[key], "text": ""})
            for key in ["manifest", "campuses", "agenda", "partners"]
        ]
        home.save_revision().publish()

    @staticmethod
    def publish_child(parent, page):
        page = parent.add_child(instance=page)
        page.save_revision().publish()
        return page
