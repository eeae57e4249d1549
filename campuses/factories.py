import factory
import wagtail_factories

from core.models import EconomicRegion

from .models import CampusPage


class CampusPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campus {n}")
    economic_region = EconomicRegion.MRA
    place = "Haarlem"
    focus = "maakindustrie"

    class Meta:
        model = CampusPage
