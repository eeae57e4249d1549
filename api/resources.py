"""The endpoints of the open data: one per public list of the site. Each one filters with the
public page's own form or query and writes only public fields of public records: live
partners, approved signatures of live partners, live initiatives, published campuses, events
and pages. Never a contact name or e-mail address, a registration, a draft, or an original
image file (renditions only)."""

from django.db.models import Prefetch
from wagtail.models import Page

from campuses.forms import CampusFilterForm
from campuses.models import CampusPage, EconomicRegion
from events.forms import EventFilterForm
from events.models import EventIndexPage, EventSession
from events.models.taxonomy import RegistrationMode
from manifest.forms import InitiativeFilterForm, SignatoryFilterForm
from manifest.models import Initiative, ManifestAction, Signature
from partners.models import Partner, PartnerKind
from partners.search_index import directory_facets, filtered_partners, with_relations
from search.backends.common import clean_values

from .endpoints import (
    BOOLEAN,
    DAY_OR_NULL,
    IMAGE_SPEC,
    INTEGER,
    INTEGER_OR_NULL,
    LOGO_SPEC,
    MOMENT,
    MOMENT_OR_NULL,
    NUMBER_OR_NULL,
    REFERENCE_OR_NULL,
    REFERENCES,
    STRING,
    TERM_OR_NULL,
    TERMS,
    URL,
    URL_OR_NULL,
    Endpoint,
    Field,
    InvalidParameters,
    Param,
    absolute,
    form_params,
    form_records,
    id_field,
    moment,
    number,
    plain,
    rendition_url,
    term,
    terms,
    unknown_value,
    updated_field,
    validated_form,
    with_renditions,
)

KINDS = ", ".join(PartnerKind.values)


def live_partners_only():
    return Partner.objects.live().order_by("name")


def reference(request, partner):
    """A partner as other items name it; None for a partner that is not public."""
    if partner is None or not partner.live:
        return None
    return {
        "id": partner.pk,
        "name": partner.name,
        "url": absolute(request, partner.get_absolute_url()),
    }


def references(request, partners):
    return [reference(request, partner) for partner in partners if partner.live]


def live_campus(campus):
    return term(campus, "title") if campus is not None and campus.live else None


# --- partners ---------------------------------------------------------------------------------


def partner_params():
    return tuple(
        Param(
            facet.facet.param,
            f"{facet.facet.label}: een of meer waarden zoals in de partnergids "
            "(herhaal de parameter; waarden binnen één filter zijn alternatieven).",
            multiple=True,
        )
        for facet in directory_facets()
    )


def partner_records(params):
    filters, problems = {}, []
    for facet in directory_facets():
        values = clean_values(params.getlist(facet.facet.param))
        if not values:
            continue
        known = facet.facet.labels()
        if any(value not in known for value in values):
            problems.append(unknown_value(facet.facet.label))
        filters[facet.facet.param] = values
    if problems:
        raise InvalidParameters(problems)
    return with_relations(filtered_partners(filters)).prefetch_related(
        Prefetch("logo", queryset=with_renditions(LOGO_SPEC))
    )


def partner_item(partner, request):
    return {
        "id": partner.pk,
        "name": partner.name,
        "slug": partner.slug,
        "url": absolute(request, partner.get_absolute_url()),
        "kind": partner.kind,
        "kind_label": partner.get_kind_display(),
        "short_description": partner.short_description,
        "description": plain(partner.description),
        "website": partner.website or None,
        "municipality": partner.municipality,
        "latitude": number(partner.latitude),
        "longitude": number(partner.longitude),
        "regions": terms(partner.regions.all()),
        "sectors": terms(item.tag for item in partner.tagged_sectors.all()),
        "education_levels": terms(partner.education_levels.all()),
        "offers": terms(partner.offers.all()),
        "campuses": terms(partner.campuses.all(), "title"),
        "signatory": bool(partner.signatory),
        "logo": rendition_url(request, partner.logo, LOGO_SPEC),
        "created_at": moment(partner.created_at),
        "updated_at": moment(partner.updated_at),
    }


