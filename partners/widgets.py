"""The admin control for a long list of partners, for every app that relates to them."""

from core.widgets import AutocompleteMultiple


def partner_search():
    """Search-and-add over live partners (`partners_autocomplete`) instead of a multi-select
    of the whole registry."""
    return AutocompleteMultiple("partners_autocomplete", placeholder="Zoek een partner op naam")
