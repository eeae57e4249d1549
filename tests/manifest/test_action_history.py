"""Action progress has a history, so staff see who changed it and when: each save in the
admin is a revision with its user and time, shown in the snippet's history, and the title
links to the editor."""

import re

from django.contrib.admin.utils import quote
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from manifest.models import ActionTarget, ManifestAction

EDIT = "wagtailsnippets_manifest_manifestaction:edit"


def action_form(action, progress):
    targets = [
        {
            "id": target.pk,
            "year": target.year or "",
            "deadline": target.deadline,
            "text": target.text,
            "progress_current": progress,
            "progress_goal": 500,
            "progress_unit": "trajecten",
            "progress_measured_on": "2027-01-15",
        }
        for target in action.targets.all()
    ]
    return nested_form_data(
        {
            "agenda_number": action.agenda_number,
            "line": action.line_id,
            "coalition_code": action.coalition_code,
            "title": action.title,
            "slug": action.slug,
            "summary": action.summary,
            "description": rich_text(action.description),
            "status": action.status,
            "lead_partner": "",
            "lead_organisation_name": action.lead_organisation_name,
            "targets": inline_formset(targets, initial=len(targets)),
        }
    )


def test_a_progress_change_is_a_revision_with_its_user_in_the_history(redacteur_client):
    action = ManifestAction.objects.filter(targets__isnull=False).first()
    url = reverse(EDIT, args=[quote(action.pk)])
    response = redacteur_client.post(url, action_form(action, 120))
    assert response.status_code == 302, response.context["form"].errors
    response = redacteur_client.post(url, action_form(action, 180))
    assert response.status_code == 302
    assert ActionTarget.objects.filter(action=action, progress_current=180).exists()
    revisions = list(action.revisions.order_by("created_at", "pk"))
    assert [revision.user.username for revision in revisions[-2:]] == ["redacteur"] * 2
    progress = [revision.content["targets"][0]["progress_current"] for revision in revisions[-2:]]
    assert progress == [120, 180]
    history = reverse("wagtailsnippets_manifest_manifestaction:history", args=[quote(action.pk)])
    html = redacteur_client.get(history).content.decode()
    assert "redacteur" in html
    compare = reverse(
        "wagtailsnippets_manifest_manifestaction:revisions_compare",
        args=[quote(action.pk), revisions[-2].pk, revisions[-1].pk],
    )
    assert redacteur_client.get(compare).status_code == 200


def test_the_title_links_to_the_editor_in_the_list(admin_client):
    action = ManifestAction.objects.first()
    html = admin_client.get(reverse("wagtailsnippets_manifest_manifestaction:list")).content
    edit_url = reverse(EDIT, args=[quote(action.pk)])
    title_link = (
        rf'<a href="{re.escape(edit_url)}"[^>]*>\s*{re.escape(escape(action.title))}\s*</a>'
    )
    assert re.search(title_link, html.decode())
