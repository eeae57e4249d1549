"""The endpoints of the open data: one per public list of the site. Each one filters with the
public page's own form or query and writes only public fields of public records: live
partners, approved signatures of live partners, live initiatives, published campuses, events
and pages, the figures of the labour-market monitor. Never a contact name or e-mail address, a
registration, a draft, or an original image file (renditions only)."""

from django.db.models import Prefetch
from wagtail.models import Page

from campuses.forms import CampusFilterForm
from campuses.models import CampusPage, EconomicRegion
from core.forms import UNKNOWN_VALUE
from events.forms import EventFilterForm
from events.models import EventIndexPage, EventSession
from events.models.taxonomy import RegistrationMode
from manifest.forms import InitiativeFilterForm, SignatoryFilterForm
from manifest.models import Initiative, ManifestAction, Signature
from monitor.forms import FigureFilterForm
from monitor.models import Observation
from partners.models import (
    Partner,
    PartnerKind,
    directory_facets,
    filtered_partners,
    with_relations,
)
from search.port import clean_values

from .endpoints import (
    BOOLEAN,
    DAY_OR_NULL,
    DESCRIPTION,
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
    TERM,
    TERM_OR_NULL,
    TERMS,
    URL,
    URL_OR_NULL,
    Endpoint,
    Field,
    InvalidParameters,
    Param,
    form_params,
    id_field,
    label,
    moment,
    number,
    page_url,
    profile_url,
    published_field,
    rendition,
    term,
    terms,
    terms_of,
    updated_field,
    validated_form,
    with_renditions,
)

KINDS = ", ".join(PartnerKind.values)


def live_partners_only():
    return Partner.objects.live().order_by("name")


def sectors(obj, request):
    return terms(item.tag for item in obj.tagged_sectors.all())


# --- partners ---------------------------------------------------------------------------------


