"""The layers of docs/architecture.md hold for data too: relations and migrations point down
the dependency order, and no app looks a model of another app up at run time. (Imports are
checked by import-linter: `make lint`.)"""

import re
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from partners.models import PartnerIndexPage

# Top first; apps on one level are independent of each other.
LAYERS = [
    {"website"},
    {"api"},
    {"events", "manifest"},
    {"campuses"},
    {"partners", "monitor"},
    {"alerts"},
    {"core", "search"},
]
LEVEL = {app: level for level, layer in enumerate(LAYERS) for app in layer}


def may_depend_on(app, other):
    """True when `app` may point at `other`: itself, or an app in a lower layer."""
    return app == other or LEVEL[other] > LEVEL[app]


def test_every_app_of_ours_is_in_a_layer():
    ours = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == settings.BASE_DIR
    }
    assert ours == set(LEVEL)


def test_relations_are_declared_on_the_higher_model():
    upward = []
    for model in apps.get_models():
        app = model._meta.app_label
        if app not in LEVEL:
            continue
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # a reverse accessor: declared on the other model
            target = getattr(field, "related_model", None)
            if target is None or target._meta.app_label not in LEVEL:
                continue
            if not may_depend_on(app, target._meta.app_label):
                upward.append(f"{model._meta.label}.{field.name} -> {target._meta.label}")
    assert upward == []


def test_no_migration_depends_on_a_higher_app():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    upward = [
        f"{app}.{name} -> {dependency_app}.{dependency}"
        for (app, name), migration in loader.disk_migrations.items()
        if app in LEVEL
        for dependency_app, dependency in migration.dependencies
        if dependency_app in LEVEL and not may_depend_on(app, dependency_app)
    ]
    assert upward == []


RUN_TIME_LOOKUP = re.compile(r"apps\.get_model\(|\.related_model\b|_meta\.get_field\(")


@pytest.mark.parametrize("app", sorted(LEVEL))
def test_no_app_looks_models_up_at_run_time(app):
    """Migrations must use `apps.get_model` (historical models); nothing else needs it."""
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}"
        for path in (settings.BASE_DIR / app).rglob("*.py")
        if "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if RUN_TIME_LOOKUP.search(line)
    ]
    assert found == []


# What a newcomer reads to follow a directory search from URL to template
# (docs/architecture.md, "A directory search, from URL to template").
MAX_MODULES_OF_A_DIRECTORY_SEARCH = 12


def project_modules_entered(client, url):
    """The modules of ours whose code runs while `url` is answered."""
    ours = tuple(f"{label}." for label in LEVEL)
    entered = set()

    def profile(frame, event, arg):
        if event == "call":
            name = frame.f_globals.get("__name__", "")
            if name.startswith(ours):
                entered.add(name)

    sys.setprofile(profile)
    try:
        response = client.get(url)
    finally:
        sys.setprofile(None)
    assert response.status_code == 200
    return sorted(entered)


def test_a_directory_search_passes_few_modules(client, home_page):
    directory = PartnerIndexPage.objects.get()
    url = directory.url + "?q=installatie"
    # A running site: the facet table, the page URLs and the cached fragments are warm (the
    # page cache is off in the tests, so the page itself is rendered).
    client.get(url)
    entered = project_modules_entered(client, url)
    assert len(entered) <= MAX_MODULES_OF_A_DIRECTORY_SEARCH, "\n".join(entered)


# Attributes of Django, Wagtail and modelcluster objects that are not their public API: the
# next release may rename or drop them without a word.
PRIVATE_ATTRIBUTES = re.compile(
    r"\._(wagtail_site|result_cache|prefetched_objects_cache|prefetch_done|"
    r"cluster_related_objects|find_for_request|get_raw_host|known_related_objects|"
    r"iterable_class|fields_cache|clean_fields|post_clean)\b|\._errors\s*="
)


def test_no_code_of_ours_reaches_into_private_attributes():
    sources = [
        path
        for path in settings.BASE_DIR.glob("*/**/*.py")
        if path.parts[len(settings.BASE_DIR.parts)] in LEVEL and "migrations" not in path.parts
    ]
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if PRIVATE_ATTRIBUTES.search(line)
    ]
    assert not found, "\n".join(found)
