"""Demo partners, flagged is_demo: the handful from the content file that `load_initial_data
--demo` loads, and any number of generated ones (`generate_demo_partners`, benchmarks).
Generated partners are built in memory and inserted with bulk_create, so 10,000 take seconds.
"""

import itertools
import random

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from wagtail.search.backends import get_search_backends

from core import pagecache
from core.images import delete_unreferenced
from core.initial_data import sector_tags
from core.models import EducationLevel, Offer, Region, SectorTag
from search import service

from .models import (
    Partner,
    PartnerKind,
    PartnerSector,
    directory_index,
    live_partners,
    with_relations,
)
from .normalise import organisation_key, website_domain


def load_demo_partners(content):
    """The demo partners of the content file, so the site shows a living ecosystem."""
    for item in content["demo_partners"]:
        if Partner.objects.filter(slug=item["slug"]).exists():
            continue
        partner = Partner(
            slug=item["slug"],
            name=item["name"],
            kind=item["kind"],
            website=item.get("website", ""),
            short_description=item.get("description", ""),
            municipality=item.get("municipality", ""),
            is_demo=True,
        )
        partner.regions = Region.objects.filter(slug=item.get("region"))
        partner.sectors.set(sector_tags(item.get("sectors", [])))
        for relation, model in [("offers", Offer), ("education_levels", EducationLevel)]:
            setattr(partner, relation, model.objects.filter(slug__in=item.get(relation, [])))
        partner.save()


# Municipalities of Noord-Holland per labour-market region (arbeidsmarktregio).
MUNICIPALITIES_BY_REGION = {
    "noord-holland-noord": [
        "Den Helder", "Schagen", "Hollands Kroon", "Texel", "Alkmaar", "Dijk en Waard", "Bergen",
        "Heiloo", "Castricum", "Hoorn", "Enkhuizen", "Medemblik", "Koggenland", "Opmeer",
        "Stede Broec", "Drechterland",
    ],
    "zaanstreek-waterland": [
        "Zaanstad", "Purmerend", "Edam-Volendam", "Waterland", "Landsmeer", "Oostzaan",
        "Wormerland",
    ],
    "zuid-kennemerland-en-ijmond": [
        "Haarlem", "Zandvoort", "Bloemendaal", "Heemstede", "Velsen", "Beverwijk", "Heemskerk",
        "Uitgeest",
    ],
    "groot-amsterdam": [
        "Amsterdam", "Amstelveen", "Aalsmeer", "Diemen", "Ouder-Amstel", "Uithoorn",
        "Haarlemmermeer",
    ],
    "gooi-en-vechtstreek": [
        "Hilversum", "Gooise Meren", "Huizen", "Blaricum", "Laren", "Wijdemeren",
    ],
}  # fmt: skip

# Per sector: words a company puts in its name, and what it does (for its description).
SECTOR_PROFILES = {
    "installatietechniek": (
        ["Installatietechniek", "Installaties", "Elektro", "Klimaattechniek", "Techniek"],
        ["de installatie en het onderhoud van warmtepompen en zonnepanelen verzorgt",
         "elektrische installaties in woningen, kantoren en scholen aanlegt en onderhoudt"],
    ),
    "maritiem": (
        ["Maritiem", "Scheepsbouw", "Jachtbouw", "Offshore", "Havendiensten"],
        ["schepen bouwt, ombouwt en onderhoudt",
         "onderdelen en onderhoud levert aan de scheepvaart en de offshore"],
    ),
    "energie": (
        ["Energie", "Zonnetechniek", "Warmtetechniek", "Energiediensten"],
        ["warmtenetten, laadpleinen en batterijsystemen aanlegt",
         "bedrijven helpt hun energieverbruik te verlagen met slimme techniek"],
    ),
    "bouw": (
        ["Bouw", "Bouwbedrijf", "Aannemers", "Infra", "Bouwtechniek"],
        ["woningen en utiliteitsgebouwen bouwt en verduurzaamt",
         "bruggen, kades en wegen aanlegt en onderhoudt"],
    ),
    "ict": (
        ["ICT", "Software", "Data", "IT-diensten"],
        ["software en netwerken bouwt en beheert voor het mkb",
         "data en automatisering inzet voor technische bedrijven"],
    ),
    "food": (
        ["Food", "Voedingstechniek", "Levensmiddelen"],
        ["productielijnen voor de voedingsindustrie bouwt en onderhoudt",
         "voedingsmiddelen produceert met geautomatiseerde processen"],
    ),
    "luchtvaart": (
        ["Luchtvaarttechniek", "Aviation", "Vliegtuigonderhoud"],
        ["vliegtuigen en onderdelen inspecteert en onderhoudt",
         "technische diensten levert op en rond de luchthaven"],
    ),
    "maakindustrie": (
        ["Techniek", "Metaal", "Machinebouw", "Constructie"],
        ["machines en metaalconstructies ontwerpt en bouwt",
         "onderdelen op maat produceert voor de maakindustrie"],
    ),
    "zorgtechniek": (
        ["Zorgtechniek", "Medische Techniek"],
        ["medische apparatuur installeert en onderhoudt in ziekenhuizen en zorginstellingen",
         "technologie ontwikkelt waarmee mensen langer thuis kunnen wonen"],
    ),
    "mobiliteit": (
        ["Mobiliteit", "Autotechniek", "Transport"],
        ["elektrische voertuigen onderhoudt en ombouwt",
         "laadinfrastructuur en slimme mobiliteit voor gemeenten aanlegt"],
    ),
    "agri": (
        ["Agri", "Kassenbouw", "Agrotechniek"],
        ["kassen en teeltsystemen bouwt en automatiseert",
         "machines voor land- en tuinbouw levert en onderhoudt"],
    ),
    "media": (
        ["Media", "Mediatechniek", "Studio's"],
        ["licht, geluid en beeld verzorgt voor studio's en evenementen",
         "uitzendtechniek bouwt en beheert voor omroepen"],
    ),
    "robotica": (
        ["Robotica", "Automatisering", "Mechatronica"],
        ["robots en automatiseringsoplossingen voor de industrie bouwt",
         "productieprocessen automatiseert met robotica en sensoren"],
    ),
    "procestechnologie": (
        ["Procestechniek", "Procestechnologie", "Chemie"],
        ["installaties voor de procesindustrie ontwerpt en onderhoudt",
         "processen in de chemie en de staalindustrie meet en regelt"],
    ),
    "hospitality": (
        ["Hospitality", "Horecatechniek", "Catering"],
        ["keukens en koeltechniek voor de horeca installeert",
         "hotels en evenementen technisch ondersteunt"],
    ),
}  # fmt: skip

