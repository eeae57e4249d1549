from django.urls import reverse

from monitor.models import Observation


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
