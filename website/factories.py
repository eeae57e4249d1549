import factory
import wagtail_factories

from partners.models import EconomicRegion

from .models import CampusIndexPage, CampusPage, HomePage, StandardPage


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Home"
    hero_title = "Samen werken aan de technische arbeidsmarkt"
    intro = "Het platform van het manifest."

    class Meta:
        model = HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = "Standaardpagina"
    intro = "Een inleiding."

    class Meta:
        model = StandardPage


class CampusIndexPageFactory(wagtail_factories.PageFactory):
    title = "Campussen"
    slug = "campussen"

    class Meta:
        model = CampusIndexPage


class CampusPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Campus {n}")
    economic_region = EconomicRegion.MRA
    place = "Haarlem"
    focus = "maakindustrie"

    class Meta:
        model = CampusPage
