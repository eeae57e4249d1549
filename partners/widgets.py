from core.widgets import AutocompleteMultiple


def partner_search():
    """The admin control for a long list of partners, for every app that relates to them:
    search-and-add over live partners (`partners_autocomplete`), not a multi-select of all."""
    return AutocompleteMultiple("partners_autocomplete", placeholder="Zoek een partner op naam")
