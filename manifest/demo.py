"""Demo content of the manifest, flagged is_demo: initiatives for the actions and approved
signatures (with generated logos) for the demo partners, so the wall is not empty."""

from django.utils import timezone
from wagtail.images import get_image_model

from core.images import delete_unreferenced
from core.initial_data import paragraphs_html
from core.models import Region
from partners.logos import generated_logo, logo_collection
from partners.models import Partner

from .models import Initiative, ManifestAction, Signature, SignatureState, Theme


def load_demo_initiatives(content, campuses_by_slug):
    """Fictional initiatives, published, each linked to manifest actions."""
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


def load_demo_signatures(manifest_revision=None):
    """Approved signatures with a generated logo for the demo partners that have none yet."""
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
            organisation_name=partner.name,
            organisation_kind=partner.kind,
            website=partner.website,
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


def remove_demo_content():
    """Delete the demo signatures and initiatives, with the images only they used."""
    signatures = Signature.objects.filter(is_demo=True)
    initiatives = Initiative.objects.filter(is_demo=True)
    image_ids = set(signatures.exclude(logo=None).values_list("logo_id", flat=True))
    image_ids |= set(initiatives.exclude(image=None).values_list("image_id", flat=True))
    counts = {"ondertekeningen": signatures.count(), "initiatieven": initiatives.count()}
    signatures.delete()
    initiatives.delete()
    still_used = Signature.objects.filter(logo_id__in=image_ids).values_list("logo_id", flat=True)
    counts["afbeeldingen van ondertekeningen en initiatieven"] = delete_unreferenced(
        image_ids - set(still_used)
    )
    return counts
