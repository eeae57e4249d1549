import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from events.models import EventSession

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_a_timed_session_is_stored_in_amsterdam_time_across_daylight_saving():
    winter = EventSession(
        date=datetime.date(2027, 1, 13), start_time=datetime.time(9), end_time=datetime.time(12)
    )
    summer = EventSession(
        date=datetime.date(2027, 7, 14), start_time=datetime.time(9), end_time=datetime.time(12)
    )
    assert winter.start.utcoffset() == datetime.timedelta(hours=1)
    assert summer.start.utcoffset() == datetime.timedelta(hours=2)
    assert winter.start.astimezone(datetime.UTC).hour == 8
    assert summer.start.astimezone(datetime.UTC).hour == 7


def test_an_all_day_session_over_several_days_ends_at_the_next_midnight():
    session = EventSession(date=datetime.date(2027, 5, 20), end_date=datetime.date(2027, 5, 21))
    assert session.all_day and session.spans_days
    assert session.start == datetime.datetime(2027, 5, 20, tzinfo=AMSTERDAM)
    assert session.end == datetime.datetime(2027, 5, 22, tzinfo=AMSTERDAM)
    assert list(session.days()) == [datetime.date(2027, 5, 20), datetime.date(2027, 5, 21)]


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"end_date": datetime.date(2027, 5, 19)}, "end_date"),
        ({"start_time": datetime.time(10)}, "end_time"),
        ({"end_time": datetime.time(10)}, "start_time"),
        ({"start_time": datetime.time(10), "end_time": datetime.time(9)}, "end_time"),
        ({"end_date": datetime.date(2027, 8, 1)}, "end_date"),
    ],
)
def test_impossible_sessions_are_refused_with_a_dutch_message(fields, field):
    session = EventSession(date=datetime.date(2027, 5, 20), **fields)
    with pytest.raises(ValidationError) as refused:
        session.clean()
    assert field in refused.value.message_dict
