import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from api.models import OpenDataPage
from campuses import demo as campus_demo
from campuses.initial_data import load_campuses
from campuses.models import CampusIndexPage
from core.initial_data import load_taxonomies, paragraphs_html
from core.models import DemoContentLoad, ImportantPages, MailSettings, ShareSettings
from events.demo import load_demo_events
from events.models import EventIndexPage
from manifest import demo as manifest_demo
from manifest.initial_data import load_manifest
from manifest.models import ManifestPage
from monitor.demo import load_demo_observations
from monitor.initial_data import load_monitor
from monitor.models import MonitorPage
from partners.demo import load_demo_partners
from partners.models import PartnerIndexPage
from website.models import HomePage, SiteSettings, StandardPage

CONTENT_FILE = settings.BASE_DIR / "website" / "data" / "initial_content.json"

# Top-level pages in menu order, with their page type.
MENU_PAGES = {
    "manifest": ManifestPage,
    "campuses": CampusIndexPage,
    "agenda": EventIndexPage,
    "partners": PartnerIndexPage,
    "monitor": MonitorPage,
    "about": StandardPage,
}
SERVICE_PAGES = {
    "contact": StandardPage,
    "privacy": StandardPage,
    "accessibility": StandardPage,
    "open_data": OpenDataPage,
}
# The site settings' important pages, by the key of the page in the content file.
IMPORTANT_PAGES = {
    "manifest_page": "manifest",
    "agenda_page": "agenda",
    "directory_page": "partners",
    "privacy_page": "privacy",
    "contact_page": "contact",
    "accessibility_page": "accessibility",
}

# Facts a text names in braces, such as "{contact_email}", come from the site's section of
# the content file, the values the site settings start with; so each is written down once.
SITE_FACTS = ("contact_email", "postal_address")


def fill_in_site_facts(text, site):
    for fact in SITE_FACTS:
        text = text.replace(f"{{{fact}}}", site[fact])
    return text


def stream_from_sections(sections, site):
    body = []
    for section in sections:
        body.append(("heading", {"text": section["heading"], "level": "h2"}))
        body.extend(
            ("paragraph", paragraphs_html(fill_in_site_facts(text, site)))
            for text in section["paragraphs"]
        )
    return body


def publish_child(parent, page):
    page = parent.add_child(instance=page)
    page.save_revision().publish()
    return page


class Command(BaseCommand):
    help = (
        "Load the initial content: the regions, sectors and education levels, the manifest's "
        "themes, action lines and actions, the labour-market monitor's indicators and the figures "
        "of the implementation agenda, the page tree, the campuses and the site settings; "
        "with --demo also fictional partners, initiatives, signatures, events and labour-market "
        "series (flagged "
        "is_demo), once per database: demo records deleted later do not come back. Safe to "
        "run again: nothing is created twice and nothing editors changed is overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--demo", action="store_true", help="Also load demo content (flagged is_demo)."
        )

    def handle(self, *args, demo=False, **options):
        self.content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        if demo and DemoContentLoad.objects.exists():
            demo = False
            self.stdout.write(
                "Demo content was loaded before; what was deleted since stays deleted."
            )
        self.created = set()
        with transaction.atomic():
            load_taxonomies(self.content)
            load_manifest(self.content)
            load_monitor(self.content)
            home = self.ensure_home_page(self.content["pages"]["home"])
            pages = {
                key: self.ensure_page(home, page_type, key)
                for key, page_type in (MENU_PAGES | SERVICE_PAGES).items()
            }
            if demo:
                load_demo_partners(self.content)
            campuses = load_campuses(
                pages["campuses"],
                self.content,
                publish_child,
                extra_partners=campus_demo.demo_partners_for if demo else lambda region: [],
            )
            if demo:
                manifest_demo.load_demo_initiatives(self.content, campuses)
                load_demo_events(pages["agenda"], list(campuses.values()))
                manifest_demo.load_demo_signatures(pages["manifest"].live_revision)
                load_demo_observations()
                DemoContentLoad.objects.create()
            self.ensure_site_settings(home, pages)
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
                instance=Page(title="Alle sites", slug="root", live=True)
            )
            # Wagtail's migrations create a "Welcome" placeholder at the slug we need.
            for placeholder in root.get_children().exact_type(Page).filter(slug="home"):
                placeholder.delete()
            fields = {key: data[key] for key in ("title", "hero_title", "hero_text", "intro")}
            home = publish_child(root, HomePage(slug="home", **fields))
        name = settings.WAGTAIL_SITE_NAME
        site, _ = Site.objects.get_or_create(
            is_default_site=True,
            defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": name},
        )
        if site.root_page_id != home.pk:
            site.root_page = home
            site.site_name = name
            site.save()
        return home

    def ensure_page(self, parent, page_type, key):
        data = self.content["pages"][key]
        existing = parent.get_children().filter(slug=data["slug"]).specific().first()
        if existing is not None:
            # Loaded before, or an editor's own page at this address: left as it is.
            return existing
        page = page_type(title=data["title"], slug=data["slug"], intro=data.get("intro", ""))
        page.show_in_menus = key in MENU_PAGES
        if page_type in (StandardPage, OpenDataPage, MonitorPage):
            page.body = stream_from_sections(data.get("sections", []), self.content["site"])
        if page_type is ManifestPage:
            page.ambitions = [("ambition", text) for text in self.content["ambitions_2030"]]
            page.way_of_working = paragraphs_html(self.content["way_of_working"])
        self.created.add(key)
        return publish_child(parent, page)

    def ensure_site_settings(self, home, pages):
        site = Site.objects.get(root_page=home)
        important = ImportantPages.for_site(site)
        for field, key in IMPORTANT_PAGES.items():
            if getattr(important, f"{field}_id") is None:
                setattr(important, field, pages[key])
        important.save()
        # Made now with their defaults rather than by the first visitor's page view or mail
        # (reading a missing setting creates it: a change of content).
        ShareSettings.for_site(site)
        MailSettings.for_site(site)
        site_settings = SiteSettings.for_site(site)
        # A footer link only to a page made just now: a link an editor removed stays removed.
        if "open_data" in self.created:
            site_settings.service_links.append(("page", pages["open_data"]))
            site_settings.save()
        if site_settings.contact_email:
            return
        data = self.content["site"]
        for field in ("organisation_name", "contact_email", "contact_phone", "postal_address"):
            setattr(site_settings, field, data.get(field, ""))
        site_settings.footer_text = paragraphs_html(data["footer_text"])
        site_settings.save()

    def ensure_home_features(self, home, pages):
        """Fills in what is empty (the tasks, the featured cards, a card's text), so a site
        from before they existed gets them too; never replaces what an editor wrote."""
        data = self.content["pages"]["home"]
        changed = not home.tasks or not home.featured_pages
        if not home.tasks:
            home.tasks = [
                (
                    "task",
                    {
                        "audience": task["audience"],
                        "links": [link | {"page": pages[link["page"]]} for link in task["links"]],
                    },
                )
                for task in data["tasks"]
            ]
        if not home.featured_pages:
            home.featured_pages = [
                ("featured_page", {"page": pages[key], "text": text})
                for key, text in data["teasers"].items()
            ]
        teasers = {pages[key].pk: text for key, text in data["teasers"].items()}
        for card in home.featured_pages:
            page = card.value["page"]
            if not card.value["text"] and page and page.pk in teasers:
                card.value["text"] = teasers[page.pk]
                changed = True
        if changed:
            home.save_revision().publish()
