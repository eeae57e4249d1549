"""The chart geometry: a round value axis, a gap in the data stays a gap, each series can be
told apart without colour, a few periods are bars."""

from decimal import Decimal

from monitor import charts


def text(value):
    return charts.format_value(value, 1)


def test_values_are_written_the_dutch_way():
    assert charts.format_value(Decimal("2210000"), 0) == "2.210.000"
    assert charts.format_value(Decimal("4.05"), 1) == "4,1"
    assert charts.format_value(Decimal("-0.5"), 2) == "-0,50"


def test_the_value_axis_runs_from_zero_to_a_round_number():
    assert charts.value_axis([3.2, 4.8]) == (0, 5, 1)
    assert charts.value_axis([367000, 2210000]) == (0, 2500000, 500000)
    low, high, step = charts.value_axis([-1.5, 2])
    assert low < -1.5 and high >= 2 and low % step == 0


def test_a_gap_in_a_series_breaks_its_line():
    periods = [(n, f"P{n}") for n in range(6)]
    points = {0: Decimal(1), 1: Decimal(2), 3: Decimal(3), 4: Decimal(4), 5: Decimal(5)}
    drawing = charts.draw(periods, [("A", points)], text)
    assert drawing["kind"] == "line"
    (series,) = drawing["series"]
    assert len(series.lines) == 2 and len(series.marks) == 5
    assert series.label.text == "5,0"


def test_series_differ_in_marker_and_dash_besides_colour():
    periods = [(n, str(n)) for n in range(5)]
    series = [(name, {n: Decimal(n) for n in range(5)}) for name in "ABC"]
    drawn = charts.draw(periods, series, text)["series"]
    assert len({item.marker for item in drawn}) == 3
    assert len({item.dash for item in drawn}) == 3


def test_few_periods_are_bars_with_their_values_written_above():
    drawing = charts.draw(
        [(2020, "2020")], [("NH", {2020: Decimal("4.1")}), ("NL", {2020: Decimal("3.8")})], text
    )
    assert drawing["kind"] == "bars"
    bars = [mark for item in drawing["series"] for mark in item.marks]
    assert [bar.text for bar in bars] == ["4,1", "3,8"]
    assert bars[0].height > bars[1].height > 0
    assert all(bar.above < bar.y for bar in bars)


def test_end_labels_never_overlap():
    periods = [(n, str(n)) for n in range(5)]
    series = [(name, {n: Decimal("4.0") for n in range(5)}) for name in "AB"]
    first, second = (item.label for item in charts.draw(periods, series, text)["series"])
    assert abs(first.y - second.y) >= 14
