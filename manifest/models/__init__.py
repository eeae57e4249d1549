"""The manifest: its themes, action lines, actions and targets, the initiatives that carry
them out, the organisations that signed it, and the manifest page.

The page comes last: its routes call the flows in manifest/views.py, which use the models
above, so those must exist before the page module is imported.
"""

from .actions import ActionTarget, ManifestAction, PurposeCaseStatus
from .initiative import Initiative, InitiativeStatus, InitiativeTag
from .signature import InvalidTransition, Signature, SignatureState
from .taxonomy import ActionLine, Theme

# isort: off
from .pages import ManifestPage  # last, see above
# isort: on

__all__ = [
    "ActionLine",
    "ActionTarget",
    "Initiative",
    "InitiativeStatus",
    "InitiativeTag",
    "InvalidTransition",
    "ManifestAction",
    "ManifestPage",
    "PurposeCaseStatus",
    "Signature",
    "SignatureState",
    "Theme",
]
