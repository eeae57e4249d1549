"""Every description a form field names (aria-describedby: its help text, its error) is on the
page, also when a filter value was ignored: otherwise a screen reader says nothing of what
went wrong with the field (WCAG 1.3.1, 3.3.1)."""

import re

import pytest

from tests.bench.page_urls import page_urls

DESCRIBED_BY = re.compile(r'aria-describedby="([^"]+)"')
# A value no filter of any listing knows, in every parameter the listings read.
BAD_FILTERS = "&".join(
    f"{name}=zzz-onbekend"
    for name in ["regio", "soort", "actie", "thema", "campus", "niveau", "vanaf", "tot", "plaats"]
)
LISTINGS = ["initiatives list", "wall", "campuses list", "agenda list", "agenda month", "directory"]


@pytest.mark.parametrize("name", LISTINGS)
def test_the_fields_of_a_listing_name_only_descriptions_on_the_page(client, home_page, name):
    path = page_urls()[name]
    response = client.get(f"{path}{'&' if '?' in path else '?'}{BAD_FILTERS}")
    assert response.status_code == 200
    html = response.content.decode()
    named = {id_ for ids in DESCRIBED_BY.findall(html) for id_ in ids.split()}
    missing = sorted(id_ for id_ in named if f'id="{id_}"' not in html)
    assert named, "the bad values are named at their fields"
    assert missing == [], f"{path}: aria-describedby names what is not there"
