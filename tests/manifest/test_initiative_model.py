import pytest
from django.core.exceptions import ValidationError

from manifest.factories import InitiativeFactory, ManifestActionFactory
from manifest.models import Initiative, ManifestAction


@pytest.fixture
def draft(db):
    initiative = InitiativeFactory(actions=[], live=False)
    initiative.save_revision()
    return initiative


def test_an_initiative_without_an_action_cannot_be_published(draft):
    with pytest.raises(ValidationError, match="ten minste één manifestactie"):
        draft.latest_revision.publish()
    draft.refresh_from_db()
    assert not draft.live
    assert not Initiative.objects.filter(live=True, pk=draft.pk).exists()


def test_an_initiative_with_an_action_can_be_published(draft):
    draft.actions = [ManifestActionFactory()]
    draft.save_revision().publish()
    draft.refresh_from_db()
    assert draft.live
    assert draft.actions.count() == 1


def test_the_admin_form_requires_an_action(db):
    form_class = Initiative.snippet_viewset.get_form_class()
    form = form_class(data={"title": "Zonder actie", "slug": "zonder-actie", "summary": "x"})
    assert not form.is_valid()
    assert "actions" in form.errors


def test_end_date_cannot_precede_start_date(db):
    initiative = InitiativeFactory.build(start_date="2026-05-01", end_date="2026-04-01")
    with pytest.raises(ValidationError) as error:
        initiative.full_clean(exclude=["slug"])
    assert "end_date" in error.value.message_dict


def test_attach_progress_counts_live_initiatives_and_distinct_partners(db):
    from partners.factories import PartnerFactory

    action, other = ManifestActionFactory(), ManifestActionFactory()
    lead, member, participant = PartnerFactory(), PartnerFactory(), PartnerFactory()
    action.lead_partner = lead
    action.save()
    action.member_partners.add(member)
    InitiativeFactory(actions=[action, other], lead_partner=member, partners=[participant, lead])
    InitiativeFactory(actions=[action], live=False, partners=[PartnerFactory()])
    [counted, counted_other] = ManifestAction.attach_progress([action, other])
    assert counted.initiative_count == 1
    assert counted.partner_count == 3  # lead, member and participant, each once
    assert counted_other.initiative_count == 1
    assert counted_other.partner_count == 3  # the initiative's lead and participants
