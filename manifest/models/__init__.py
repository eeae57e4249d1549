"""The manifest: its themes, action lines, actions and targets, the initiatives that carry
them out, the organisations that signed it, and the manifest page.

The page comes last: its routes call the flows in manifest/views.py, which use the models
above, so those must exist before the page module is imported.
"""

from .actions import ActionTarget, ManifestAction, ManifestActionQuerySet, PurposeCaseStatus
from .initiative import Initiative, InitiativeQuerySet, InitiativeStatus, InitiativeTag
from .signature import InvalidTransition, Signature, SignatureQuerySet, SignatureState
from .taxonomy import ActionLine, Theme

# isort: off
from .pages import ManifestPage  # last, see above
# isort: on

__all__ = [
    "ActionLine",
    "ActionTarget",
    "Initiative",
    "InitiativeQuerySet",
    "InitiativeStatus",
    "InitiativeTag",
    "InvalidTransition",
    "ManifestAction",
    "ManifestActionQuerySet",
    "ManifestPage",
    "PurposeCaseStatus",
    "Signature",
    "SignatureQuerySet",
    "SignatureState",
    "Theme",
]
