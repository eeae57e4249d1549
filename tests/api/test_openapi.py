"""The OpenAPI description is valid OpenAPI 3.1 and says what the API does."""

import json

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from api.resources import ENDPOINTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client, home_page):
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    return json.loads(response.content)


def test_the_description_is_valid_openapi_3_1(spec):
    assert spec["openapi"].startswith("3.1")
    validate(spec)


def test_every_list_its_csv_and_every_parameter_are_described(spec):
    for endpoint in ENDPOINTS:
        listing = spec["paths"][f"/{endpoint.name}/"]["get"]
        described = {param["name"] for param in listing["parameters"]}
        assert described == {param.name for param in endpoint.all_params} | {
            "pagina",
            "per_pagina",
        }
        assert {"200", "304", "400", "405", "429"} <= set(listing["responses"])
        assert f"/{endpoint.name}.csv" in spec["paths"]


def test_items_have_exactly_the_declared_fields_in_their_order(client, spec):
    for endpoint in ENDPOINTS:
        declared = [field.name for field in endpoint.fields]
        assert len(set(declared)) == len(declared), endpoint.name
        schema = spec["components"]["schemas"][endpoint.name.capitalize()]
        assert list(schema["properties"]) == declared
        url = reverse("api:list", args=[endpoint.name])
        items = json.loads(client.get(url).content)["results"]
        assert items, endpoint.name
        for item in items:
            assert list(item) == declared, endpoint.name


def test_the_server_url_leads_to_the_index(client, spec):
    server = spec["servers"][0]["url"]
    assert client.get(server + "/").status_code == 200


def test_the_licence_is_in_the_info(spec):
    assert spec["info"]["license"] == {
        "name": "CC0 1.0 Universeel",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    }


def test_the_csv_columns_and_their_formats_are_described(spec):
    described = spec["paths"]["/evenementen.csv"]["get"]["responses"]["200"]["description"]
    assert "starts_at_date, starts_at_time" in described
    assert "DD-MM-JJJJ" in described and "komma" in described
