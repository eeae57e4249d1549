"""The site's small files answer HEAD as they answer GET, and say only what the site put in them."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("name", ["robots_txt", "security_txt", "favicon"])
def test_head_answers_as_get_does(client, home_page, name):
    url = reverse(name)
    get = client.get(url)
    head = client.head(url)
    assert head.status_code == get.status_code
    assert head.get("Content-Type") == get.get("Content-Type")
    assert head.get("Location") == get.get("Location")


def test_security_txt_names_its_own_address_whatever_the_query(client, home_page, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.werkenenontwikkelen2030.nl"
    url = reverse("security_txt")
    response = client.get(url + "?Contact:%20mailto:evil@example.com")
    body = response.content.decode()
    fields = dict(line.split(": ", 1) for line in body.splitlines())
    assert fields["Canonical"] == "https://www.werkenenontwikkelen2030.nl" + url
    assert "evil" not in body
