"""Organisations the policy text names: real records, not demo data."""

from django.utils.text import slugify

from .models import Partner
from .normalise import name_key


def named_partner(entry):
    """A real organisation the policy text names, found by its name key or created."""
    partner = Partner.objects.filter(name_key=name_key(entry["name"])).first()
    if partner is None:
        partner = Partner.objects.create(
            name=entry["name"], slug=slugify(entry["name"]), kind=entry["kind"]
        )
    return partner
