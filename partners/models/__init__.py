"""The registry: organisations of the talent ecosystem, and the directory page.

The page comes last: its routes call partners/views.py, which uses the models above, so
those must exist before the page module is imported.
"""

from .partner import INDEX_NAME, Partner, PartnerKind, PartnerQuerySet, PartnerSector

# isort: off
from .pages import PartnerIndexPage  # last, see above
# isort: on

__all__ = [
    "INDEX_NAME",
    "Partner",
    "PartnerIndexPage",
    "PartnerKind",
    "PartnerQuerySet",
    "PartnerSector",
]
