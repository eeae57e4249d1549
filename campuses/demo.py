"""Demo content of the campuses: a few demo partners of each campus's region join it, so its
triple helix shows from day one."""

from partners.models import Partner

DEMO_PARTNERS_PER_CAMPUS = 3


def demo_partners_for(region_slug):
    if not region_slug:
        return []
    demo = Partner.objects.filter(is_demo=True, regions__slug=region_slug).order_by("slug")
    return list(demo[:DEMO_PARTNERS_PER_CAMPUS])
