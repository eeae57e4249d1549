"""Demo events for the coming twelve months, flagged is_demo, spread over campuses and regions:
eight regional PETs each with its ouder-kind-dag, three volwassenen-PETs (one cancelled), a
technologietafel, four advisory meetings and the Innovatiefestival."""

import datetime

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

PROVINCE_HOUSE = ("Provinciehuis Noord-Holland", "Dreef 3, 2012 HR Haarlem", "zuid-kennemerland")
TIMES = {
    "school": (datetime.time(9, 0), datetime.time(14, 30)),
    "family": (datetime.time(10, 0), datetime.time(15, 0)),
    "evening": (datetime.time(18, 30), datetime.time(21, 0)),
    "afternoon": (datetime.time(14, 0), datetime.time(16, 30)),
}


def next_weekday(day, weekday):
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def _create(index, slug, sessions, audiences=(), hosts=(), capacity=None, **fields):
    """An event; `capacity` is the number of places on each of its dates."""
    event = EventPage(slug=slug, is_demo=True, **fields)
    index.add_child(instance=event)
    for date, start, end, end_date in sessions:
        EventSession.objects.create(
            event=event,
            date=date,
            start_time=start,
            end_time=end,
            end_date=end_date,
            capacity=capacity,
        )
    event.audiences.set(Audience.objects.filter(slug__in=audiences))
    event.hosts.set(hosts)
    event.save_revision().publish()
    return event


def _session(date, times=None, end_date=None):
    start, end = TIMES[times] if times else (None, None)
    return (date, start, end, end_date)


def _host(campus):
    return list(campus.lead_schools.all()[:1]) or list(campus.partners.all()[:1])


def load_demo_events(index, campuses, today=None):
    """Create the demo events under the calendar `index`; existing slugs are left alone."""
    if EventPage.objects.child_of(index).filter(is_demo=True).exists():
        return
    today = today or datetime.date.today()
    # Eight PETs, each on a weekday at a different campus, spread from one month ahead; the
    # ouder-kind-dag is on the Saturday of the same week.
    pet_campuses = _spread(campuses, 8)
    for number, campus in enumerate(pet_campuses):
        pet_day = next_weekday(today + datetime.timedelta(days=30 + number * 38), 2)
        sessions = [_session(pet_day, "school")]
        if number == 0:  # one PET repeats on a second chosen date
            sessions.append(_session(pet_day + datetime.timedelta(days=1), "school"))
        pet = _create(
            index,
            f"pet-{slugify(campus.title)}",
            sessions,
            audiences=["basisschool"],
            hosts=_host(campus),
            title=f"PET {campus.place or campus.title}",
            kind=EventKind.PET,
            summary=f"Leerlingen van groep 5 tot en met 8 ontdekken techniek bij "
            f"{campus.title}: proefjes, workshops en bedrijven uit de regio.",
            campus=campus,
            registration_mode=RegistrationMode.ON_SITE,
            capacity=150,
            accessibility="De hal en de werkplaatsen zijn rolstoeltoegankelijk.",
        )
        _create(
            index,
            f"ouder-kind-dag-{slugify(campus.title)}",
            [_session(next_weekday(pet_day, 5), "family")],
            audiences=["ouders-en-kinderen"],
            hosts=_host(campus),
            title=f"Ouder-kind-dag {campus.place or campus.title}",
            kind=EventKind.FAMILY_DAY,
            summary="Kinderen laten hun ouders zien wat ze op de PET ontdekten, en bouwen samen "
            "iets dat ze mee naar huis nemen.",
            campus=campus,
            related_pet=pet,
            registration_mode=RegistrationMode.ON_SITE,
            capacity=200,
        )
    for number, campus in enumerate(_spread(campuses[1:], 3)):
        _create(
            index,
            f"volwassenen-pet-{slugify(campus.title)}",
            [
                _session(
                    next_weekday(today + datetime.timedelta(days=45 + number * 90), 3), "evening"
                )
            ],
            audiences=["volwassenen"],
            hosts=_host(campus),
            title=f"Volwassenen-PET {campus.place or campus.title}",
            kind=EventKind.ADULT_PET,
            summary="Een inspiratieavond voor volwassenen die overwegen om in de techniek te "
            "gaan werken: kijken, proberen en praten met werkgevers en opleiders.",
            campus=campus,
            registration_mode=RegistrationMode.ON_SITE,
            capacity=60,
            status=EventStatus.CANCELLED if number == 1 else EventStatus.PLANNED,
        )
    name, address, region_slug = PROVINCE_HOUSE
    province_region = Region.objects.filter(slug=region_slug).first()
    _create(
        index,
        "technologietafel",
        [_session(next_weekday(today + datetime.timedelta(days=60), 1), "afternoon")],
        audiences=["professionals"],
        title="Technologietafel Noord-Holland",
        kind=EventKind.TECHNOLOGY_TABLE,
        summary="Onderwijs, bedrijven en overheid bespreken samen welke technologie op de "
        "arbeidsmarkt afkomt en wat dat vraagt van opleidingen.",
        location_name=name,
        address=address,
        region=province_region,
        status=EventStatus.RESCHEDULED,
        original_date=next_weekday(today + datetime.timedelta(days=46), 1),
    )
    for quarter in range(4):
        _create(
            index,
            f"adviescommissie-{quarter + 1}",
            [
                _session(
                    next_weekday(today + datetime.timedelta(days=20 + quarter * 91), 0), "afternoon"
                )
            ],
            audiences=["professionals"],
            title=f"Adviescommissie arbeidsmarkt en onderwijs ({quarter + 1}e kwartaal)",
            kind=EventKind.ADVISORY_BOARD,
            summary="Het overleg waarin de partners van het manifest de voortgang van de "
            "acties bespreken.",
            location_name=name,
            address=address,
            region=province_region,
        )
    festival_day = next_weekday(today + datetime.timedelta(days=240), 4)
    festival_campus = campuses[0]
    _create(
        index,
        "innovatiefestival",
        [_session(festival_day, end_date=festival_day + datetime.timedelta(days=1))],
        audiences=["professionals", "ouders-en-kinderen", "vo"],
        hosts=_host(festival_campus),
        title="Innovatiefestival Noord-Holland",
        kind=EventKind.INNOVATION_FESTIVAL,
        summary="Twee dagen vol innovaties van bedrijven, scholen en studenten uit heel "
        "Noord-Holland, met demonstraties voor jong en oud.",
        campus=festival_campus,
        registration_mode=RegistrationMode.NONE,
    )


def _spread(campuses, count):
    """`count` campuses, taking turns between regions so every region gets its share."""
    by_region = {}
    for campus in campuses:
        by_region.setdefault(campus.region_id, []).append(campus)
    chosen, queues = [], list(by_region.values())
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop(0))
    return chosen


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
