import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from monitor.models import Area, AreaKind, Observation


def test_editors_find_the_figures_filtered_in_the_admin(admin_client, home_page):
    indicator = Observation.objects.filter(is_demo=False).first().indicator
    url = reverse("wagtailsnippets_monitor_observation:list")
    response = admin_client.get(url, {"indicator": indicator.pk, "is_demo": "false"})
    assert response.status_code == 200
    listed = list(response.context["object_list"])
    assert listed
    assert all(item.indicator == indicator and not item.is_demo for item in listed)
    assert len(listed) < Observation.objects.count()
    for name in ("indicator", "area"):
        assert admin_client.get(reverse(f"wagtailsnippets_monitor_{name}:list")).status_code == 200


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def test_the_province_cannot_be_deleted_in_the_admin(redacteur_client):
    province = Area.objects.get(kind=AreaKind.PROVINCE)
    url = reverse("wagtailsnippets_monitor_area:delete", args=[province.pk])
    for response in (
        redacteur_client.get(url, follow=True),
        redacteur_client.post(url, follow=True),
    ):
        assert response.status_code == 200
        assert any("kan niet verwijderd worden" in text for text in messages_of(response))
    # Nor several at once.
    bulk = (
        reverse("wagtail_bulk_action", args=["monitor", "area", "delete"])
        + f"?id={province.pk}&id={Area.objects.get(slug='nederland').pk}"
    )
    response = redacteur_client.post(bulk, follow=True)
    assert any("kan niet verwijderd worden" in text for text in messages_of(response))
    assert Area.objects.filter(pk=province.pk).exists()
    assert Area.objects.filter(slug="nederland").exists()


def test_another_area_can_be_deleted_in_the_admin(redacteur_client):
    area = Area.objects.get(slug="metropoolregio-amsterdam")
    url = reverse("wagtailsnippets_monitor_area:delete", args=[area.pk])
    assert redacteur_client.post(url).status_code == 302
    assert not Area.objects.filter(pk=area.pk).exists()


def test_the_province_keeps_its_kind(home_page):
    province = Area.objects.get(kind=AreaKind.PROVINCE)
    province.kind = AreaKind.COUNTRY
    with pytest.raises(ValidationError, match="provincie van Arbeidsmarkt in cijfers"):
        province.full_clean()
