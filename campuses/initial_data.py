"""The technical campuses from the project's content file, as pages under the campus
overview, with the organisations the policy text names. Created when missing, never
overwritten."""

from decimal import Decimal

from core.initial_data import paragraphs_html, sector_tags
from core.models import EducationLevel, Region
from partners.initial_data import named_partner

from .models import CampusPage

# The campus facts say "vmbo"; the registry's level covers "vo / vmbo".
LEVEL_SLUGS = {"vmbo": "vo-vmbo"}


def coordinate(value):
    # Through str(): a float such as 52.3812 is not exactly that as a Decimal.
    return None if value is None else Decimal(str(value))


def load_campuses(index, content, publish, extra_partners=lambda region_slug: []):
    """Every campus of the content file under `index`; returns them by slug.
    `extra_partners(region_slug)` adds partners of the campus's region (demo content)."""
    regions = {region.slug: region for region in Region.objects.all()}
    campuses = {campus.slug: campus for campus in CampusPage.objects.child_of(index)}
    for item in content["campuses"]:
        if item["slug"] in campuses:
            continue
        campus = CampusPage(
            title=item["name"],
            slug=item["slug"],
            intro=item["intro"],
            kind=item["kind"],
            economic_region=item["economic_region"],
            region=regions.get(item.get("region")),
            place=item.get("place") or "",
            focus=item.get("focus") or "",
            latitude=coordinate(item.get("latitude")),
            longitude=coordinate(item.get("longitude")),
            body=[("paragraph", paragraphs_html(text)) for text in item["description"]],
        )
        campus.sectors.set(sector_tags(item.get("sectors", [])))
        campus.levels = EducationLevel.objects.filter(
            slug__in=[LEVEL_SLUGS.get(level, level) for level in item.get("levels", [])]
        )
        named = [named_partner(entry) for entry in item.get("named_partners", [])]
        campus.partners = named + extra_partners(item.get("region"))
        campus.lead_schools = [partner for partner in named if partner.kind == "onderwijs"][:1]
        campuses[item["slug"]] = publish(index, campus)
    return campuses
