"""The shared filter form: choices read per form, ignored values named, lookups applied."""

import re

from campuses.factories import CampusPageFactory
from campuses.models import CampusIndexPage
from manifest.forms import InitiativeFilterForm


def test_a_campus_published_after_start_up_is_a_choice_at_once(home_page):
    index = CampusIndexPage.objects.get()
    CampusPageFactory(parent=index, title="Nieuwe Campus", slug="nieuwe-campus")
    form = InitiativeFilterForm({"campus": "nieuwe-campus"})
    assert form.active_filters["campus"].title == "Nieuwe Campus"
    assert "nieuwe-campus" in [value for value, _ in form.fields["campus"].choices]


def test_unknown_values_are_named_and_the_rest_applies(home_page):
    form = InitiativeFilterForm({"regio": "maan", "thema": "x" * 500, "actie": ""})
    assert sorted(form.notices) == [
        "Regio: die waarde kennen we niet.",
        "Thema: die waarde kennen we niet.",
    ]
    assert form.active_filters == {}


def test_no_notice_without_filters(home_page):
    assert InitiativeFilterForm(None).notices == []


def test_quick_select_renders_what_djangos_select_renders():
    from django import forms

    from core.forms import QuickSelect

    choices = [("", "Alle"), ("a", "A & <b>"), ("Groep", [("g1", "Eén"), ("g2", "Twee")])]
    attrs = {"id": "id_keuze", "aria-describedby": "id_keuze_error"}
    for value in ("", "a", "g2", "onbekend"):
        ours = QuickSelect(choices=choices).render("keuze", value, attrs)
        theirs = forms.Select(choices=choices).render("keuze", value, attrs)
        assert ours == re.sub(r">\s+<", "><", theirs).strip()
    assert "A &amp; &lt;b&gt;" in QuickSelect(choices=choices).render("keuze", "", attrs)


def test_a_long_listing_links_the_pages_around_the_current_one_not_all_of_them(rf):
    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    request = rf.get("/partners/", {"regio": "groot-amsterdam", "pagina": "250"})
    page_obj = Paginator(range(10_000), 20).get_page(250)
    html = render_to_string("includes/pagination.html", {"page_obj": page_obj}, request)
    linked = re.findall(r"pagina=(\d+)", html)
    assert sorted(set(map(int, linked))) == [1, 248, 249, 251, 252, 500]
    assert 'aria-current="page"><span class="visually-hidden">Pagina </span>250' in html
    assert html.count("weggelaten") == 2  # one gap either side
    assert "regio=groot-amsterdam" in html
