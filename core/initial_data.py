"""Loads the shared taxonomies from the project's content file (website/data). Records are
only created when missing: a run on every deploy never duplicates anything and never
overwrites what editors have changed since."""

from django.utils.html import escape

from .models import EducationLevel, Region, SectorTag


def load_taxonomies(content):
    for position, item in enumerate(content["regions"]):
        Region.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "economic_region": item["economic_region"],
                "description": item.get("description", ""),
                "sort_order": position,
            },
        )
    for position, item in enumerate(content["education_levels"]):
        EducationLevel.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "sort_order": position}
        )
    for item in content["sectors"]:
        SectorTag.objects.get_or_create(slug=item["slug"], defaults={"name": item["name"]})


def sector_tags(slugs):
    """The sector tags with these slugs, for `instance.sectors.set(...)`."""
    return list(SectorTag.objects.filter(slug__in=slugs))


def paragraphs_html(text):
    """Plain text with blank lines between paragraphs, as safe rich-text HTML."""
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())
