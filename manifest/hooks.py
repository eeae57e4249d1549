"""What the manifest adds to the apps below it (docs/architecture.md, "Hooks"): the
"ondertekenaar" facet of the partner directory and its index sync, a partner's signatory badge
and initiatives on the profile, a campus's initiatives, the initiatives group in the site
search, and signatures as personal data. Imported by ManifestConfig.ready()."""

from django.db.models import Exists, Max, OuterRef, Prefetch
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import reverse

from core import jobs, privacy, sections
from core.lookups import joined, prefetch_lookups
from core.models import Region
from partners.search_index import DirectoryFacet, register_facet
from partners.signals import reindex_partner
from search.port import FacetDefinition
from search.site import SearchHit, register_group, wagtail_group

from .models import Initiative, ManifestAction, Signature
from .personal_data import SIGNATURES

SIGNATORY_LABELS = {"ja": "Heeft het manifest ondertekend", "nee": "Nog niet ondertekend"}


def signatory_value(signed):
    """The facet's URL value for the boolean `signatory` annotation."""
    return "ja" if signed else "nee"


def annotate_signatory(partners):
    approved = Signature.objects.approved().filter(partner=OuterRef("pk"))
    return partners.annotate(signatory=Exists(approved))


register_facet(
    DirectoryFacet(
        FacetDefinition(
            "ondertekenaar",
            "Ondertekenaar",
            "ondertekenaar",
            "signatory",
            lambda: SIGNATORY_LABELS,
            encode=signatory_value,
        ),
        order=70,
        values=lambda partner: [signatory_value(partner.signatory)],
        annotate=annotate_signatory,
        decode=lambda values: [value == "ja" for value in values],
        freshness=lambda: Signature.objects.aggregate(changed=Max("updated_at")),
    )
)


@receiver(post_save, sender=Signature)
def signature_changed(sender, instance, update_fields=None, **kwargs):
    # Only a change of state (approval, rejection) changes the partner's signatory facet; a
    # re-sent confirmation link or a new, unconfirmed signature does not.
    if instance.partner_id and (update_fields is None or "state" in update_fields):
        reindex_partner(instance.partner_id)


def signatory_badge(partner, request):
    # The profile reads its partner through the directory's facets, annotated by ours.
    signed = getattr(partner, "signatory", None)
    if signed is None:
        signed = Signature.objects.approved().filter(partner=partner).exists()
    return {} if signed else None


def partner_initiatives(partner, request):
    initiatives = list(
        partner.initiatives.filter(live=True)
        .prefetch_related(Prefetch("actions", queryset=ManifestAction.objects.all()))
        .order_by("title")
    )
    return {"initiatives": initiatives} if initiatives else None


def campus_initiatives(campus, request):
    initiatives = list(campus.initiatives.filter(live=True))
    # What the cards show: the actions and regions, both short lists kept in memory.
    prefetch_lookups(
        initiatives, joined(Initiative.actions, ManifestAction), joined(Initiative.regions, Region)
    )
    return {"initiatives": initiatives}


sections.register(
    "partner_profile_badges", "manifest/includes/signatory_badge.html", signatory_badge
)
sections.register(
    "partner_profile", "manifest/includes/partner_initiatives.html", partner_initiatives, 20
)
sections.register(
    "campus_page", "manifest/includes/campus_initiatives.html", campus_initiatives, 20
)


def initiative_hit(initiative, request):
    return SearchHit(initiative.title, initiative.get_absolute_url(), initiative.summary)


register_group(
    "initiatieven",
    "Initiatieven",
    30,
    wagtail_group(
        lambda: Initiative.objects.filter(live=True),
        initiative_hit,
        more_link=lambda request, query: (
            reverse("manifest:initiative_list"),
            "Toon alle initiatieven",
        ),
    ),
)


privacy.register(SIGNATURES)

# Privacy clean-up (AVG), once a day among the scheduled jobs (core/jobs.py).
jobs.register_command(
    "purge_signatures", jobs.DAILY, "Onbevestigde en afgewezen ondertekeningen opschonen"
)
