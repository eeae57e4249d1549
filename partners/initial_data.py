"""Loads the manifest's taxonomy from the project's own content file.

Records are matched on their natural keys (slug, code) and only created when missing: running
the loader again, on every `make run` or deploy, never duplicates anything and never overwrites
what editors have since changed in the admin.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.images import get_image_model

from .logos import generated_logo, logo_collection
from .models import (
    ActionLine,
    ActionTarget,
    EducationLevel,
    Initiative,
    ManifestAction,
    Offer,
    Partner,
    Region,
    SectorTag,
    Signature,
    SignatureState,
    Theme,
)
from .normalise import name_key


@transaction.atomic
def load_taxonomy(content):
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
    for position, item in enumerate(content["themes"]):
        Theme.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item.get("description", ""),
                "sort_order": position,
            },
        )
    for position, item in enumerate(content["education_levels"]):
        EducationLevel.objects.get_or_create(
            slug=item["slug"], defaults={"name": item["name"], "sort_order": position}
        )
    for name in content["sectors"]:
        SectorTag.objects.get_or_create(slug=name, defaults={"name": name})
    lines = {}
    for position, item in enumerate(content["action_lines"]):
        lines[item["code"]], _ = ActionLine.objects.get_or_create(
            code=item["code"],
            defaults={
                "title": item["title"],
                "goal": item["goal"],
                "description": item.get("description", ""),
                "sort_order": position,
            },
        )
    for item in content["actions"]:
        action, created = ManifestAction.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "agenda_number": item["agenda_number"],
                "line": lines[item["line"]],
                "coalition_code": item.get("coalition_code") or "",
                "title": item["title"],
                "summary": item.get("summary", ""),
                "description": paragraphs_html(item.get("description", "")),
                "lead_organisation_name": item.get("lead_organisation") or "",
            },
        )
        if created:
            ActionTarget.objects.bulk_create(
                ActionTarget(
                    action=action,
                    sort_order=position,
                    year=target.get("year"),
                    deadline=target.get("deadline") or "",
                    text=target["text"],
                )
                for position, target in enumerate(item["targets"])
            )


def paragraphs_html(text):
    """Plain text with blank lines between paragraphs, as safe rich-text HTML."""
    return "".join(f"<p>{escape(part)}</p>" for part in text.split("\n\n") if part.strip())


def named_partner(entry):
    """A real organisation the policy text names (not demo data), found by its name key."""
    partner = Partner.objects.filter(name_key=name_key(entry["name"])).first()
    if partner is None:
        partner = Partner.objects.create(
            name=entry["name"], slug=slugify(entry["name"]), kind=entry["kind"]
        )
    return partner


@transaction.atomic
def load_demo_partners(content):
    """Fictional partners, flagged is_demo, so the site shows a living ecosystem from day one."""
    regions = {region.slug: region for region in Region.objects.all()}
    for item in content["demo_partners"]:
        if Partner.objects.filter(slug=item["slug"]).exists():
            continue
        partner = Partner(
            slug=item["slug"],
            name=item["name"],
            kind=item["kind"],
            website=item.get("website", ""),
            short_description=item.get("description", ""),
            municipality=item.get("municipality", ""),
            is_demo=True,
        )
        partner.regions = [regions[item["region"]]] if item.get("region") else []
        partner.sectors.set(item.get("sectors", []))
        partner.offers = Offer.objects.filter(slug__in=item.get("offers", []))
        partner.education_levels = EducationLevel.objects.filter(
            slug__in=item.get("education_levels", [])
        )
        partner.save()


@transaction.atomic
def load_demo_initiatives(content, campuses_by_slug):
    """Fictional initiatives, flagged is_demo and published, each linked to manifest actions."""
    partners = {partner.slug: partner for partner in Partner.objects.all()}
    for item in content["demo_initiatives"]:
        if Initiative.objects.filter(slug=item["slug"]).exists():
            continue
        initiative = Initiative(
            title=item["title"],
            slug=item["slug"],
            summary=item["summary"],
            description="".join(paragraphs_html(text) for text in item["description"]),
            status=item["status"],
            start_date=item.get("start"),
            end_date=item.get("end"),
            lead_partner=partners.get(item.get("lead_partner")),
            contact_email=item.get("contact_email", ""),
            is_demo=True,
        )
        initiative.actions = ManifestAction.objects.filter(slug__in=item["actions"])
        initiative.themes = Theme.objects.filter(slug__in=item["themes"])
        initiative.regions = Region.objects.filter(slug__in=item["regions"])
        initiative.partners = [partners[slug] for slug in item.get("partners", [])]
        initiative.campuses = [campuses_by_slug[slug] for slug in item.get("campuses", [])]
        initiative.tags.set(item.get("tags", []))
        initiative.save()
        initiative.save_revision().publish()


@transaction.atomic
def load_demo_signatures(manifest_revision=None):
    """Approved signatures with a generated logo for the demo partners, for the wall."""
    collection = logo_collection()
    for partner in Partner.objects.filter(is_demo=True, signatures__isnull=True):
        if partner.logo_id is None:
            partner.logo = get_image_model().objects.create(
                title=f"Logo {partner.name}",
                file=generated_logo(partner.name),
                collection=collection,
            )
            partner.save(update_fields=["logo"])
        Signature.objects.create(
            partner=partner,
            signer_name="Demo",
            signer_role="Directeur (demo)",
            contact_email=f"demo@{partner.website_domain or 'example.nl'}",
            privacy_consent_at=timezone.now(),
            manifest_revision=manifest_revision,
            state=SignatureState.APPROVED,
            confirmed_at=timezone.now(),
            moderated_at=timezone.now(),
            is_demo=True,
        )
