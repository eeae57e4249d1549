"""The open data's behaviour over HTTP: the index, filters as on the public pages, pagination,
conditional requests, CORS, CSV, errors in JSON and the rate limit."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.endpoints import CSV_SEPARATOR, MAX_PAGE_SIZE
from api.resources import ENDPOINTS
from campuses.models import CampusPage
from core.models import Region, SectorTag
from events.models import EventKind, EventSession
from manifest.models import Initiative, ManifestAction, Signature, SignatureState
from partners.factories import PartnerFactory
from partners.models import Partner, directory_index
from search import service
from search.port import SearchQuery
from tests.manifest.signatures import make_signature

pytestmark = pytest.mark.django_db


def get_json(client, url, status=200, **extra):
    response = client.get(url, **extra)
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json")
    return json.loads(response.content)


def list_url(name):
    return reverse("api:list", args=[name])


def test_the_index_lists_every_endpoint_with_its_json_and_csv_url(client, home_page):
    index = get_json(client, reverse("api:index"))
    names = [entry["name"] for entry in index["endpoints"]]
    assert names == [endpoint.name for endpoint in ENDPOINTS]
    assert set(names) == {
        "partners",
        "ondertekenaars",
        "initiatieven",
        "acties",
        "campussen",
        "evenementen",
        "cijfers",
        "paginas",
    }
    for entry in index["endpoints"]:
        assert entry["description"]
        assert client.get(entry["url"]).status_code == 200
        assert entry["csv"].endswith(".csv")
        assert client.get(entry["csv"]).status_code == 200
    assert client.get(index["openapi"]).status_code == 200
    assert index["max_page_size"] == MAX_PAGE_SIZE
    assert index["csv_separator"] == CSV_SEPARATOR
    assert client.get(index["documentation"]).status_code == 200


def test_partners_filter_by_region_as_the_directory_does(client, home_page):
    region = Region.objects.get(slug="zaanstreek-waterland")
    inside = PartnerFactory(name="Zaanse Techniek", regions=[region])
    outside = PartnerFactory(name="Elders BV", regions=[Region.objects.exclude(pk=region.pk)[0]])
    data = get_json(client, list_url("partners") + "?regio=zaanstreek-waterland&per_pagina=100")
    ids = {item["id"] for item in data["results"]}
    assert inside.pk in ids and outside.pk not in ids
    expected = Partner.objects.live().filter(regions=region).count()
    assert data["count"] == expected


def test_partners_filter_on_signatory_yes_and_no(client, home_page):
    signed = set(
        Signature.objects.approved().filter(partner__live=True).values_list("partner", flat=True)
    )
    yes = get_json(client, list_url("partners") + "?ondertekenaar=ja&per_pagina=100")
    no = get_json(client, list_url("partners") + "?ondertekenaar=nee&per_pagina=100")
    assert {item["id"] for item in yes["results"]} == signed
    assert all(item["signatory"] for item in yes["results"])
    assert not {item["id"] for item in no["results"]} & signed
    both = get_json(client, list_url("partners") + "?ondertekenaar=ja&ondertekenaar=nee")
    assert both["count"] == Partner.objects.live().count()


@pytest.mark.date_dependent
def test_events_give_one_item_per_session_and_filter_by_kind_and_date(client, home_page):
    pets = EventSession.objects.published().filter(event__kind=EventKind.PET)
    data = get_json(client, list_url("evenementen") + "?soort=pet&per_pagina=100")
    assert data["count"] == pets.count()
    assert {item["id"] for item in data["results"]} == set(pets.values_list("pk", flat=True))
    assert all(item["kind"] == "pet" for item in data["results"])
    later = (timezone.localdate() + datetime.timedelta(days=200)).isoformat()
    data = get_json(client, list_url("evenementen") + f"?vanaf={later}&per_pagina=100")
    assert data["results"]
    assert all(item["ends_at"][:10] >= later for item in data["results"])


def test_initiatives_filter_by_action(client, home_page):
    action = ManifestAction.objects.filter(initiatives__live=True).first()
    data = get_json(client, list_url("initiatieven") + f"?actie={action.slug}")
    expected = set(
        Initiative.objects.filter(live=True, actions=action).values_list("pk", flat=True)
    )
    assert {item["id"] for item in data["results"]} == expected


def test_actions_carry_targets_and_progress(client, home_page):
    data = get_json(client, list_url("acties"))
    assert data["count"] == ManifestAction.objects.count()
    with_targets = [item for item in data["results"] if item["targets"]]
    assert with_targets
    target = with_targets[0]["targets"][0]
    assert {"text", "progress_current", "progress_goal", "progress_percent"} <= set(target)
    assert all("initiative_count" in item for item in data["results"])


@pytest.mark.date_dependent(across_the_year=True)
def test_changed_since_returns_only_what_changed_after(client, home_page):
    Partner.objects.update(updated_at=timezone.now() - datetime.timedelta(days=30))
    fresh = PartnerFactory(name="Net Gewijzigd BV")
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    data = get_json(client, list_url("partners") + f"?gewijzigd_sinds={since}")
    assert [item["id"] for item in data["results"]] == [fresh.pk]
    moment = timezone.now().isoformat()
    data = get_json(client, list_url("partners"), data={"gewijzigd_sinds": moment})
    assert data["count"] == 0


@pytest.mark.date_dependent
def test_a_signatory_whose_organisation_changed_is_changed_since(client, home_page):
    long_ago = timezone.now() - datetime.timedelta(days=30)
    Signature.objects.update(updated_at=long_ago)
    Partner.objects.update(updated_at=long_ago)
    renamed = Signature.objects.approved().exclude(partner=None).first().partner
    renamed.save()  # the organisation changed its website or logo today
    since = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    data = get_json(client, list_url("ondertekenaars") + f"?gewijzigd_sinds={since}")
    assert [item["name"] for item in data["results"]] == [renamed.name]


def test_pages_have_stable_ids_updated_at_and_a_next_link(client, home_page):
    first = get_json(client, list_url("paginas") + "?per_pagina=5")
    assert first["count"] > 5 and first["page_size"] == 5
    second = get_json(client, first["next"])
    assert second["page"] == 2 and second["previous"]
    ids = [item["id"] for item in first["results"] + second["results"]]
    assert len(set(ids)) == 10
    assert all(item["updated_at"] for item in first["results"])


@pytest.mark.parametrize(
    "query",
    [
        "onbekend=1",
        "regio=nergens",
        "per_pagina=1000",
        "per_pagina=0",
        "per_pagina=-5",
        "per_pagina=veel",
        "pagina=-1",
        "gewijzigd_sinds=gisteren",
        "gewijzigd_sinds=2027-02-30",
        "gewijzigd_sinds=0001-01-01",
    ],
)
def test_bad_parameters_are_a_400_in_dutch_json(client, home_page, query):
    data = get_json(client, list_url("partners") + "?" + query, status=400)
    assert data["error"]["status"] == 400
    assert data["error"]["message"] == "Deze parameters kunnen we niet gebruiken."
    assert data["error"]["details"]


def test_bad_event_dates_are_a_400(client, home_page):
    for query in ["vanaf=9999-12-31", "vanaf=morgen", "vanaf=2027-05-01&tot=2027-04-01"]:
        data = get_json(client, list_url("evenementen") + "?" + query, status=400)
        assert data["error"]["details"]


def test_a_page_past_the_end_is_a_404_in_json(client, home_page):
    data = get_json(client, list_url("acties") + f"?pagina={10**12}", status=404)
    assert "bestaat niet" in data["error"]["message"]


def test_an_unknown_address_under_the_api_is_a_404_in_json(client, home_page):
    for path in [list_url("onbekend"), reverse("api:csv", args=["onbekend"])]:
        assert get_json(client, path, status=404)["error"]["status"] == 404
    assert get_json(client, reverse("api:index") + "x/y/z", status=404)


def test_a_list_answers_without_its_trailing_slash_too(client, home_page):
    assert get_json(client, list_url("acties").rstrip("/"))["count"]


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writing_methods_are_a_405_in_json(client, home_page, method):
    response = getattr(client, method)(list_url("partners"))
    assert response.status_code == 405
    assert json.loads(response.content)["error"]["status"] == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_a_request_the_site_cannot_read_is_a_400_in_json(client, home_page, settings):
    too_many = "&".join(f"x{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    response = client.get(f"{list_url('partners')}?{too_many}")
    assert response.status_code == 400
    assert json.loads(response.content)["error"]["status"] == 400


def test_any_site_may_read_it_from_a_browser(client, home_page):
    response = client.get(list_url("campussen"), HTTP_ORIGIN="https://dashboard.example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(list_url("campussen"))
    assert preflight.status_code == 204
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_an_unchanged_list_is_a_304_by_etag_and_by_date(client, home_page):
    url = list_url("partners")
    response = client.get(url)
    assert response["Cache-Control"].startswith("public")
    again = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == response["ETag"]
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert since.status_code == 304
    PartnerFactory(name="Nieuw Erbij BV")
    changed = client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != response["ETag"]


# Within one window of the rate limit: it must not end halfway through the test.
@pytest.mark.date_dependent
@override_settings(API_REQUESTS_PER_MINUTE=3)
def test_too_many_requests_get_a_429_with_retry_after(client, home_page):
    url = list_url("acties")
    for _ in range(3):
        assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200
    response = client.get(url, REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Te veel verzoeken" in json.loads(response.content)["error"]["message"]
    assert client.get(url, REMOTE_ADDR="203.0.113.10").status_code == 200


def test_csv_opens_in_excel_and_runs_no_formula(client, home_page):
    hostile = [
        '=HYPERLINK("http://evil.example")',
        "+31 Techniek",
        "-Min BV",
        "@SUM(A1)",
        "\tTab BV",
        "\rCR BV",
    ]
    for number, name in enumerate(hostile):
        PartnerFactory(name=name, slug=f"formule-{number}")
    response = client.get(reverse("api:csv", args=["partners"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "partners.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=CSV_SEPARATOR))
    assert rows[0][:3] == ["id", "name", "slug"]
    names = {row[1] for row in rows[1:]}
    for name in hostile:
        assert f"'{name}" in names
        assert name not in names


def test_csv_takes_the_same_filters_and_refuses_unknown_ones(client, home_page):
    url = reverse("api:csv", args=["evenementen"])
    all_rows = client.get(url).content.decode().count("\n")
    pets = client.get(url + "?soort=pet").content.decode().count("\n")
    assert 1 < pets < all_rows
    assert client.get(url + "?pagina=2").status_code == 400
    assert client.get(url + "?soort=feest").status_code == 400


def test_partner_filters_find_what_the_directory_finds(client, home_page):
    region = Region.objects.get(slug="groot-amsterdam")
    campus = CampusPage.objects.live().filter(partners__live=True).first()
    sector = SectorTag.objects.filter(tagged_partners__isnull=False).first()
    combinations = [
        {"regio": [region.slug]},
        {"ondertekenaar": ["ja"], "soort": ["onderwijs", "bedrijfsleven"]},
        {"sector": [sector.slug]},
        {"campus": [campus.slug], "regio": [region.slug, "zaanstreek-waterland"]},
    ]
    for filters in combinations:
        query = SearchQuery(filters=filters, sort="naam", per_page=1000)
        directory = {hit.pk for hit in service.run(directory_index(), query).hits}
        data = get_json(client, list_url("partners"), data={**filters, "per_pagina": 100})
        assert {item["id"] for item in data["results"]} == directory, filters


def csv_url(name):
    return reverse("api:csv", args=[name])


def content_queries(client, url):
    """The queries a request runs beyond its rate-limit counters and the content version."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, [
        query["sql"]
        for query in captured
        if not any(word in query["sql"] for word in ("core_ratelimit_cache", "SAVEPOINT", "PRAGMA"))
    ]


