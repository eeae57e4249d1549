import datetime
from decimal import Decimal

import factory

from .models import Area, AreaKind, Indicator, Observation, PeriodKind


class IndicatorFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Testindicator {n}")
    slug = factory.Sequence(lambda n: f"testindicator-{n}")
    unit = "%"
    definition = "Een indicator om mee te testen."
    source = "Testbron"
    decimals = 1

    class Meta:
        model = Indicator


class AreaFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Testgebied {n}")
    slug = factory.Sequence(lambda n: f"testgebied-{n}")
    kind = AreaKind.COUNTRY

    class Meta:
        model = Area


class ObservationFactory(factory.django.DjangoModelFactory):
    indicator = factory.SubFactory(IndicatorFactory)
    area = factory.SubFactory(AreaFactory)
    period_kind = PeriodKind.YEAR
    period_start = factory.Sequence(lambda n: datetime.date(2000 + n, 1, 1))
    value = Decimal("4.2")

    class Meta:
        model = Observation


def monthly_series(indicator, area, months, start=datetime.date(2022, 1, 1)):
    """`months` monthly observations of `indicator` for `area`, rising by a tenth a month."""
    return Observation.objects.bulk_create(
        Observation(
            indicator=indicator,
            area=area,
            period_kind=PeriodKind.MONTH,
            period_start=datetime.date(
                start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1, 1
            ),
            value=Decimal("3.0") + Decimal(n) / 10,
        )
        for n in range(months)
    )
