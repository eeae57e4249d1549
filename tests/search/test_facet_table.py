"""The database backend's in-memory facet table follows every kind of change at once."""

from django.utils import timezone

from campuses.models import CampusPage
from core.models import Region
from manifest.models import Signature, SignatureState
from partners.factories import PartnerFactory
from partners.models import directory_index
from search import service
from search.port import SearchQuery


def directory(**filters):
    return service.run(directory_index(), SearchQuery(filters={k: [v] for k, v in filters.items()}))


def facet_count(results, param, value):
    return next((v.count for v in results.facets[param] if v.value == value), 0)


def test_new_changed_unpublished_and_deleted_partners_are_seen_by_the_next_search(home_page):
    region = Region.objects.get(slug="zaanstreek-waterland")
    before = facet_count(directory(), "regio", region.slug)
    partner = PartnerFactory(name="Zaanse Windmolenbouw", regions=[region])
    assert facet_count(directory(), "regio", region.slug) == before + 1
    partner.regions = []
    partner.save()
    assert facet_count(directory(), "regio", region.slug) == before
    partner.regions = [region]
    partner.save()
    partner.unpublish()
    assert facet_count(directory(), "regio", region.slug) == before
    partner.live = True
    partner.save()
    assert facet_count(directory(), "regio", region.slug) == before + 1
    partner.delete()
    assert facet_count(directory(), "regio", region.slug) == before


def test_an_approval_and_a_campus_membership_are_seen_by_the_next_search(home_page):
    partner = PartnerFactory(name="Velsense Staalwerken")
    signed_before = facet_count(directory(), "ondertekenaar", "ja")
    Signature.objects.create(
        partner=partner,
        signer_name="Ilse",
        contact_email="ilse@example.nl",
        privacy_consent_at=timezone.now(),
        state=SignatureState.APPROVED,
    )
    assert facet_count(directory(), "ondertekenaar", "ja") == signed_before + 1

    campus = CampusPage.objects.get(slug="techport")
    members_before = facet_count(directory(), "campus", "techport")
    campus.partners.add(partner)
    campus.save()
    assert facet_count(directory(), "campus", "techport") == members_before + 1
    assert [hit.pk for hit in directory(campus="techport").hits].count(partner.pk) == 1