@pytest.mark.parametrize("url", [csv_url("partners"), list_url("partners") + "?per_pagina=100"])
def test_a_repeated_export_is_answered_from_the_cache_until_content_changes(client, home_page, url):
    first, queries = content_queries(client, url)
    assert queries
    again, queries = content_queries(client, url)
    assert queries == []
    assert again.content == first.content
    PartnerFactory(name="Nieuw Erbij BV")
    changed, queries = content_queries(client, url)
    assert queries
    assert "Nieuw Erbij BV" in changed.content.decode()


# Within one window of the rate limit: it must not end halfway through the test.
@pytest.mark.date_dependent
@override_settings(API_EXPORTS_PER_MINUTE=2)
def test_whole_lists_as_csv_have_a_stricter_limit(client, home_page):
    for name in ("partners", "acties"):
        assert client.get(csv_url(name), REMOTE_ADDR="203.0.113.9").status_code == 200
    response = client.get(csv_url("partners"), REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert "Te veel downloads" in json.loads(response.content)["error"]["message"]
    assert client.get(list_url("partners"), REMOTE_ADDR="203.0.113.9").status_code == 200
    assert client.get(csv_url("partners"), REMOTE_ADDR="203.0.113.10").status_code == 200


@pytest.mark.date_dependent
def test_last_modified_moves_when_a_signatory_is_rejected_or_deleted(
    client, home_page, admin_user, clock
):
    url = list_url("ondertekenaars")
    signature = make_signature(organisation_name="Kortstondig Ondertekend BV")
    with transaction.atomic():
        signature.approve(admin_user)
    approved = client.get(url)
    count = json.loads(approved.content)["count"]
    clock.shift(datetime.timedelta(minutes=1))
    signature.reject(admin_user, "Geen organisatie uit Noord-Holland.")
    rejected = client.get(url, HTTP_IF_MODIFIED_SINCE=approved["Last-Modified"])
    assert rejected.status_code == 200
    assert json.loads(rejected.content)["count"] == count - 1
    assert "Kortstondig" not in rejected.content.decode()

    clock.shift(datetime.timedelta(minutes=1))
    Signature.objects.filter(state=SignatureState.APPROVED).order_by("pk").first().delete()
    deleted = client.get(url, HTTP_IF_MODIFIED_SINCE=rejected["Last-Modified"])
    assert deleted.status_code == 200
    assert json.loads(deleted.content)["count"] == count - 2
    unchanged = client.get(url, HTTP_IF_MODIFIED_SINCE=deleted["Last-Modified"])
    assert unchanged.status_code == 304


def csv_rows(client, url):
    text = client.get(url).content.decode("utf-8")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=CSV_SEPARATOR))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_csv_gives_dates_times_and_decimals_as_dutch_excel_reads_them(client, home_page):
    session = (
        EventSession.objects.published()
        .filter(start_time__isnull=False, event__campus__latitude__isnull=False)
        .first()
    )
    row = next(
        row for row in csv_rows(client, csv_url("evenementen")) if row["id"] == str(session.pk)
    )
    # A date and a time column each, in Dutch time: no ISO text Excel leaves as text.
    assert row["starts_at_date"] == session.date.strftime("%d-%m-%Y")
    assert row["starts_at_time"] == session.start_time.strftime("%H:%M")
    assert row["ends_at_time"] == session.end_time.strftime("%H:%M")
    assert "starts_at" not in row
    published = timezone.localtime(session.event.last_published_at)
    assert row["updated_at"] == published.strftime("%d-%m-%Y %H:%M")
    # A decimal comma: Dutch Excel reads 52.9563 as 529563.
    latitude, longitude = session.event.coordinates
    assert row["latitude"] == str(float(latitude)).replace(".", ",")
    assert row["longitude"] == str(float(longitude)).replace(".", ",")
    # The JSON, for programs, keeps ISO 8601 and decimal points.
    item = get_json(client, list_url("evenementen") + "?per_pagina=100")["results"]
    item = next(each for each in item if each["id"] == session.pk)
    assert item["starts_at"] == session.start.isoformat()
    assert item["latitude"] == float(latitude)


def test_csv_gives_days_and_moments_of_other_lists_in_dutch_order(client, home_page):
    initiative = Initiative.objects.filter(live=True, start_date__isnull=False).first()
    row = next(
        row for row in csv_rows(client, csv_url("initiatieven")) if row["id"] == str(initiative.pk)
    )
    assert row["start_date"] == initiative.start_date.strftime("%d-%m-%Y")
    local = timezone.localtime(initiative.updated_at)
    assert row["updated_at"] == local.strftime("%d-%m-%Y %H:%M")


def test_the_index_and_the_description_name_the_licence(client, home_page):
    index = get_json(client, reverse("api:index"))
    assert index["licentie"] == {
        "name": "CC0 1.0 Universeel",
        "url": "https://creativecommons.org/publicdomain/zero/1.0/deed.nl",
    }
    with override_settings(OPEN_DATA_LICENSE_NAME="CC BY 4.0"):
        assert get_json(client, reverse("api:index"))["licentie"]["name"] == "CC BY 4.0"