PARTNERS = Endpoint(
    name="partners",
    title="Partners",
    description="De organisaties in de partnergids: bedrijven, scholen, overheden.",
    fields=(
        id_field("de partner"),
        Field("name", STRING, "Naam van de organisatie."),
        Field("slug", STRING, "Deel van het webadres van het profiel."),
        Field("url", URL, "Profiel op deze site."),
        Field("kind", STRING, f"Soort organisatie: {KINDS}."),
        Field("kind_label", STRING, "Soort organisatie, leesbaar."),
        Field("short_description", STRING, "Korte omschrijving."),
        Field("description", STRING, "Omschrijving, als platte tekst."),
        Field("website", URL_OR_NULL, "Website van de organisatie."),
        Field("municipality", STRING, "Gemeente."),
        Field("latitude", NUMBER_OR_NULL, "Breedtegraad (WGS84)."),
        Field("longitude", NUMBER_OR_NULL, "Lengtegraad (WGS84)."),
        Field("regions", TERMS, "Arbeidsmarktregio's (slug en naam)."),
        Field("sectors", TERMS, "Sectoren."),
        Field("education_levels", TERMS, "Onderwijsniveaus."),
        Field("offers", TERMS, "Wat de organisatie biedt."),
        Field("campuses", TERMS, "Campussen waar de organisatie aan meedoet."),
        Field("signatory", BOOLEAN, "Heeft het manifest ondertekend."),
        Field("logo", URL_OR_NULL, "Logo (verkleinde afbeelding)."),
        Field("created_at", MOMENT, "Opgenomen in de partnergids op."),
        updated_field(),
    ),
    params=partner_params,
    records=partner_records,
    item=partner_item,
    changed=("updated_at",),
)


# --- signatories ------------------------------------------------------------------------------

SIGNATORY_FILTERS = ("soort",)


def signatory_records(params):
    base = form_records(
        SignatoryFilterForm,
        SIGNATORY_FILTERS,
        lambda: Signature.objects.approved().filter(partner__live=True),
    )(params)
    return base.select_related("partner").prefetch_related(
        Prefetch("partner__logo", queryset=with_renditions(LOGO_SPEC))
    )


def signatory_item(signature, request):
    partner = signature.partner
    return {
        "id": signature.pk,
        "partner": reference(request, partner),
        "name": partner.name,
        "kind": partner.kind,
        "kind_label": partner.get_kind_display(),
        "website": partner.website or None,
        "logo": rendition_url(request, partner.logo, LOGO_SPEC),
        "signed_at": moment(signature.created_at),
        "approved_at": moment(signature.moderated_at),
        "updated_at": moment(max(signature.updated_at, partner.updated_at)),
    }


SIGNATORIES = Endpoint(
    name="ondertekenaars",
    title="Ondertekenaars",
    description="Organisaties die het manifest hebben ondertekend (goedgekeurd).",
    fields=(
        id_field("de ondertekening"),
        Field("partner", REFERENCE_OR_NULL, "De organisatie in de partnergids."),
        Field("name", STRING, "Naam van de organisatie."),
        Field("kind", STRING, f"Soort organisatie: {KINDS}."),
        Field("kind_label", STRING, "Soort organisatie, leesbaar."),
        Field("website", URL_OR_NULL, "Website van de organisatie."),
        Field("logo", URL_OR_NULL, "Logo (verkleinde afbeelding)."),
        Field("signed_at", MOMENT, "Ondertekend op."),
        Field("approved_at", MOMENT_OR_NULL, "Goedgekeurd op."),
        updated_field(),
    ),
    params=form_params(
        SignatoryFilterForm, SIGNATORY_FILTERS, {"soort": f"Soort organisatie: {KINDS}."}
    ),
    records=signatory_records,
    item=signatory_item,
    changed=("updated_at", "partner__updated_at"),
)


# --- initiatives ------------------------------------------------------------------------------

INITIATIVE_FILTERS = ("actie", "thema", "regio", "campus")


