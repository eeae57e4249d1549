"""The site's small files answer HEAD as they answer GET."""

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
