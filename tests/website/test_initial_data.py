import json

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from core.models import Region
from manifest.models import ActionLine, ActionTarget, ManifestAction, Theme
from tests.conftest import load_initial_data
from website.models import HomePage, SiteSettings, StandardPage

FACTS = json.loads((settings.BASE_DIR / "website" / "data" / "facts.json").read_text())


def model_counts():
    return {
        model._meta.label: model.objects.count()
        for model in (Page, Revision, Region, Theme, ActionLine, ManifestAction, ActionTarget)
    } | {"SiteSettings": SiteSettings.objects.count()}


def test_loading_twice_on_a_fresh_database_gives_identical_counts(transactional_db):
    call_command("flush", interactive=False, verbosity=0)
    load_initial_data()
    first = model_counts()
    load_initial_data()
    assert model_counts() == first
    assert first["manifest.ManifestAction"] == 15


def test_taxonomy_matches_the_facts(home_page):
    assert list(Region.objects.values_list("name", flat=True)) == [
        region["name"] for region in FACTS["labour_market_regions"]
    ]
    assert list(Theme.objects.values_list("name", flat=True)) == FACTS["manifest"]["themes"]
    assert list(ActionLine.objects.values_list("code", "title")) == [
        (line["code"], line["title"]) for line in FACTS["action_lines"]
    ]
    loaded = {
        (action.agenda_number, action.line.code, action.coalition_code, action.title)
        for action in ManifestAction.objects.in_agenda_order()
    }
    expected = {
        (fact["agenda_number"], fact["line"], fact["coalition"] or "", fact["title"])
        for fact in FACTS["actions"]
    }
    assert loaded == expected


def test_every_action_has_its_targets(home_page):
    targets_per_action = {
        action.title: action.targets.count() for action in ManifestAction.objects.all()
    }
    assert targets_per_action == {fact["title"]: len(fact["targets"]) for fact in FACTS["actions"]}


def test_both_actions_numbered_three_exist_with_distinct_slugs(home_page):
    threes = ManifestAction.objects.filter(agenda_number=3).in_agenda_order()
    assert [action.line.code for action in threes] == ["I", "II"]
    assert len({action.slug for action in threes}) == 2


def test_regions_belong_to_their_economic_region(home_page):
    assert Region.objects.get(name="Noord-Holland Noord").economic_region == "nhn"
    assert set(
        Region.objects.exclude(name="Noord-Holland Noord").values_list("economic_region", flat=True)
    ) == {"mra"}


def test_page_tree_has_home_and_sections(home_page):
    assert HomePage.objects.get().url_path == "/home/"
    slugs = set(home_page.get_children().values_list("slug", flat=True))
    assert {"manifest", "campussen", "agenda", "partners", "over-het-manifest", "privacy"} <= slugs
    assert all(page.live for page in StandardPage.objects.all())
    assert not Page.objects.filter(title__icontains="Welcome").exists()


def test_editor_changes_survive_a_reload(home_page):
    action = ManifestAction.objects.get(agenda_number=4)
    action.title = "Zij-instroom, aangepast door een redacteur"
    action.save()
    load_initial_data()
    action.refresh_from_db()
    assert action.title == "Zij-instroom, aangepast door een redacteur"


def test_ensure_admin_creates_the_superuser_once(db, settings, capsys):
    settings.ADMIN_PASSWORD = "een-sterk-wachtwoord"
    call_command("ensure_admin")
    call_command("ensure_admin")
    users = get_user_model().objects.filter(username="admin")
    assert users.count() == 1
    assert users.get().is_superuser
    assert users.get().check_password("een-sterk-wachtwoord")


def test_ensure_admin_prints_a_generated_password_once(db, settings, capsys):
    settings.ADMIN_PASSWORD = ""
    call_command("ensure_admin")
    first = capsys.readouterr().out
    password = first.split("password: ")[1].split()[0]
    assert get_user_model().objects.get(username="admin").check_password(password)
    call_command("ensure_admin")
    assert password not in capsys.readouterr().out


@pytest.mark.parametrize("weak", ["admin", "12345678901234", "wachtwoord", "password1234"])
def test_ensure_admin_refuses_a_weak_password(db, settings, weak):
    settings.ADMIN_PASSWORD = weak
    with pytest.raises(CommandError, match="ADMIN_PASSWORD is too weak"):
        call_command("ensure_admin")
    assert not get_user_model().objects.filter(username="admin").exists()