def partner_params():
    return tuple(
        Param(
            facet.facet.param,
            f"{facet.facet.label}: een of meer waarden zoals in de partnergids "
            "(herhaal de parameter; waarden binnen één filter zijn alternatieven).",
            STRING,
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
            problems.append(f"{facet.facet.label}: {UNKNOWN_VALUE}")
        filters[facet.facet.param] = values
    if problems:
        raise InvalidParameters(problems)
    return with_relations(filtered_partners(filters)).prefetch_related(
        Prefetch("logo", queryset=with_renditions(LOGO_SPEC))
    )


PARTNER_FIELDS = (
    id_field("de partner"),
    Field("name", STRING, "Naam van de organisatie."),
    Field("slug", STRING, "Deel van het webadres van het profiel."),
    Field("url", URL, "Profiel op deze site.", profile_url),
    Field("kind", STRING, f"Soort organisatie: {KINDS}."),
    Field("kind_label", STRING, "Soort organisatie, leesbaar.", label("kind")),
    Field("short_description", STRING, "Korte omschrijving."),
    DESCRIPTION,
    Field("website", URL_OR_NULL, "Website van de organisatie."),
    Field("municipality", STRING, "Gemeente."),
    Field("latitude", NUMBER_OR_NULL, "Breedtegraad (WGS84)."),
    Field("longitude", NUMBER_OR_NULL, "Lengtegraad (WGS84)."),
    Field("regions", TERMS, "Arbeidsmarktregio's (slug en naam).", terms_of("regions")),
    Field("sectors", TERMS, "Sectoren.", sectors),
    Field("education_levels", TERMS, "Onderwijsniveaus.", terms_of("education_levels")),
    Field("offers", TERMS, "Wat de organisatie biedt.", terms_of("offers")),
    Field(
        "campuses",
        TERMS,
        "Campussen waar de organisatie aan meedoet.",
        terms_of("campuses", "title"),
    ),
    Field("signatory", BOOLEAN, "Heeft het manifest ondertekend."),
    Field("logo", URL_OR_NULL, "Logo (verkleinde afbeelding).", rendition("logo", LOGO_SPEC)),
    Field("created_at", MOMENT, "Opgenomen in de partnergids op."),
    updated_field(),
)

PARTNERS = Endpoint(
    name="partners",
    title="Partners",
    description="De organisaties in de partnergids: bedrijven, scholen, overheden.",
    fields=PARTNER_FIELDS,
    params=partner_params,
    records=partner_records,
)


# --- signatories ------------------------------------------------------------------------------

SIGNATORY_FILTERS = {"soort": f"Soort organisatie: {KINDS}."}


def signatory_records(params):
    signatures = Signature.objects.approved().filter(partner__live=True)
    return (
        validated_form(SignatoryFilterForm, SIGNATORY_FILTERS, params)
        .filter(signatures)
        .select_related("partner")
        .prefetch_related(Prefetch("partner__logo", queryset=with_renditions(LOGO_SPEC)))
    )


def signatory_updated_at(signature, request):
    """A signatory changes with its signature and with its partner's profile."""
    return moment(max(signature.updated_at, signature.partner.updated_at))


SIGNATORY_FIELDS = (
    id_field("de ondertekening"),
    Field("partner", REFERENCE_OR_NULL, "De organisatie in de partnergids."),
    Field("name", STRING, "Naam van de organisatie.", "partner.name"),
    Field("kind", STRING, f"Soort organisatie: {KINDS}.", "partner.kind"),
    Field("kind_label", STRING, "Soort organisatie, leesbaar.", label("partner.kind")),
    Field("website", URL_OR_NULL, "Website van de organisatie.", "partner.website"),
    Field(
        "logo", URL_OR_NULL, "Logo (verkleinde afbeelding).", rendition("partner.logo", LOGO_SPEC)
    ),
    Field("signed_at", MOMENT, "Ondertekend op.", "created_at"),
    Field("approved_at", MOMENT_OR_NULL, "Goedgekeurd op.", "moderated_at"),
    updated_field(signatory_updated_at),
)

SIGNATORIES = Endpoint(
    name="ondertekenaars",
    title="Ondertekenaars",
    description="Organisaties die het manifest hebben ondertekend (goedgekeurd).",
    fields=SIGNATORY_FIELDS,
    params=form_params(SignatoryFilterForm, SIGNATORY_FILTERS),
    records=signatory_records,
    changed=("updated_at", "partner__updated_at"),
)


# --- initiatives ------------------------------------------------------------------------------

INITIATIVE_FILTERS = {
    "actie": "Slug van een manifestactie (zie /acties).",
    "thema": "Slug van een thema.",
    "regio": "Slug van een arbeidsmarktregio.",
    "campus": "Slug van een campus.",
}


def initiative_records(params):
    form = validated_form(InitiativeFilterForm, INITIATIVE_FILTERS, params)
    return (
        form.filter(Initiative.objects.filter(live=True))
        .select_related("lead_partner")
        .prefetch_related(
            "actions",
            "themes",
            "regions",
            "tags",
            Prefetch("partners", queryset=live_partners_only()),
            Prefetch("campuses", queryset=CampusPage.objects.choices()),
            Prefetch("image", queryset=with_renditions(IMAGE_SPEC)),
        )
    )


def initiative_actions(initiative, request):
    return [
        {**term(action, "title"), "number": action.agenda_number}
        for action in initiative.actions.all()
    ]


def tag_names(initiative, request):
    return sorted(tag.name for tag in initiative.tags.all())


INITIATIVE_FIELDS = (
    id_field("het initiatief"),
    Field("title", STRING, "Titel."),
    Field("slug", STRING, "Deel van het webadres."),
    Field("url", URL, "Pagina op deze site.", profile_url),
    Field("summary", STRING, "Samenvatting."),
    DESCRIPTION,
    Field("status", STRING, "Status: gepland, lopend, afgerond."),
    Field("status_label", STRING, "Status, leesbaar.", label("status")),
    Field("start_date", DAY_OR_NULL, "Startdatum."),
    Field("end_date", DAY_OR_NULL, "Einddatum."),
    Field("actions", TERMS, "Manifestacties (slug, titel als name, number).", initiative_actions),
    Field("themes", TERMS, "Thema's.", terms_of("themes")),
    Field("regions", TERMS, "Arbeidsmarktregio's.", terms_of("regions")),
    Field("campuses", TERMS, "Campussen (slug, titel als name).", terms_of("campuses", "title")),
    Field("lead_partner", REFERENCE_OR_NULL, "Trekker."),
    Field("partners", REFERENCES, "Deelnemende partners."),
    Field("website", URL_OR_NULL, "Website van het initiatief."),
    Field("image", URL_OR_NULL, "Afbeelding (verkleind).", rendition("image", IMAGE_SPEC)),
    Field("tags", {"type": "array", "items": STRING}, "Trefwoorden.", tag_names),
    Field("created_at", MOMENT, "Aangemaakt op."),
    updated_field(),
)

INITIATIVES = Endpoint(
    name="initiatieven",
    title="Initiatieven",
    description="Initiatieven die manifestacties uitvoeren.",
    fields=INITIATIVE_FIELDS,
    params=form_params(InitiativeFilterForm, INITIATIVE_FILTERS),
    records=initiative_records,
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


def action_line(action, request):
    return {"code": action.line.code, "title": action.line.title}


def lead_name(action, request):
    """The lead partner's name while it is public, else the name the action gives."""
    lead = action.lead_partner
    return lead.name if lead is not None and lead.live else action.lead_organisation_name


def action_targets(action, request):
    return [
        {
            **{name: getattr(target, name) for name in TARGET["properties"]},
            "progress_measured_on": moment(target.progress_measured_on),
        }
        for target in action.targets.all()
    ]


ACTION_FIELDS = (
    id_field("de actie"),
    Field(
        "number",
        INTEGER,
        "Nummer in de agenda (niet uniek: de agenda kent twee keer 3).",
        "agenda_number",
    ),
    Field("title", STRING, "Titel."),
    Field("slug", STRING, "Deel van het webadres; ook de waarde van filter actie."),
    Field("url", URL_OR_NULL, "Pagina op deze site.", profile_url),
    Field("line", LINE, "Actielijn (code en titel).", action_line),
    Field("coalition_code", STRING, "Nummer van de ontwikkelcoalitie."),
    Field("summary", STRING, "Samenvatting."),
    DESCRIPTION,
    Field("status", STRING, "Status van de purpose case."),
    Field("status_label", STRING, "Status, leesbaar.", label("status")),
    Field("lead_name", STRING, "Aanjager.", lead_name),
    Field("lead_partner", REFERENCE_OR_NULL, "Aanjager in de partnergids."),
    Field("coalition_partners", REFERENCES, "Coalitiepartners.", "member_partners"),
    Field("initiative_count", INTEGER, "Aantal gepubliceerde initiatieven."),
    Field("partner_count", INTEGER, "Aantal betrokken partners."),
    Field("targets", {"type": "array", "items": TARGET}, "Doelen met voortgang.", action_targets),
    updated_field(),
)

ACTIONS = Endpoint(
    name="acties",
    title="Manifestacties",
    description="De genummerde acties van het manifest, met doelen en voortgang.",
    fields=ACTION_FIELDS,
    records=action_records,
    order=("line__sort_order", "agenda_number", "pk"),
    prepare=ManifestAction.attach_progress,
)


# --- campuses ---------------------------------------------------------------------------------

CAMPUS_FILTERS = {
    "regio": "Slug van een arbeidsmarktregio.",
    "sector": "Slug van een sector.",
    "niveau": "Slug van een onderwijsniveau (vo-vmbo, mbo, hbo, wo).",
}
ECONOMIC_REGIONS = ", ".join(EconomicRegion.values)
ECONOMIC_REGION = {"type": "object", "properties": {"code": STRING, "name": STRING}}


def campus_records(params):
    form = validated_form(CampusFilterForm, CAMPUS_FILTERS, params)
    return (
        form.filter(CampusPage.objects.live().public())
        .select_related("region")
        .prefetch_related(
            "tagged_sectors__tag",
            "levels",
            "offers",
            Prefetch("partners", queryset=live_partners_only()),
            Prefetch("logo", queryset=with_renditions(LOGO_SPEC)),
        )
    )


def economic_region(campus, request):
    return {"code": campus.economic_region, "name": campus.get_economic_region_display()}


CAMPUS_FIELDS = (
    id_field("de campus"),
    Field("title", STRING, "Naam."),
    Field("slug", STRING, "Deel van het webadres; ook de waarde van filter campus."),
    Field("url", URL_OR_NULL, "Pagina op deze site.", page_url),
    Field("intro", STRING, "Inleiding."),
    Field("kind", STRING, "Soort: campus of project-pps."),
    Field("kind_label", STRING, "Soort, leesbaar.", label("kind")),
    Field(
        "economic_region",
        ECONOMIC_REGION,
        f"Economische regio (code: {ECONOMIC_REGIONS}).",
        economic_region,
    ),
    Field("region", TERM_OR_NULL, "Arbeidsmarktregio."),
    Field("place", STRING, "Plaats."),
    Field("focus", STRING, "Focus."),
    Field("sectors", TERMS, "Sectoren.", sectors),
    Field("education_levels", TERMS, "Onderwijsniveaus.", terms_of("levels")),
    Field("offers", TERMS, "Wat de campus biedt.", terms_of("offers")),
    Field("address", STRING, "Adres van de campus."),
    Field("latitude", NUMBER_OR_NULL, "Breedtegraad (WGS84)."),
    Field("longitude", NUMBER_OR_NULL, "Lengtegraad (WGS84)."),
    Field("website", URL_OR_NULL, "Website van de campus."),
    Field("logo", URL_OR_NULL, "Logo (verkleinde afbeelding).", rendition("logo", LOGO_SPEC)),
    Field("partners", REFERENCES, "Partners die meedoen."),
    updated_field("last_published_at"),
)

CAMPUSES = Endpoint(
    name="campussen",
    title="Campussen",
    description="De technische campussen en project-pps'en.",
    fields=CAMPUS_FIELDS,
    params=form_params(CampusFilterForm, CAMPUS_FILTERS),
    records=campus_records,
    changed=("last_published_at",),
)


# --- events, one item per session -------------------------------------------------------------

EVENT_FILTERS = {
    "doelgroep": "Slug van een doelgroep.",
    "soort": "Soort evenement, zoals pet of ouder-kind-dag.",
    "regio": "Slug van een arbeidsmarktregio.",
    "campus": "Slug van een campus.",
    "plaats": "Gemeente of plaats in Noord-Holland, zoals Hoorn: zonder afstand de hele regio.",
    "afstand": "Kilometers van het midden van die plaats: 10, 25 of 50.",
    "vanaf": "Data die op of na deze dag eindigen (JJJJ-MM-DD).",
    "tot": "Data die op of voor deze dag beginnen (JJJJ-MM-DD).",
}


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


def event_url(session, request):
    return page_url(session.event, request)


def event_campus(session, request):
    campus = session.event.campus
    return term(campus, "title") if campus is not None and campus.live else None


def event_coordinate(index):
    """Latitude (0) or longitude (1) of the event's place, or of its campus."""

    def value(session, request):
        coordinates = session.event.coordinates
        return number(coordinates[index]) if coordinates else None

    return value


def external_registration_url(session, request):
    event = session.event
    external = event.registration_mode == RegistrationMode.EXTERNAL
    return event.registration_url if external else None


EVENT_FIELDS = (
    id_field("deze datum van het evenement"),
    Field("event_id", INTEGER, "Vast nummer van het evenement (gedeeld door zijn data)."),
    Field("title", STRING, "Titel.", "event.title"),
    Field("url", URL_OR_NULL, "Pagina op deze site (met aanmelden).", event_url),
    Field("kind", STRING, "Soort (waarde van filter soort).", "event.kind"),
    Field("kind_label", STRING, "Soort, leesbaar.", label("event.kind")),
    Field("status", STRING, "gepland, volgeboekt, geannuleerd of verplaatst.", "event.status"),
    Field("status_label", STRING, "Status, leesbaar.", label("event.status")),
    Field(
        "original_date",
        DAY_OR_NULL,
        "Bij een verplaatst evenement: de eerste datum.",
        "event.original_date",
    ),
    Field("summary", STRING, "Samenvatting.", "event.summary"),
    Field(
        "starts_at", MOMENT, "Begin (Nederlandse tijd; een hele dag: 00:00).", "start", split=True
    ),
    Field("ends_at", MOMENT, "Einde (een hele dag: 00:00 van de dag erna).", "end", split=True),
    Field("all_day", BOOLEAN, "Duurt de hele dag (zonder tijden)."),
    Field("audiences", TERMS, "Doelgroepen.", terms_of("event.audiences")),
    Field("campus", TERM_OR_NULL, "Campus (slug, naam).", event_campus),
    Field("region", TERM_OR_NULL, "Arbeidsmarktregio.", "event.region"),
    Field("location", STRING, "Locatie en adres.", "event.location_text"),
    Field("latitude", NUMBER_OR_NULL, "Breedtegraad (WGS84).", event_coordinate(0)),
    Field("longitude", NUMBER_OR_NULL, "Lengtegraad (WGS84).", event_coordinate(1)),
    Field("hosts", REFERENCES, "Organisatoren.", "event.hosts"),
    Field("price", NUMBER_OR_NULL, "Prijs in euro; leeg of 0 is gratis.", "event.price"),
    Field(
        "registration_mode", STRING, "Aanmelden: geen, extern of site.", "event.registration_mode"
    ),
    Field(
        "registration_url",
        URL_OR_NULL,
        "Aanmeldpagina elders (bij extern).",
        external_registration_url,
    ),
    published_field("event.last_published_at"),
)

EVENTS = Endpoint(
    name="evenementen",
    title="Evenementen",
    description="De agenda: één item per datum van een evenement (PET, ouder-kind-dag, ...).",
    fields=EVENT_FIELDS,
    params=form_params(EventFilterForm, EVENT_FILTERS),
    records=session_records,
    changed=("event__last_published_at",),
    order=("starts_at", "pk"),
)


# --- observations of the labour-market monitor ------------------------------------------------


OBSERVATION_FILTERS = {
    "gebied": "Slug van een gebied, zoals noord-holland of zaanstreek-waterland.",
    "indicator": "Slug van een indicator, zoals werkloosheid.",
    "periode": "Een jaar (2020), kwartaal (2020 K3) of maand (2020-03).",
}


def observation_records(params):
    observations = Observation.objects.select_related("indicator", "area")
    return validated_form(FigureFilterForm, OBSERVATION_FILTERS, params).filter(observations)


OBSERVATION_FIELDS = (
    id_field("het cijfer"),
    Field("indicator", TERM, "Indicator (slug, naam).", lambda obs, request: term(obs.indicator)),
    Field("unit", STRING, "Eenheid van de waarde, zoals % of personen.", "indicator.unit"),
    Field("area", TERM, "Gebied (slug, naam).", lambda obs, request: term(obs.area)),
    Field(
        "area_kind",
        STRING,
        "Soort gebied: land, provincie, economische-regio, arbeidsmarktregio.",
        "area.kind",
    ),
    Field("period_kind", STRING, "Soort periode: jaar, kwartaal of maand."),
    Field("period_start", DAY_OR_NULL, "Eerste dag van de periode."),
    Field("period", STRING, "De periode, leesbaar: 2020, 2020 K3, mrt 2020.", "period_label"),
    Field("value", NUMBER_OR_NULL, "De waarde."),
    Field("source", STRING, "Bron van het cijfer.", "source_text"),
    Field("note", STRING, "Toelichting bij het cijfer."),
    Field(
        "demo",
        BOOLEAN,
        "Demogegevens: een verzonnen cijfer om de grafieken te tonen, geen echt cijfer.",
        "is_demo",
    ),
    updated_field("imported_at"),
)

OBSERVATIONS = Endpoint(
    name="cijfers",
    title="Arbeidsmarkt in cijfers",
    description="De cijfers van de arbeidsmarktmonitor: per indicator, gebied en periode.",
    fields=OBSERVATION_FIELDS,
    params=form_params(FigureFilterForm, OBSERVATION_FILTERS),
    records=observation_records,
    changed=("imported_at",),
    order=(
        "indicator__sort_order",
        "indicator__name",
        "area__sort_order",
        "area__name",
        "period_kind",
        "period_start",
        "pk",
    ),
)


# --- pages ------------------------------------------------------------------------------------


def page_records(params):
    return Page.objects.live().public().filter(depth__gt=1)


# A page whose type is no longer installed has no specific class: it is described as a Page.
def page_type(page, request):
    return (page.specific_class or Page)._meta.label_lower


def page_type_label(page, request):
    return str((page.specific_class or Page)._meta.verbose_name)


PAGE_FIELDS = (
    id_field("de pagina"),
    Field("title", STRING, "Titel."),
    Field("slug", STRING, "Laatste deel van het webadres."),
    Field("url", URL_OR_NULL, "Adres op deze site.", page_url),
    Field("type", STRING, "Paginatype, zoals website.standardpage.", page_type),
    Field("type_label", STRING, "Paginatype, leesbaar.", page_type_label),
    Field("search_description", STRING, "Omschrijving voor zoekmachines."),
    Field("first_published_at", MOMENT_OR_NULL, "Eerst gepubliceerd op."),
    published_field("last_published_at"),
)

PAGES = Endpoint(
    name="paginas",
    title="Pagina's",
    description="Alle gepubliceerde, openbare pagina's van de site.",
    fields=PAGE_FIELDS,
    records=page_records,
    changed=("last_published_at",),
    order=("path",),
)


ENDPOINTS = (PARTNERS, SIGNATORIES, INITIATIVES, ACTIONS, CAMPUSES, EVENTS, OBSERVATIONS, PAGES)
ENDPOINTS_BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
