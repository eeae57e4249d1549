"""The manifest's real structure from the project's content file: its themes, the five action
lines and their numbered actions with targets. Created when missing, never overwritten."""

from core.initial_data import paragraphs_html

from .models import ActionLine, ActionTarget, ManifestAction, Theme


def load_manifest(content):
    for position, item in enumerate(content["themes"]):
        Theme.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item.get("description", ""),
                "sort_order": position,
            },
        )
    lines = {}
    for position, item in enumerate(content["action_lines"]):
        lines[item["code"]], _ = ActionLine.objects.get_or_create(
            code=item["code"],
            defaults={
                "title": item["title"],
                "goal": item["goal"],
                "description": item.get("description", ""),
                "sort_order": position,
            },
        )
    for item in content["actions"]:
        action, created = ManifestAction.objects.get_or_create(
            slug=item["slug"],
            defaults={
                "agenda_number": item["agenda_number"],
                "line": lines[item["line"]],
                "coalition_code": item.get("coalition_code") or "",
                "title": item["title"],
                "summary": item.get("summary", ""),
                "description": paragraphs_html(item.get("description", "")),
                "lead_organisation_name": item.get("lead_organisation") or "",
            },
        )
        if created:
            ActionTarget.objects.bulk_create(
                ActionTarget(
                    action=action,
                    sort_order=position,
                    year=target.get("year"),
                    deadline=target.get("deadline") or "",
                    text=target["text"],
                )
                for position, target in enumerate(item["targets"])
            )