def initiative_records(params):
    base = form_records(
        InitiativeFilterForm, INITIATIVE_FILTERS, lambda: Initiative.objects.filter(live=True)
    )(params)
    return base.select_related("lead_partner").prefetch_related(
        "actions",
        "themes",
        "regions",
        "tags",
        Prefetch("partners", queryset=live_partners_only()),
        Prefetch("campuses", queryset=CampusPage.objects.choices()),
        Prefetch("image", queryset=with_renditions(IMAGE_SPEC)),
    )


def initiative_item(initiative, request):
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "slug": initiative.slug,
        "url": absolute(request, initiative.get_absolute_url()),
        "summary": initiative.summary,
        "description": plain(initiative.description),
        "status": initiative.status,
        "status_label": initiative.get_status_display(),
        "start_date": moment(initiative.start_date),
        "end_date": moment(initiative.end_date),
        "actions": [
            {**term(action, "title"), "number": action.agenda_number}
            for action in initiative.actions.all()
        ],
        "themes": terms(initiative.themes.all()),
        "regions": terms(initiative.regions.all()),
        "campuses": terms(initiative.campuses.all(), "title"),
        "lead_partner": reference(request, initiative.lead_partner),
        "partners": references(request, initiative.partners.all()),
        "website": initiative.website or None,
        "image": rendition_url(request, initiative.image, IMAGE_SPEC),
        "tags": sorted(tag.name for tag in initiative.tags.all()),
        "created_at": moment(initiative.created_at),
        "updated_at": moment(initiative.updated_at),
    }


INITIATIVES = Endpoint(
    name="initiatieven",
    title="Initiatieven",
    description="Initiatieven die manifestacties uitvoeren.",
    fields=(
        id_field("het initiatief"),
        Field("title", STRING, "Titel."),
        Field("slug", STRING, "Deel van het webadres."),
        Field("url", URL, "Pagina op deze site."),
        Field("summary", STRING, "Samenvatting."),
        Field("description", STRING, "Omschrijving, als platte tekst."),
        Field("status", STRING, "Status: gepland, lopend, afgerond."),
        Field("status_label", STRING, "Status, leesbaar."),
        Field("start_date", DAY_OR_NULL, "Startdatum."),
        Field("end_date", DAY_OR_NULL, "Einddatum."),
        Field("actions", TERMS, "Manifestacties (slug, titel als name, number)."),
        Field("themes", TERMS, "Thema's."),
        Field("regions", TERMS, "Arbeidsmarktregio's."),
        Field("campuses", TERMS, "Campussen (slug, titel als name)."),
        Field("lead_partner", REFERENCE_OR_NULL, "Trekker."),
        Field("partners", REFERENCES, "Deelnemende partners."),
        Field("website", URL_OR_NULL, "Website van het initiatief."),
        Field("image", URL_OR_NULL, "Afbeelding (verkleind)."),
        Field("tags", {"type": "array", "items": STRING}, "Trefwoorden."),
        Field("created_at", MOMENT, "Aangemaakt op."),
        updated_field(),
    ),
    params=form_params(
        InitiativeFilterForm,
        INITIATIVE_FILTERS,
        {
            "actie": "Slug van een manifestactie (zie /acties).",
            "thema": "Slug van een thema.",
            "regio": "Slug van een arbeidsmarktregio.",
            "campus": "Slug van een campus.",
        },
    ),
    records=initiative_records,
    item=initiative_item,
    changed=("updated_at",),
)


# --- manifest actions -------------------------------------------------------------------------

TARGET = {
    "type": "object",
    "properties": {
        "id": INTEGER,
        "year": INTEGER_OR_NULL,
        "deadline": STRING,
        "text": STRING,
        "progress_current": INTEGER_OR_NULL,
        "progress_goal": INTEGER_OR_NULL,
        "progress_unit": STRING,
        "progress_measured_on": DAY_OR_NULL,
        "progress_percent": INTEGER_OR_NULL,
    },
}
LINE = {"type": "object", "properties": {"code": STRING, "title": STRING}}


def action_records(params):
    return ManifestAction.objects.select_related("line", "lead_partner").prefetch_related(
        "targets", Prefetch("member_partners", queryset=live_partners_only())
    )


