import pytest
from django.utils.html import escape

from manifest.factories import ActionTargetFactory, InitiativeFactory
from manifest.models import ActionLine, ManifestAction, PurposeCaseStatus
from partners.factories import PartnerFactory
from tests.conftest import count_queries


def test_manifest_shows_all_lines_actions_and_targets(client, home_page):
    html = client.get("/manifest/").content.decode()
    for line in ActionLine.objects.all():
        assert f"Actielijn {line.code}</span> {line.title}" in html
    for action in ManifestAction.objects.prefetch_related("targets"):
        assert f'href="{action.get_absolute_url()}">{escape(action.title)}</a>' in html
        for target in action.targets.all():
            assert escape(target.text) in html
    assert html.count('class="action-card"') == 15


def test_manifest_shows_themes_ambitions_and_a_call_to_sign(client, home_page):
    html = client.get("/manifest/").content.decode()
    assert "Werkend ecosysteem &amp; campusvorming" in html
    assert "Onze ambities voor 2030" in html
    assert 'href="/manifest/ondertekenen/"' in html


def test_actions_index_lists_every_action_by_line(client, home_page):
    response = client.get("/manifest/acties/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="action-card"') == 15
    assert 'aria-label="Kruimelpad"' in html and ">Acties</span>" in html


def test_both_actions_numbered_three_have_their_own_page(client, home_page):
    threes = ManifestAction.objects.filter(agenda_number=3)
    for action in threes:
        response = client.get(action.get_absolute_url())
        assert response.status_code == 200
        assert f"Actie 3: {escape(action.title)}</h1>" in response.content.decode()
    assert threes.count() == 2


def test_action_page_shows_facts_targets_coalition_and_initiatives(client, home_page):
    action = ManifestAction.objects.get(slug="4-zijinstroomtrajecten")
    lead, member = PartnerFactory(name="Aanjager BV"), PartnerFactory(name="Lid BV")
    action.lead_partner = lead
    action.status = PurposeCaseStatus.RUNNING
    action.member_partners.add(member)  # a parental relation: stored by save()
    action.save()
    live = InitiativeFactory(title="Zij-instroom Noord", actions=[action])
    InitiativeFactory(title="Nog een concept", actions=[action], live=False)
    html = client.get(action.get_absolute_url()).content.decode()
    assert "Actie 4: Zij-instroomtrajecten" in html
    assert "Actielijn II" in html
    assert "<dt>Ontwikkelcoalitie</dt><dd>3</dd>" in html
    assert "<dt>Aanjager</dt><dd>Aanjager BV</dd>" in html
    assert "In uitvoering" in html
    assert "Lid BV" in html
    assert live.get_absolute_url() in html
    assert "Nog een concept" not in html
    for target in action.targets.all():
        assert escape(target.text) in html


def test_free_text_lead_is_shown_when_no_partner_is_linked(client, home_page):
    action = ManifestAction.objects.get(agenda_number=5)
    assert action.lead_organisation_name
    html = client.get(action.get_absolute_url()).content.decode()
    assert f"<dt>Aanjager</dt><dd>{action.lead_organisation_name}</dd>" in html


def test_target_progress_is_an_accessible_bar_with_the_numbers_in_text(client, home_page):
    action = ManifestAction.objects.get(slug="4-zijinstroomtrajecten")
    ActionTargetFactory(
        action=action,
        deadline="2023",
        text="Zij-instroomtrajecten per jaar",
        progress_current=420,
        progress_goal=500,
        progress_unit="trajecten",
    )
    html = client.get(action.get_absolute_url()).content.decode()
    assert 'max="500" value="420"' in html
    assert "420 van 500 trajecten (84%)" in html


def test_unknown_action_gives_the_dutch_404(client, home_page):
    response = client.get("/manifest/acties/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


@pytest.mark.parametrize("path", ["/manifest/", "/manifest/acties/"])
def test_manifest_queries_do_not_grow_with_the_number_of_initiatives(client, home_page, path):
    actions = list(ManifestAction.objects.all())
    partners = PartnerFactory.create_batch(20)
    for number in range(5):
        InitiativeFactory(actions=actions[:3], partners=partners[number : number + 2])
    client.get(path)
    few = count_queries(client, path)
    for number in range(40):
        InitiativeFactory(actions=actions[number % 15 :][:2], partners=partners[number % 19 :][:2])
    client.get(path)  # the cached fragments, warm again after the change
    assert count_queries(client, path) == few


def test_action_page_queries_do_not_grow_with_the_number_of_initiatives(client, home_page):
    action = ManifestAction.objects.get(slug="4-zijinstroomtrajecten")
    partners = PartnerFactory.create_batch(5)
    for partner in partners:
        InitiativeFactory(actions=[action], partners=[partner])
    client.get(action.get_absolute_url())
    few = count_queries(client, action.get_absolute_url())
    for number in range(40):
        InitiativeFactory(actions=[action], partners=[partners[number % 5]])
    client.get(action.get_absolute_url())  # the cached fragments, warm again
    assert count_queries(client, action.get_absolute_url()) == few
