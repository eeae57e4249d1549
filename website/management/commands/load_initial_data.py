import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from partners.initial_data import load_taxonomy, paragraphs_html
from website.models import HomePage, SiteSettings, StandardPage

CONTENT_FILE = Path(settings.BASE_DIR) / "website" / "data" / "initial_content.json"

# Top-level pages, in menu order. The later parts of the site (manifest, campuses, agenda,
# partner directory) start as standard pages so the tree and menu exist from day one.
MENU_PAGES = ["manifest", "campuses", "agenda", "partners", "about"]
SERVICE_PAGES = ["contact", "privacy", "accessibility"]


class Command(BaseCommand):
    help = (
        "Load the initial content: the manifest's regions, themes, action lines and actions, "
        "the page tree and the site settings. Safe to run again: nothing is created twice and "
        "nothing editors changed is overwritten."
    )

    def handle(self, *args, **options):
        content = json.loads(CONTENT_FILE.read_text(encoding="utf-8"))
        with transaction.atomic():
            load_taxonomy(content)
            home = self.ensure_home_page(content["pages"]["home"])
            pages = {
                key: self.ensure_standard_page(
                    home, content["pages"][key], in_menu=key in MENU_PAGES
                )
                for key in MENU_PAGES + SERVICE_PAGES
            }
            self.ensure_site_settings(home, content["site"], [pages[key] for key in SERVICE_PAGES])
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
            home = root.add_child(
                instance=HomePage(
                    title=data["title"],
                    slug="home",
                    hero_title=data["hero_title"],
                    hero_text=data["hero_text"],
                    intro=data["intro"],
                )
            )
            home.save_revision().publish()
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

    def ensure_standard_page(self, home, data, in_menu):
        existing = home.get_children().filter(slug=data["slug"]).first()
        if existing is not None:
            return existing
        body = []
        for section in data.get("sections", []):
            body.append(("heading", {"text": section["heading"], "level": "h2"}))
            body.extend(
                ("paragraph", paragraphs_html(paragraph)) for paragraph in section["paragraphs"]
            )
        page = home.add_child(
            instance=StandardPage(
                title=data["title"],
                slug=data["slug"],
                intro=data.get("intro", ""),
                body=body,
                show_in_menus=in_menu,
            )
        )
        page.save_revision().publish()
        return page

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

    def ensure_site_settings(self, home, data, service_pages):
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