# Invented, Noord-Holland-sounding brand names ("Kustwerk", "Zaanmeer"), as in the demo content.
BRAND_STARTS = [
    "Kust", "Zaan", "Amstel", "Polder", "Dijk", "Duin", "Gracht", "Haven", "Meer", "Wad",
    "Veen", "Noord", "West", "Staal", "Lucht", "Zee", "Kaag", "Vecht", "Gooi", "Helder",
    "Molen", "Sluis", "Kreek", "Schor", "Brug", "Kade", "Zand", "Riet", "Wier", "Berk",
]  # fmt: skip
BRAND_ENDS = [
    "werk", "stroom", "meer", "poort", "kracht", "licht", "haven", "land", "tec", "vast",
    "wijk", "stad", "veld", "kant", "zicht", "dam", "hoek", "berg", "horst", "burg",
]  # fmt: skip
# Legal forms are not part of the name key, so "Bakker Bouw" and "Bakker Bouw B.V." collide.
LEGAL_FORMS = ["B.V."] * 6 + ["", "", "V.O.F.", "N.V."]
# Common Dutch family names, as they start a company name.
LAST_NAMES = [
    "De Jong", "Jansen", "De Vries", "Van den Berg", "Van Dijk", "Bakker", "Janssen",
    "Visser", "Smit", "Meijer", "De Boer", "Mulder", "De Groot", "Bos", "Vos", "Peters",
    "Hendriks", "Van Leeuwen", "Dekker", "Brouwer", "De Wit", "Dijkstra", "Smits",
    "De Graaf", "Van der Meer", "Van der Linden", "Kok", "Jacobs", "De Haan", "Vermeulen",
    "Van den Heuvel", "Van der Veen", "Van den Broek", "De Bruijn", "De Bruin", "Van der Heijden",
    "Schouten", "Van Beek", "Willems", "Van Vliet", "Van de Ven", "Hoekstra", "Maas",
    "Verhoeven", "Koster", "Van Dam", "Van der Wal", "Prins", "Blom", "Huisman", "Peeters",
    "De Lange", "Kuiper", "Van Wijk", "Kramer", "Van der Laan", "Veenstra", "Kuipers",
    "Post", "Hoogendoorn", "Timmermans", "Groen", "Koning", "Gerritsen", "Sanders",
    "Verbeek", "Molenaar", "Wolters", "Schipper", "Scholten", "Hofman", "Boersma", "Wiersma",
    "Zwart", "Van Veen", "Groot", "Bosman", "Kroon", "Veldhuis", "Beekman", "Klaassen",
]  # fmt: skip

# Most partners are companies, as in the real ecosystem.
KIND_WEIGHTS = {
    PartnerKind.BUSINESS: 70,
    PartnerKind.EDUCATION: 15,
    PartnerKind.GOVERNMENT: 5,
    PartnerKind.CIVIL_SOCIETY: 6,
    PartnerKind.OTHER: 4,
}