def target_item(target):
    return {
        "id": target.pk,
        "year": target.year,
        "deadline": target.deadline,
        "text": target.text,
        "progress_current": target.progress_current,
        "progress_goal": target.progress_goal,
        "progress_unit": target.progress_unit,
        "progress_measured_on": moment(target.progress_measured_on),
        "progress_percent": target.progress_percent,
    }


def action_item(action, request):
    lead = reference(request, action.lead_partner)
    return {
        "id": action.pk,
        "number": action.agenda_number,
        "title": action.title,
        "slug": action.slug,
        "url": absolute(request, action.get_absolute_url()),
        "line": {"code": action.line.code, "title": action.line.title},
        "coalition_code": action.coalition_code,
        "summary": action.summary,
        "description": plain(action.description),
        "status": action.status,
        "status_label": action.get_status_display(),
        "lead_name": lead["name"] if lead else action.lead_organisation_name,
        "lead_partner": lead,
        "coalition_partners": references(request, action.member_partners.all()),
        "initiative_count": action.initiative_count,
        "partner_count": action.partner_count,
        "targets": [target_item(target) for target in action.targets.all()],
        "updated_at": moment(action.updated_at),
    }


ACTIONS = Endpoint(
    name="acties",
    title="Manifestacties",
    description="De genummerde acties van het manifest, met doelen en voortgang.",
    fields=(
        id_field("de actie"),
        Field("number", INTEGER, "Nummer in de agenda (niet uniek: de agenda kent twee keer 3)."),
        Field("title", STRING, "Titel."),
        Field("slug", STRING, "Deel van het webadres; ook de waarde van filter actie."),
        Field("url", URL_OR_NULL, "Pagina op deze site."),
        Field("line", LINE, "Actielijn (code en titel)."),
        Field("coalition_code", STRING, "Nummer van de ontwikkelcoalitie."),
        Field("summary", STRING, "Samenvatting."),
        Field("description", STRING, "Omschrijving, als platte tekst."),
        Field("status", STRING, "Status van de purpose case."),
        Field("status_label", STRING, "Status, leesbaar."),
        Field("lead_name", STRING, "Aanjager."),
        Field("lead_partner", REFERENCE_OR_NULL, "Aanjager in de partnergids."),
        Field("coalition_partners", REFERENCES, "Coalitiepartners."),
        Field("initiative_count", INTEGER, "Aantal gepubliceerde initiatieven."),
        Field("partner_count", INTEGER, "Aantal betrokken partners."),
        Field("targets", {"type": "array", "items": TARGET}, "Doelen met voortgang."),
        updated_field(),
    ),
    params=(),
    records=action_records,
    item=action_item,
    changed=("updated_at",),
    order=("line__sort_order", "agenda_number", "pk"),
    prepare=ManifestAction.attach_progress,
)


# --- campuses ---------------------------------------------------------------------------------

CAMPUS_FILTERS = ("regio", "sector", "niveau")


def campus_records(params):
    base = form_records(
        CampusFilterForm, CAMPUS_FILTERS, lambda: CampusPage.objects.live().public()
    )(params)
    return base.select_related("region").prefetch_related(
        "tagged_sectors__tag",
        "levels",
        "offers",
        Prefetch("partners", queryset=live_partners_only()),
        Prefetch("logo", queryset=with_renditions(LOGO_SPEC)),
    )


def campus_item(campus, request):
    return {
        "id": campus.pk,
        "title": campus.title,
        "slug": campus.slug,
        "url": absolute(request, campus.get_url(request)),
        "intro": campus.intro,
        "kind": campus.kind,
        "kind_label": campus.get_kind_display(),
        "economic_region": {
            "code": campus.economic_region,
            "name": campus.get_economic_region_display(),
        },
        "region": term(campus.region),
        "place": campus.place,
        "focus": campus.focus,
        "sectors": terms(item.tag for item in campus.tagged_sectors.all()),
        "education_levels": terms(campus.levels.all()),
        "offers": terms(campus.offers.all()),
        "address": campus.address,
        "latitude": number(campus.latitude),
        "longitude": number(campus.longitude),
        "website": campus.website or None,
        "logo": rendition_url(request, campus.logo, LOGO_SPEC),
        "partners": references(request, campus.partners.all()),
        "updated_at": moment(campus.last_published_at),
    }


