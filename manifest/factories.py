import factory
from django.utils.text import slugify

from core.factories import SaveAfterRelationsFactory, parental_relation

from .models import (
    ActionLine,
    ActionTarget,
    Initiative,
    ManifestAction,
    Theme,
)


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


class InitiativeFactory(SaveAfterRelationsFactory):
    """A live initiative linked to one new action (pass `actions=[...]` to choose them)."""

    title = factory.Sequence(lambda n: f"Initiatief {n}")
    slug = factory.LazyAttribute(lambda initiative: slugify(initiative.title))
    summary = "Een initiatief dat een manifestactie uitvoert."
    live = True
    is_demo = True

    actions = factory.PostGeneration(
        lambda initiative, create, extracted, **kwargs: setattr(
            initiative, "actions", extracted if extracted is not None else [ManifestActionFactory()]
        )
    )
    themes = parental_relation("themes")
    regions = parental_relation("regions")
    partners = parental_relation("partners")
    campuses = parental_relation("campuses")

    class Meta:
        model = Initiative