# Templates: {m} the municipality, {s} the first sectors as words, {sector} a word for the
# first, {brand} an invented name, {last} and {other} family names, {size} and {activity}
# what kind of company it is and what it does.
BUSINESS_NAMES = (
    ["{last} {sector}"] * 9 + ["{last} & {other} {sector}"] * 3 + ["{brand} {sector}"] * 8
)
BUSINESS_DESCRIPTIONS = [
    "Een {size} bedrijf in {m} dat {activity}.",
    "Een familiebedrijf uit {m} dat {activity}.",
    "Een technisch bedrijf in {m} dat {activity}.",
]
COMPANY_SIZES = ["klein", "middelgroot", "groot", "innovatief", "snelgroeiend"]
# Per kind: (name, education levels, description).
ORGANISATIONS = {
    PartnerKind.EDUCATION: [
        ("ROC {brand}", ["mbo"],
         "Een regionaal opleidingencentrum in {m} met mbo-opleidingen in {s}."),
        ("Vakcollege {m}", ["vo-vmbo"],
         "Een vmbo-school in {m} met een techniekprofiel in {s}."),
        ("Techniekcollege {brand}", ["vo-vmbo", "mbo"],
         "Een school in {m} die vmbo en mbo in {s} doorlopend verbindt."),
        ("Hogeschool {brand}", ["hbo"],
         "Een hogeschool in {m} met bachelors en associate degrees in {s}."),
        ("Basisschool De {brand}", ["po"],
         "Een basisschool in {m} waar leerlingen al vroeg kennismaken met {s}."),
        ("Opleidingscentrum {sector} {m}", ["bedrijfsopleiding", "mbo"],
         "Een opleidingscentrum in {m} dat vakmensen in {s} opleidt en bijschoolt."),
    ],
    PartnerKind.GOVERNMENT: [
        ("Gemeente {m}", [],
         "De gemeente {m} werkt met werkgevers en scholen aan leerbanen in {s}."),
        ("Werkgeversservicepunt {m}", [],
         "Het werkgeversservicepunt in {m} helpt werkzoekenden aan een baan in {s}."),
        ("Leerwerkloket {m}", [],
         "Het leerwerkloket in {m} adviseert over leren en werken in {s}."),
    ],
    PartnerKind.CIVIL_SOCIETY: [
        ("Stichting {brand}", [],
         "Een stichting in {m} die jongeren enthousiast maakt voor {s}."),
        ("Stichting Techniekpact {m}", [],
         "Een samenwerking in {m} die meer vakmensen opleidt voor {s}."),
        ("Vereniging {sector} {m}", [],
         "Een vereniging van ondernemers in {m} die samenwerkt aan vakmanschap in {s}."),
    ],
    PartnerKind.OTHER: [
        ("Kenniscentrum {sector} {brand}", [],
         "Een kenniscentrum in {m} dat onderzoek en praktijk in {s} verbindt."),
        ("Innovatiehub {brand}", [],
         "Een plek in {m} waar bedrijven en studenten samen werken aan {s}."),
    ],
}  # fmt: skip
ORGANISATIONS[PartnerKind.BUSINESS] = [
    (name, [], description) for name in BUSINESS_NAMES for description in BUSINESS_DESCRIPTIONS
]

# The many-to-many relations of a generated partner, and their tables' column of the target.
RELATIONS = {"regions": "region_id", "offers": "offer_id", "education_levels": "educationlevel_id"}
BATCH_SIZE = 1000


