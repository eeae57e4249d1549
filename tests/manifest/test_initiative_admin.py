from django.urls import reverse
from wagtail.test.utils.form_data import rich_text

from manifest.models import Initiative, ManifestAction


def test_an_editor_creates_and_publishes_an_initiative_in_the_admin(redacteur_client):
    first, second = ManifestAction.objects.filter(agenda_number__in=[1, 11]).order_by(
        "agenda_number"
    )
    add_url = reverse("wagtailsnippets_manifest_initiative:add")
    assert redacteur_client.get(add_url).status_code == 200

    response = redacteur_client.post(
        add_url,
        {
            "title": "Techniekcarrousel Kennemerland",
            "slug": "techniekcarrousel-kennemerland",
            "summary": "Leerlingen draaien een dag mee bij technische bedrijven.",
            "description": rich_text("<p>Een dag meedraaien in de werkplaats.</p>"),
            "status": "lopend",
            "actions": [first.pk, second.pk],
            "tags": "po, techniekpromotie",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    initiative = Initiative.objects.get(slug="techniekcarrousel-kennemerland")
    assert initiative.live
    assert set(initiative.actions.all()) == {first, second}
    for action in (first, second):
        html = redacteur_client.get(action.get_absolute_url()).content.decode()
        assert "Techniekcarrousel Kennemerland" in html


def test_the_admin_refuses_an_initiative_without_an_action(redacteur_client):
    response = redacteur_client.post(
        reverse("wagtailsnippets_manifest_initiative:add"),
        {
            "title": "Zonder actie",
            "slug": "zonder-actie",
            "summary": "x",
            "status": "lopend",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 200
    assert "actions" in response.context["form"].errors
    assert not Initiative.objects.filter(slug="zonder-actie").exists()


def test_admin_list_filters_and_searches_initiatives(admin_client, home_page):
    action = ManifestAction.objects.get(slug="4-zijinstroomtrajecten")
    url = reverse("wagtailsnippets_manifest_initiative:list")
    response = admin_client.get(url, {"actions": action.pk, "status": "lopend"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Overstapprogramma techniek rond Schiphol" in html
    assert "Robots als collega in de Zaanstreek" not in html
    response = admin_client.get(url, {"q": "Robots"})
    assert "Robots als collega in de Zaanstreek" in response.content.decode()


def test_admin_snippet_pages_for_the_registry_open(admin_client, home_page):
    snippets = [
        ("manifest", "initiative"),
        ("partners", "partner"),
        ("manifest", "manifestaction"),
        ("core", "region"),
        ("manifest", "theme"),
        ("manifest", "actionline"),
    ]
    for app_label, model in snippets:
        url = reverse(f"wagtailsnippets_{app_label}_{model}:list")
        assert admin_client.get(url).status_code == 200
    action = ManifestAction.objects.first()
    edit = reverse("wagtailsnippets_manifest_manifestaction:edit", args=[action.pk])
    assert admin_client.get(edit).status_code == 200
