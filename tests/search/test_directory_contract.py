"""One behaviour contract for every search backend: same data, same questions, same answers.

The database backend always runs. The Elasticsearch run needs a server, which cannot be
installed on these machines: it is skipped unless ELASTICSEARCH_URL is set.
"""

import os
import uuid

import pytest
from django.utils import timezone

from core.models import EducationLevel, Offer, Region
from manifest.models import Signature, SignatureState
from partners.factories import PartnerFactory
from partners.models import Partner, directory_index
from search import service
from search.backends.database import DatabaseBackend
from search.port import SearchQuery

ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL", "")

BACKENDS = [
    pytest.param("database", id="database"),
    pytest.param(
        "elasticsearch",
        id="elasticsearch",
        marks=pytest.mark.skipif(
            not ELASTICSEARCH_URL,
            reason="ELASTICSEARCH_URL is not set: no Elasticsearch server on this machine, "
            "the Elasticsearch run of the contract is skipped",
        ),
    ),
]

PARTNERS = {
    "kustwerk": (
        "Kustwerk Installatietechniek",
        "bedrijfsleven",
        ["noord-holland-noord"],
        ["installatietechniek", "energie"],
        [],
        ["stageplaatsen"],
    ),
    "grachtstroom": (
        "Grachtstroom Energiediensten",
        "bedrijfsleven",
        ["groot-amsterdam"],
        ["installatietechniek", "energie", "mobiliteit"],
        [],
        ["zij-instroom"],
    ),
    "amstelwerf": (
        "Amstelwerf Techniekcollege",
        "onderwijs",
        ["groot-amsterdam"],
        ["installatietechniek", "ict"],
        ["mbo"],
        ["omscholing"],
    ),
    "zaanmeer": (
        "Zaanmeer Procestechniek",
        "bedrijfsleven",
        ["zaanstreek-waterland"],
        ["food", "maakindustrie"],
        [],
        [],
    ),
    "kopenkust": (
        "Hogeschool Kop en Kust",
        "onderwijs",
        ["noord-holland-noord"],
        ["maritiem"],
        ["hbo"],
        [],
    ),
    "polderlucht": (
        "Polderlucht Vliegtuigonderhoud",
        "bedrijfsleven",
        ["groot-amsterdam"],
        ["luchtvaart"],
        [],
        [],
    ),
}


@pytest.fixture
def backend(request, directory):
    if request.param == "database":
        yield DatabaseBackend()
        return
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(
        ELASTICSEARCH_URL, index_prefix=f"contract-{uuid.uuid4().hex[:8]}"
    )
    backend.rebuild(directory_index())
    backend.client.indices.refresh(index=backend.alias(directory_index()))
    yield backend
    backend.client.indices.delete(index=f"{backend.index_prefix}-*", ignore_unavailable=True)


@pytest.fixture
def directory(home_page, django_capture_on_commit_callbacks):
    """Exactly the six partners above (the demo partners are removed inside the test)."""
    Partner.objects.all().delete()
    created = {}
    for key, (name, kind, regions, sectors, levels, offers) in PARTNERS.items():
        # Run the index sync that a committed save triggers.
        with django_capture_on_commit_callbacks(execute=True):
            created[key] = PartnerFactory(
                name=name,
                slug=key,
                kind=kind,
                regions=list(Region.objects.filter(slug__in=regions)),
                sectors=sectors,
                education_levels=list(EducationLevel.objects.filter(slug__in=levels)),
                offers=list(Offer.objects.filter(slug__in=offers)),
            )
    Signature.objects.create(
        partner=created["kustwerk"],
        contact_email="x@example.nl",
        privacy_consent_at=timezone.now(),
        state=SignatureState.APPROVED,
    )
    return created


def ask(backend, text="", **filters):
    sort = filters.pop("sort", "relevantie" if text else "naam")
    page = filters.pop("page", 1)
    per_page = filters.pop("per_page", 20)
    query = SearchQuery(text=text, filters=filters, sort=sort, page=page, per_page=per_page)
    return backend.search(directory_index(), query)


def slugs(results):
    found = dict(
        Partner.objects.filter(pk__in=[hit.pk for hit in results.hits]).values_list("pk", "slug")
    )
    return [found[hit.pk] for hit in results.hits]