class DemoPartnerGenerator:
    """Builds unsaved, unique, plausible demo partners, reproducibly: the random stream depends
    on the seed and on the number of demo partners already there, so the same seed on the same
    database gives the same partners, and a second run new names (not the first run's names
    with numbers). Names, slugs and domains in the database are avoided."""

    def __init__(self, seed):
        existing = Partner.objects.filter(is_demo=True).count()
        self.random = random.Random(f"{seed}:{existing}")
        self.regions = list(Region.objects.order_by("slug"))
        self.sectors = list(SectorTag.objects.order_by("slug"))
        if not self.regions or not self.sectors:
            raise ValueError("No regions or sectors: run `manage.py load_initial_data` first.")
        self.offers = list(Offer.objects.values_list("pk", flat=True))
        self.levels = dict(EducationLevel.objects.values_list("slug", "pk"))
        taken = Partner.objects.values_list("name_key", "slug", "website_domain")
        self.taken = set(itertools.chain.from_iterable(taken))

    def unique(self, name, legal_form):
        """The name, or the name with the first free number (before the legal form), with its
        name key, slug, website and website domain."""
        for number in itertools.count(1):
            numbered = f"{name} {number}" if number > 1 else name
            fields = {"name": f"{numbered} {legal_form}".strip()}
            fields["name_key"] = organisation_key(fields["name"])
            fields["slug"] = slugify(fields["name_key"])[:200]
            fields["website"] = f"https://{fields['slug']}.example.nl/"
            fields["website_domain"] = website_domain(fields["website"])
            unique = {fields["name_key"], fields["slug"], fields["website_domain"]}
            if self.taken.isdisjoint(unique):
                self.taken |= unique
                return fields

    def build(self):
        """One unsaved live demo partner, and the ids of its regions, offers and education levels.
        Its sectors are set in memory, as the admin form does: the search indexer reads them
        without a query."""
        kind = self.random.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        regions = self.random.choices(self.regions, k=self.random.choice([1, 1, 1, 2]))
        regions = list(dict.fromkeys(regions))
        # A region added after this list was written: its name stands in for a municipality.
        municipality = self.random.choice(
            MUNICIPALITIES_BY_REGION.get(regions[0].slug) or [regions[0].name]
        )
        sectors = self.random.sample(self.sectors, self.random.choice([1, 1, 2, 2, 3]))
        # A sector an editor added has no profile: its own name, and a plain activity.
        words, activities = SECTOR_PROFILES.get(sectors[0].slug, ([sectors[0].name], ["werkt"]))
        fields = {
            "m": municipality,
            # As words in a sentence: "werken aan bouw en ICT".
            "s": " en ".join(s.name if s.name.isupper() else s.name.lower() for s in sectors[:2]),
            "sector": self.random.choice(words),
            "brand": self.random.choice(BRAND_STARTS) + self.random.choice(BRAND_ENDS),
            "last": self.random.choice(LAST_NAMES),
            "other": self.random.choice(LAST_NAMES),
            "size": self.random.choice(COMPANY_SIZES),
            "activity": self.random.choice(activities),
        }
        name, levels, description = self.random.choice(ORGANISATIONS[kind])
        legal_form = self.random.choice(LEGAL_FORMS) if kind == PartnerKind.BUSINESS else ""
        description = description.format(**fields)
        now = timezone.now()
        partner = Partner(
            **self.unique(name.format(**fields), legal_form),
            kind=kind,
            municipality=municipality,
            short_description=description,
            description=f"<p>{escape(description)}</p>",
            is_demo=True,
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        partner.tagged_sectors = [PartnerSector(tag=sector) for sector in sectors]
        related_ids = {
            "regions": [region.pk for region in regions],
            "offers": self.random.sample(
                self.offers, min(len(self.offers), self.random.randint(0, 3))
            ),
            "education_levels": [self.levels[slug] for slug in levels if slug in self.levels],
        }
        return partner, related_ids


def create_demo_partners(count, seed, progress=None):
    """Insert `count` live demo partners with bulk_create and add them to the search indexes
    here, per batch, as bulk_create sends no signals. `progress` gets the number so far."""
    generator = DemoPartnerGenerator(seed)
    backends = list(get_search_backends(with_auto_update=True))
    created = []
    with transaction.atomic():
        for start in range(0, count, BATCH_SIZE):
            built = [generator.build() for _ in range(min(BATCH_SIZE, count - start))]
            partners = Partner.objects.bulk_create([partner for partner, _ in built])
            for relation, column in RELATIONS.items():
                through = getattr(Partner, relation).through
                through.objects.bulk_create(
                    through(partner_id=partner.pk, **{column: pk})
                    for partner, related_ids in built
                    for pk in related_ids[relation]
                )
            PartnerSector.objects.bulk_create(
                item for partner in partners for item in partner.tagged_sectors.all()
            )
            for backend in backends:
                backend.add_bulk(Partner, partners)
            ids = [partner.pk for partner in partners]
            # Elasticsearch, when configured, gets them once they are committed; a no-op for
            # the database backend, which reads the partner tables themselves.
            transaction.on_commit(lambda ids=ids: index_in_directory(ids))
            created += partners
            if progress:
                progress(len(created))
        # Nor does the page cache's version change by itself: the directory, its facet
        # table and every cached page must see the new partners.
        pagecache.bump()
    return created


def index_in_directory(ids):
    service.index_objects(directory_index(), with_relations(live_partners().filter(pk__in=ids)))


def remove_demo_partners():
    """Delete the demo partners, with their logos unless another partner or page shows them.
    Their revisions, workflow states and search entries go with them."""
    demo = Partner.objects.filter(is_demo=True)
    logo_ids = set(demo.exclude(logo=None).values_list("logo_id", flat=True))
    deleted = demo.delete()[1].get(Partner._meta.label, 0)
    logo_ids -= set(Partner.objects.filter(logo_id__in=logo_ids).values_list("logo_id", flat=True))
    return {"partners": deleted, "logo's van partners": delete_unreferenced(logo_ids)}
