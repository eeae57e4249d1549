from django.utils.text import slugify

from .models import Partner
from .normalise import organisation_key


def named_partner(entry):
    """A real organisation the policy text names (not demo data), found by name key or created."""
    return Partner.objects.get_or_create(
        name_key=organisation_key(entry["name"]),
        defaults={"name": entry["name"], "slug": slugify(entry["name"]), "kind": entry["kind"]},
    )[0]