ECONOMIC_REGIONS = ", ".join(EconomicRegion.values)

CAMPUSES = Endpoint(
    name="campussen",
    title="Campussen",
    description="De technische campussen en project-pps'en.",
    fields=(
        id_field("de campus"),
        Field("title", STRING, "Naam."),
        Field("slug", STRING, "Deel van het webadres; ook de waarde van filter campus."),
        Field("url", URL_OR_NULL, "Pagina op deze site."),
        Field("intro", STRING, "Inleiding."),
        Field("kind", STRING, "Soort: campus of project-pps."),
        Field("kind_label", STRING, "Soort, leesbaar."),
        Field(
            "economic_region",
            {"type": "object", "properties": {"code": STRING, "name": STRING}},
            f"Economische regio (code: {ECONOMIC_REGIONS}).",
        ),
        Field("region", TERM_OR_NULL, "Arbeidsmarktregio."),
        Field("place", STRING, "Plaats."),
        Field("focus", STRING, "Focus."),
        Field("sectors", TERMS, "Sectoren."),
        Field("education_levels", TERMS, "Onderwijsniveaus."),
        Field("offers", TERMS, "Wat de campus biedt."),
        Field("address", STRING, "Adres van de campus."),
        Field("latitude", NUMBER_OR_NULL, "Breedtegraad (WGS84)."),
        Field("longitude", NUMBER_OR_NULL, "Lengtegraad (WGS84)."),
        Field("website", URL_OR_NULL, "Website van de campus."),
        Field("logo", URL_OR_NULL, "Logo (verkleinde afbeelding)."),
        Field("partners", REFERENCES, "Partners die meedoen."),
        updated_field(),
    ),
    params=form_params(
        CampusFilterForm,
        CAMPUS_FILTERS,
        {
            "regio": "Slug van een arbeidsmarktregio.",
            "sector": "Slug van een sector.",
            "niveau": "Slug van een onderwijsniveau (vo-vmbo, mbo, hbo, wo).",
        },
    ),
    records=campus_records,
    item=campus_item,
    changed=("last_published_at",),
)


# --- events, one item per session -------------------------------------------------------------

EVENT_FILTERS = ("doelgroep", "soort", "regio", "campus", "vanaf", "tot")


def session_records(params):
    form = validated_form(EventFilterForm, EVENT_FILTERS, params)
    calendar = EventIndexPage.objects.live().public().order_by("path").first()
    if calendar is None:
        return EventSession.objects.none()
    return (
        calendar.sessions(form)
        .for_listing()
        .prefetch_related(Prefetch("event__hosts", queryset=live_partners_only()))
    )


def session_item(session, request):
    event = session.event
    coordinates = event.coordinates
    external = event.registration_mode == RegistrationMode.EXTERNAL
    return {
        "id": session.pk,
        "event_id": event.pk,
        "title": event.title,
        "url": absolute(request, event.get_url(request)),
        "kind": event.kind,
        "kind_label": event.get_kind_display(),
        "status": event.status,
        "status_label": event.get_status_display(),
        "original_date": moment(event.original_date),
        "summary": event.summary,
        "starts_at": moment(session.start),
        "ends_at": moment(session.end),
        "all_day": session.all_day,
        "audiences": terms(event.audiences.all()),
        "campus": live_campus(event.campus),
        "region": term(event.region),
        "location": event.location_text,
        "latitude": number(coordinates[0]) if coordinates else None,
        "longitude": number(coordinates[1]) if coordinates else None,
        "hosts": references(request, event.hosts.all()),
        "price": number(event.price),
        "registration_mode": event.registration_mode,
        "registration_url": event.registration_url if external else None,
        "updated_at": moment(event.last_published_at),
    }


