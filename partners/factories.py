import factory

from core.factories import SaveAfterRelationsFactory, parental_relation
from core.models import SectorTag

from .models import Partner, PartnerKind


class PartnerFactory(SaveAfterRelationsFactory):
    # Names must be unique after normalisation (Partner.name_key); Faker repeats itself.
    name = factory.Sequence(lambda n: f"{factory.Faker._get_faker('nl_NL').company()} {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")
    kind = PartnerKind.BUSINESS
    website = factory.LazyAttribute(lambda partner: f"https://{partner.slug}.example.nl/")
    is_demo = True
    regions = parental_relation("regions")
    offers = parental_relation("offers")
    education_levels = parental_relation("education_levels")

    @factory.post_generation
    def sectors(self, create, extracted, **kwargs):
        """Sectors by slug, the loaded ones or new ones."""
        for slug in extracted or []:
            self.sectors.add(SectorTag.objects.get_or_create(slug=slug, defaults={"name": slug})[0])

    class Meta:
        model = Partner
