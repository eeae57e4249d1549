"""The registry: the manifest's taxonomy and actions, partners, initiatives and signatures.

Split by concept; everything is importable from `partners.models`.
"""

from .actions import ActionTarget, ManifestAction, ManifestActionQuerySet, PurposeCaseStatus
from .initiative import Initiative, InitiativeQuerySet, InitiativeStatus, InitiativeTag
from .partner import (
    EducationLevel,
    Offer,
    Partner,
    PartnerKind,
    PartnerQuerySet,
    PartnerSector,
    SectorTag,
    coordinate_field,
)
from .signature import InvalidTransition, Signature, SignatureQuerySet, SignatureState
from .taxonomy import ActionLine, EconomicRegion, Region, Theme

__all__ = [
    "ActionLine",
    "ActionTarget",
    "EconomicRegion",
    "EducationLevel",
    "Initiative",
    "InitiativeQuerySet",
    "InitiativeStatus",
    "InitiativeTag",
    "InvalidTransition",
    "ManifestAction",
    "ManifestActionQuerySet",
    "Offer",
    "Partner",
    "PartnerKind",
    "PartnerQuerySet",
    "PartnerSector",
    "PurposeCaseStatus",
    "Region",
    "SectorTag",
    "Signature",
    "SignatureQuerySet",
    "SignatureState",
    "Theme",
    "coordinate_field",
]