def counts(results, param):
    return {value.value: value.count for value in results.facets[param] if value.count}


pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def test_everything_sorted_by_name(backend):
    results = ask(backend)
    assert results.total == 6
    assert slugs(results) == [
        "amstelwerf",
        "grachtstroom",
        "kopenkust",
        "kustwerk",
        "polderlucht",
        "zaanmeer",
    ]
    assert counts(results, "soort") == {"bedrijfsleven": 4, "onderwijs": 2}


def test_a_word_prefix_finds_the_compound(backend):
    assert set(slugs(ask(backend, "installatie"))) == {"kustwerk", "grachtstroom", "amstelwerf"}


def test_a_name_is_found(backend):
    assert slugs(ask(backend, "Polderlucht")) == ["polderlucht"]


def test_hits_carry_highlights_unless_the_caller_shows_none(backend):
    marked = ask(backend, "installatie")
    assert any("<mark>" in " ".join(sum(hit.highlights.values(), [])) for hit in marked.hits)
    query = SearchQuery(text="installatie", sort="relevantie", highlight=False)
    plain = backend.search(directory_index(), query)
    assert [hit.pk for hit in plain.hits] == [hit.pk for hit in marked.hits]
    assert plain.total == marked.total
    assert all(hit.highlights == {} for hit in plain.hits)


def test_text_and_region_combine_and_facets_ignore_their_own_filter(backend):
    results = ask(backend, "installatie", regio=["groot-amsterdam"])
    assert set(slugs(results)) == {"grachtstroom", "amstelwerf"}
    assert counts(results, "regio") == {"groot-amsterdam": 2, "noord-holland-noord": 1}
    assert counts(results, "soort") == {"bedrijfsleven": 1, "onderwijs": 1}
    assert counts(results, "sector")["installatietechniek"] == 2


def test_values_within_a_facet_are_alternatives(backend):
    results = ask(backend, sector=["luchtvaart", "maritiem"])
    assert set(slugs(results)) == {"polderlucht", "kopenkust"}


def test_facets_combine(backend):
    assert slugs(ask(backend, soort=["onderwijs"], niveau=["hbo"])) == ["kopenkust"]
    assert slugs(ask(backend, aanbod=["zij-instroom"])) == ["grachtstroom"]


def test_signatory_facet(backend):
    results = ask(backend, ondertekenaar=["ja"])
    assert slugs(results) == ["kustwerk"]
    assert counts(results, "ondertekenaar") == {"ja": 1, "nee": 5}


def test_unknown_facet_value_finds_nothing_and_stays_visible(backend):
    results = ask(backend, regio=["atlantis"])
    assert results.total == 0
    assert [
        (value.value, value.count, value.selected)
        for value in results.facets["regio"]
        if value.selected
    ] == [("atlantis", 0, True)]


def test_pagination(backend):
    results = ask(backend, per_page=2, page=2)
    assert results.total == 6
    assert slugs(results) == ["kopenkust", "kustwerk"]


def test_a_typo_is_survived_by_the_service(backend, settings, monkeypatch):
    monkeypatch.setattr(service, "active_backend", lambda: backend)
    results = service.run(directory_index(), SearchQuery(text="instalatie"))
    assert set(slugs(results)) == {"kustwerk", "grachtstroom", "amstelwerf"}


def test_a_facet_keeps_its_values_at_zero_under_another_filter(backend):
    results = ask(backend, soort=["bedrijfsleven"])
    levels = {value.value: value.count for value in results.facets["niveau"]}
    assert levels["mbo"] == 0
    assert levels["hbo"] == 0
    assert {value.value for value in results.facets["soort"]} >= {"onderwijs", "overheid"}


def test_several_words_that_find_nothing_fall_back_to_fewer(backend, monkeypatch):
    monkeypatch.setattr(service, "active_backend", lambda: backend)
    results = service.run(directory_index(), SearchQuery(text="Grachtstroom Energiediensten Texel"))
    assert set(slugs(results)) == {"grachtstroom"}
    assert (results.fewer_words, results.suggestion) == (True, "Grachtstroom Energiediensten")
    assert results.corrected_from == "Grachtstroom Energiediensten Texel"
    nothing = service.run(directory_index(), SearchQuery(text="qwxzv vbnmk"))
    assert (nothing.total, nothing.fewer_words) == (0, False)
