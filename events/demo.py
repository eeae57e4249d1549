"""Demo events for the coming twelve months, flagged is_demo, spread over campuses and regions:
eight regional PETs each with its ouder-kind-dag, three volwassenen-PETs (one cancelled), a
technologietafel, four advisory meetings and the Innovatiefestival."""

import datetime
from itertools import zip_longest

from django.utils.text import slugify

from core.images import delete_unreferenced
from core.models import Region

from .models import (
    Audience,
    EventKind,
    EventPage,
    EventSession,
    EventStatus,
    Registration,
    RegistrationMode,
)

PROVINCE_HOUSE = {
    "location_name": "Provinciehuis Noord-Holland",
    "address": "Dreef 3, 2012 HR Haarlem",
}
TIMES = {
    "school": (datetime.time(9, 0), datetime.time(14, 30)),
    "family": (datetime.time(10, 0), datetime.time(15, 0)),
    "evening": (datetime.time(18, 30), datetime.time(21, 0)),
    "afternoon": (datetime.time(14, 0), datetime.time(16, 30)),
}


def next_weekday(day, weekday, days_ahead=0):
    """The first `weekday` (0 is Monday) on or after `days_ahead` days from `day`."""
    day += datetime.timedelta(days=days_ahead)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _create(
    index, slug, days, times=None, end_date=None, audiences=(), hosts=(), capacity=None, **fields
):
    """A published event on each of `days`, at `times` (a key of TIMES; all day without),
    with `capacity` places on each date."""
    event = EventPage(slug=slug, is_demo=True, **fields)
    index.add_child(instance=event)
    start, end = TIMES[times] if times else (None, None)
    for day in days:
        EventSession.objects.create(
            event=event,
            date=day,
            start_time=start,
            end_time=end,
            end_date=end_date,
            capacity=capacity,
        )
    event.audiences.set(Audience.objects.filter(slug__in=audiences))
    event.hosts.set(hosts)
    event.save_revision().publish()
    return event


def _host(campus):
    return list(campus.lead_schools.all()[:1]) or list(campus.partners.all()[:1])


def _at_campus(campus, kind, name):
    """An event of `kind` at `campus`, named `name` and the campus's place."""
    title = f"{name} {campus.place or campus.title}"
    return {"campus": campus, "hosts": _host(campus), "kind": kind, "title": title}


def load_demo_events(index, campuses):
    """Create the demo events under the calendar `index`, unless it has some already."""
    if EventPage.objects.child_of(index).filter(is_demo=True).exists():
        return
    today = datetime.date.today()

    # Eight PETs, each on a weekday at a different campus, spread from one month ahead; the
    # ouder-kind-dag is on the Saturday of the same week.
    for number, campus in enumerate(_spread(campuses, 8)):
        pet_day = next_weekday(today, 2, 30 + number * 38)
        pet = _create(
            index,
            f"pet-{slugify(campus.title)}",
            # One PET repeats on a second chosen date.
            [pet_day, pet_day + datetime.timedelta(days=1)] if number == 0 else [pet_day],
            "school",
            audiences=["basisschool"],
            summary=f"Leerlingen van groep 5 tot en met 8 ontdekken techniek bij "
            f"{campus.title}: proefjes, workshops en bedrijven uit de regio.",
            registration_mode=RegistrationMode.ON_SITE,
            capacity=150,
            accessibility="De hal en de werkplaatsen zijn rolstoeltoegankelijk.",
            **_at_campus(campus, EventKind.PET, "PET"),
        )
        _create(
            index,
            f"ouder-kind-dag-{slugify(campus.title)}",
            [next_weekday(pet_day, 5)],
            "family",
            audiences=["ouders-en-kinderen"],
            summary="Kinderen laten hun ouders zien wat ze op de PET ontdekten, en bouwen samen "
            "iets dat ze mee naar huis nemen.",
            related_pet=pet,
            registration_mode=RegistrationMode.ON_SITE,
            capacity=200,
            **_at_campus(campus, EventKind.FAMILY_DAY, "Ouder-kind-dag"),
        )
    for number, campus in enumerate(_spread(campuses[1:], 3)):
        _create(
            index,
            f"volwassenen-pet-{slugify(campus.title)}",
            [next_weekday(today, 3, 45 + number * 90)],
            "evening",
            audiences=["volwassenen"],
            summary="Een inspiratieavond voor volwassenen die overwegen om in de techniek te "
            "gaan werken: kijken, proberen en praten met werkgevers en opleiders.",
            registration_mode=RegistrationMode.ON_SITE,
            capacity=60,
            status=EventStatus.CANCELLED if number == 1 else EventStatus.PLANNED,
            **_at_campus(campus, EventKind.ADULT_PET, "Volwassenen-PET"),
        )
    province_house = PROVINCE_HOUSE | {
        "region": Region.objects.filter(slug="zuid-kennemerland").first()
    }
    _create(
        index,
        "technologietafel",
        [next_weekday(today, 1, 60)],
        "afternoon",
        audiences=["professionals"],
        title="Technologietafel Noord-Holland",
        kind=EventKind.TECHNOLOGY_TABLE,
        summary="Onderwijs, bedrijven en overheid bespreken samen welke technologie op de "
        "arbeidsmarkt afkomt en wat dat vraagt van opleidingen.",
        status=EventStatus.RESCHEDULED,
        original_date=next_weekday(today, 1, 46),
        **province_house,
    )
    for quarter in range(1, 5):
        _create(
            index,
            f"adviescommissie-{quarter}",
            [next_weekday(today, 0, 20 + (quarter - 1) * 91)],
            "afternoon",
            audiences=["professionals"],
            title=f"Adviescommissie arbeidsmarkt en onderwijs ({quarter}e kwartaal)",
            kind=EventKind.ADVISORY_BOARD,
            summary="Het overleg waarin de partners van het manifest de voortgang van de "
            "acties bespreken.",
            **province_house,
        )
    festival_day = next_weekday(today, 4, 240)
    _create(
        index,
        "innovatiefestival",
        [festival_day],
        end_date=festival_day + datetime.timedelta(days=1),
        audiences=["professionals", "ouders-en-kinderen", "vo"],
        summary="Twee dagen vol innovaties van bedrijven, scholen en studenten uit heel "
        "Noord-Holland, met demonstraties voor jong en oud.",
        title="Innovatiefestival Noord-Holland",
        kind=EventKind.INNOVATION_FESTIVAL,
        campus=campuses[0],
        hosts=_host(campuses[0]),
        registration_mode=RegistrationMode.NONE,
    )


def _spread(campuses, count):
    """`count` campuses, taking turns between regions so every region gets its share."""
    by_region = {}
    for campus in campuses:
        by_region.setdefault(campus.region_id, []).append(campus)
    turns = zip_longest(*by_region.values())
    return [campus for turn in turns for campus in turn if campus is not None][:count]


def remove_demo_events():
    """Delete the demo event pages with their sessions and registrations."""
    events = EventPage.objects.filter(is_demo=True)
    counts = {
        "evenementen": events.count(),
        "aanmeldingen": Registration.objects.filter(event__in=events).count(),
    }
    image_ids = set(events.exclude(image=None).values_list("image_id", flat=True))
    for event in events:
        event.delete()
    counts["afbeeldingen van evenementen"] = delete_unreferenced(image_ids)
    return counts
