"""The monitor's areas, indicators and the figures the implementation agenda itself states,
from the project's content file (website/data). Records are only created when missing: a run
on every deploy never duplicates anything and never overwrites what editors changed."""

import datetime
from decimal import Decimal

from core.models import Region

from .models import Area, AreaKind, Indicator, Observation

# Labour-market regions come after the province, the country and the economic regions.
FIRST_REGION_POSITION = 10


def load_monitor(content):
    data = content["monitor"]
    for position, item in enumerate(data["areas"]):
        Area.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "kind": item["kind"],
                "economic_region": item.get("economic_region", ""),
                "cbs_code": item.get("cbs_code", ""),
                "sort_order": position,
            },
        )
    for position, region in enumerate(Region.objects.all(), start=FIRST_REGION_POSITION):
        Area.objects.get_or_create(
            region=region,
            defaults={"kind": AreaKind.LABOUR_MARKET_REGION, "sort_order": position},
        )
    for position, item in enumerate(data["indicators"]):
        Indicator.objects.get_or_create(
            slug=item["slug"],
            defaults={
                **{key: item[key] for key in ("name", "unit", "decimals", "better", "definition")},
                "compare_areas": item.get("compare_areas", True),
                "source": data["source"],
                "sort_order": position,
            },
        )
    indicators = {item.slug: item for item in Indicator.objects.all()}
    areas = {item.slug: item for item in Area.objects.all()}
    for item in data["observations"]:
        Observation.objects.get_or_create(
            indicator=indicators[item["indicator"]],
            area=areas[item["area"]],
            period_kind=item["period_kind"],
            period_start=datetime.date.fromisoformat(item["period_start"]),
            defaults={"value": Decimal(item["value"]), "note": item.get("note", "")},
        )
