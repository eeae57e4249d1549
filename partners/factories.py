import factory
from django.utils.text import slugify

from .models import ActionLine, ActionTarget, EconomicRegion, ManifestAction, Region, Theme


class RegionFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Regio {n}")
    slug = factory.LazyAttribute(lambda region: slugify(region.name))
    economic_region = EconomicRegion.MRA

    class Meta:
        model = Region
        django_get_or_create = ("slug",)


class ThemeFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))

    class Meta:
        model = Theme
        django_get_or_create = ("slug",)


class ActionLineFactory(factory.django.DjangoModelFactory):
    code = factory.Sequence(lambda n: f"L{n}")
    title = factory.Sequence(lambda n: f"Actielijn {n}")
    goal = "Een doel van deze actielijn."

    class Meta:
        model = ActionLine
        django_get_or_create = ("code",)


class ManifestActionFactory(factory.django.DjangoModelFactory):
    agenda_number = factory.Sequence(lambda n: n + 1)
    line = factory.SubFactory(ActionLineFactory)
    title = factory.Sequence(lambda n: f"Actie {n}")
    slug = factory.LazyAttribute(lambda action: slugify(f"{action.agenda_number}-{action.title}"))
    summary = "Korte samenvatting van de actie."

    class Meta:
        model = ManifestAction


class ActionTargetFactory(factory.django.DjangoModelFactory):
    action = factory.SubFactory(ManifestActionFactory)
    year = 2023
    deadline = "2023"
    text = "Een meetbaar doel."

    class Meta:
        model = ActionTarget