EVENTS = Endpoint(
    name="evenementen",
    title="Evenementen",
    description="De agenda: één item per datum van een evenement (PET, ouder-kind-dag, ...).",
    fields=(
        id_field("deze datum van het evenement"),
        Field("event_id", INTEGER, "Vast nummer van het evenement (gedeeld door zijn data)."),
        Field("title", STRING, "Titel."),
        Field("url", URL_OR_NULL, "Pagina op deze site (met aanmelden)."),
        Field("kind", STRING, "Soort (waarde van filter soort)."),
        Field("kind_label", STRING, "Soort, leesbaar."),
        Field("status", STRING, "gepland, volgeboekt, geannuleerd of verplaatst."),
        Field("status_label", STRING, "Status, leesbaar."),
        Field("original_date", DAY_OR_NULL, "Bij een verplaatst evenement: de eerste datum."),
        Field("summary", STRING, "Samenvatting."),
        Field("starts_at", MOMENT, "Begin (Nederlandse tijd; een hele dag: 00:00)."),
        Field("ends_at", MOMENT, "Einde (een hele dag: 00:00 van de dag erna)."),
        Field("all_day", BOOLEAN, "Duurt de hele dag (zonder tijden)."),
        Field("audiences", TERMS, "Doelgroepen."),
        Field("campus", TERM_OR_NULL, "Campus (slug, naam)."),
        Field("region", TERM_OR_NULL, "Arbeidsmarktregio."),
        Field("location", STRING, "Locatie en adres."),
        Field("latitude", NUMBER_OR_NULL, "Breedtegraad (WGS84)."),
        Field("longitude", NUMBER_OR_NULL, "Lengtegraad (WGS84)."),
        Field("hosts", REFERENCES, "Organisatoren."),
        Field("price", NUMBER_OR_NULL, "Prijs in euro; leeg of 0 is gratis."),
        Field("registration_mode", STRING, "Aanmelden: geen, extern of site."),
        Field("registration_url", URL_OR_NULL, "Aanmeldpagina elders (bij extern)."),
        Field("updated_at", MOMENT_OR_NULL, "Laatst gepubliceerd (ISO 8601, UTC)."),
    ),
    params=form_params(
        EventFilterForm,
        EVENT_FILTERS,
        {
            "doelgroep": "Slug van een doelgroep.",
            "soort": "Soort evenement, zoals pet of ouder-kind-dag.",
            "regio": "Slug van een arbeidsmarktregio.",
            "campus": "Slug van een campus.",
            "vanaf": "Data die op of na deze dag eindigen (JJJJ-MM-DD).",
            "tot": "Data die op of voor deze dag beginnen (JJJJ-MM-DD).",
        },
    ),
    records=session_records,
    item=session_item,
    changed=("event__last_published_at",),
    order=("starts_at", "pk"),
)


# --- pages ------------------------------------------------------------------------------------


def page_records(params):
    return Page.objects.live().public().filter(depth__gt=1)


def page_item(page, request):
    model = page.specific_class or Page
    return {
        "id": page.pk,
        "title": page.title,
        "slug": page.slug,
        "url": absolute(request, page.get_url(request)),
        "type": model._meta.label_lower,
        "type_label": str(model._meta.verbose_name),
        "search_description": page.search_description,
        "first_published_at": moment(page.first_published_at),
        "updated_at": moment(page.last_published_at),
    }


PAGES = Endpoint(
    name="paginas",
    title="Pagina's",
    description="Alle gepubliceerde, openbare pagina's van de site.",
    fields=(
        id_field("de pagina"),
        Field("title", STRING, "Titel."),
        Field("slug", STRING, "Laatste deel van het webadres."),
        Field("url", URL_OR_NULL, "Adres op deze site."),
        Field("type", STRING, "Paginatype, zoals website.standardpage."),
        Field("type_label", STRING, "Paginatype, leesbaar."),
        Field("search_description", STRING, "Omschrijving voor zoekmachines."),
        Field("first_published_at", MOMENT_OR_NULL, "Eerst gepubliceerd op."),
        Field("updated_at", MOMENT_OR_NULL, "Laatst gepubliceerd (ISO 8601, UTC)."),
    ),
    params=(),
    records=page_records,
    item=page_item,
    changed=("last_published_at",),
    order=("path",),
)


ENDPOINTS = (PARTNERS, SIGNATORIES, INITIATIVES, ACTIONS, CAMPUSES, EVENTS, PAGES)
ENDPOINTS_BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
