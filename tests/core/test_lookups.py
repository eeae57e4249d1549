from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.lookups import attach_lookup, joined, prefetch_lookups, tagged
from core.models import EducationLevel, Region, SectorTag
from core.pagecache import VERSION_KEY
from partners.models import Partner


def test_relations_to_look_up_lists_of_many_objects_cost_one_query(home_page):
    partners = list(Partner.objects.filter(live=True).order_by("pk")[:10])
    expected = {
        partner.pk: (
            list(partner.regions.all()),
            list(partner.education_levels.all()),
            [(item.pk, item.tag.name) for item in partner.tagged_sectors.order_by("pk")],
        )
        for partner in Partner.objects.filter(pk__in=[partner.pk for partner in partners])
    }
    relations = (
        joined(Partner.regions, Region),
        joined(Partner.education_levels, EducationLevel),
        tagged(Partner.tagged_sectors, SectorTag),
    )
    prefetch_lookups(partners, *relations)  # reads the lists themselves, once per version
    with CaptureQueriesContext(connection) as queries:
        prefetch_lookups(partners, *relations)
        found = {
            partner.pk: (
                list(partner.regions.all()),
                list(partner.education_levels.all()),
                [(item.pk, item.tag.name) for item in partner.tagged_sectors.all()],
            )
            for partner in partners
        }
    # Outside a request each memo reads the content version (a request reads it once).
    (query,) = [q["sql"] for q in queries.captured_queries if VERSION_KEY not in q["sql"]]
    assert "UNION ALL" in query
    assert found == expected
    assert any(regions for regions, _, _ in found.values())


def test_a_further_filter_stays_within_the_relation(home_page):
    partner = Partner.objects.filter(live=True, regions__isnull=False).first()
    own = set(partner.regions.values_list("pk", flat=True))
    prefetch_lookups([partner], joined(Partner.regions, Region))
    assert set(partner.regions.filter(pk__gt=0).values_list("pk", flat=True)) == own
    assert Region.objects.count() > len(own)


def test_a_foreign_key_to_a_list_comes_from_memory(home_page):
    from campuses.models import CampusPage

    campuses = list(CampusPage.objects.filter(region__isnull=False))
    attach_lookup(campuses, CampusPage.region, Region)
    with CaptureQueriesContext(connection) as queries:
        names = [campus.region.name for campus in campuses]
    assert not queries.captured_queries
    assert names == [campus.region.name for campus in CampusPage.objects.filter(pk__in=campuses)]
