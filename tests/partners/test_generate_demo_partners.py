import io

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from wagtail.search.backends import get_search_backend

from partners.demo import MUNICIPALITIES_BY_REGION
from partners.models import Partner, PartnerKind, directory_index
from search import service
from search.port import SearchQuery


def generate(count=50, seed=None):
    """Run the command; return the partners it created, with their relations."""
    before = set(Partner.objects.values_list("pk", flat=True))
    options = {"count": count} if seed is None else {"count": count, "seed": seed}
    output = io.StringIO()
    call_command("generate_demo_partners", stdout=output, **options)
    assert f"Created {count} demo partners" in output.getvalue()
    return list(
        Partner.objects.exclude(pk__in=before).prefetch_related(
            "regions", "sectors", "education_levels", "offers"
        )
    )


def test_creates_live_demo_partners_with_regions_and_sectors(db):
    partners = generate(50)
    assert len(partners) == 50
    assert all(partner.live and partner.is_demo for partner in partners)
    assert all(1 <= len(partner.regions.all()) <= 2 for partner in partners)
    assert all(1 <= len(partner.sectors.all()) <= 3 for partner in partners)
    assert all(len(partner.offers.all()) <= 3 for partner in partners)
    assert len({partner.name for partner in partners}) == 50
    assert len({partner.website_domain for partner in partners}) == 50


def test_partners_are_plausible(db):
    partners = generate(50)
    for partner in partners:
        assert partner.website == f"https://{partner.slug}.example.nl/"
        assert partner.short_description
        municipalities = {
            name
            for region in partner.regions.all()
            for name in MUNICIPALITIES_BY_REGION.get(region.slug, [region.name])
        }
        assert partner.municipality in municipalities
    schools = [partner for partner in partners if partner.kind == PartnerKind.EDUCATION]
    assert all(partner.education_levels.all() for partner in schools)
    assert {partner.kind for partner in partners} >= {PartnerKind.BUSINESS, PartnerKind.EDUCATION}


def test_running_twice_adds_more(db):
    first = generate(50)
    second = generate(50)
    assert len(second) == 50
    both = first + second
    assert len({partner.name_key for partner in both}) == 100
    assert len({partner.slug for partner in both}) == 100


def test_same_seed_on_the_same_database_gives_the_same_partners(db):
    names = []
    for _ in range(2):
        with transaction.atomic():
            names.append([partner.name for partner in generate(20, seed=7)])
            transaction.set_rollback(True)
    assert names[0] == names[1]


def test_partners_are_in_the_search_index(db):
    # bulk_create sends no signals: the command indexes the new partners itself.
    partner = generate(20)[0]
    found = get_search_backend().search(partner.name, Partner, operator="and")
    assert partner.pk in [obj.pk for obj in found]


def test_directory_search_finds_them(db):
    def found(text):
        return service.run(directory_index(), SearchQuery(text=text)).total

    before = found("installatietechniek")
    partners = generate(50)
    with_sector = [
        partner
        for partner in partners
        if "installatietechniek" in {sector.slug for sector in partner.sectors.all()}
    ]
    assert with_sector
    assert found("installatietechniek") >= before + len(with_sector)


def test_facet_counts_add_up(db):
    generate(50)
    results = service.run(directory_index(), SearchQuery())
    assert results.total == Partner.objects.live().count()
    assert sum(value.count for value in results.facets["soort"]) == results.total


def test_count_must_be_positive(db):
    with pytest.raises(CommandError):
        call_command("generate_demo_partners", count=0, stdout=io.StringIO())
