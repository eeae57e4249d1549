"""Places per date: each session gets its event's capacity, registrations without a
date are given the event's first date, and drafts in the page history get the same change, so
publishing an older draft keeps its places."""

from django.db import migrations, models


def first_session_ids(EventSession):
    first = {}
    for event_id, session_id in EventSession.objects.order_by("starts_at", "pk").values_list(
        "event_id", "pk"
    ):
        first.setdefault(event_id, session_id)
    return first


def move_capacity_to_sessions(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventSession = apps.get_model("events", "EventSession")
    Registration = apps.get_model("events", "Registration")
    for event_id, capacity in EventPage.objects.exclude(capacity=None).values_list(
        "pk", "capacity"
    ):
        EventSession.objects.filter(event_id=event_id).update(capacity=capacity)
    for event_id, session_id in first_session_ids(EventSession).items():
        Registration.objects.filter(event_id=event_id, session=None).update(session_id=session_id)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="events", model="eventpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        capacity = content.pop("capacity", None)
        for session in content.get("sessions", []):
            session.setdefault("capacity", capacity)
        revision.content = content
        revision.save(update_fields=["content"])


def move_capacity_back(apps, schema_editor):
    EventPage = apps.get_model("events", "EventPage")
    EventSession = apps.get_model("events", "EventSession")
    for event in EventPage.objects.all():
        capacities = EventSession.objects.filter(event=event).exclude(capacity=None)
        event.capacity = max(capacities.values_list("capacity", flat=True), default=None)
        event.save(update_fields=["capacity"])


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0003_campus_calendar"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="eventsession",
            name="capacity",
            field=models.PositiveIntegerField(
                blank=True,
                help_text="Bij aanmelden via deze site: het maximum aantal deelnemers op deze "
                "datum (leerlingen en begeleiders samen). Wie daarna komt, staat op de "
                "wachtlijst van deze datum.",
                null=True,
                verbose_name="Aantal plaatsen",
            ),
        ),
        migrations.RunPython(move_capacity_to_sessions, move_capacity_back),
        migrations.RemoveField(model_name="eventpage", name="capacity"),
    ]
