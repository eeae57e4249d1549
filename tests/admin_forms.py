"""Admin forms as editors post them, for the tests of the admin."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from tests.events.conftest import in_days


def event_form(capacity="120", **overrides):
    day = in_days(40)
    return nested_form_data(
        {
            "title": "PET Enkhuizen",
            "slug": "pet-enkhuizen",
            "kind": "pet",
            "status": "gepland",
            "summary": "Groep 7 en 8 ontdekken de maritieme techniek.",
            "sessions": inline_formset(
                [
                    {
                        "date": day.isoformat(),
                        "start_time": "09:00",
                        "end_time": "14:30",
                        "capacity": capacity,
                    }
                ]
            ),
            "location_name": "Zuiderzeehaven",
            "address": "Havenweg 1, Enkhuizen",
            "registration_mode": "site",
            **{"max_pupils": "35", "max_adults": "5", "max_persons": "10"},
            "body": streamfield([]),
        }
        | overrides
    )


def campus_form(campus, **changes):
    """The campus editor's form as posted, with `changes`."""
    return nested_form_data(
        {
            "title": campus.title,
            "slug": campus.slug,
            "intro": campus.intro,
            "kind": campus.kind,
            "economic_region": campus.economic_region,
            "region": campus.region_id or "",
            "place": campus.place,
            "focus": campus.focus,
            "sectors": ", ".join(tag.name for tag in campus.sectors.all()),
            "levels": [level.pk for level in campus.levels.all()],
            "offers": [offer.pk for offer in campus.offers.all()],
            "body": streamfield([]),
            "lead_schools": [partner.pk for partner in campus.lead_schools.all()],
            "partners": [partner.pk for partner in campus.partners.all()],
            "address": campus.address,
            "latitude": campus.latitude or "",
            "longitude": campus.longitude or "",
            "website": campus.website,
            "contact_email": campus.contact_email,
        }
        | changes
    )
