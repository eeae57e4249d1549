"""Shared by the data migrations that create permissions and give them to the roles
(`website/migrations/0002_roles.py`), so every environment has the same roles without anyone
clicking them together. (Not a migration: Django's loader skips modules whose name starts with
an underscore.)"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_app_permissions(apps, app_label, extra_permissions=()):
    """Create the permissions of one app now; Django creates them only after all migrations
    ran. `extra_permissions` ((codename, model, name) triples) are those a historical model
    cannot produce, such as the "publish" permission Wagtail adds to draftable models when
    their class is created."""
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for codename, model, name in extra_permissions:
        Permission.objects.get_or_create(
            codename=codename,
            content_type=ContentType.objects.get_for_model(apps.get_model(app_label, model)),
            defaults={"name": name},
        )


def permissions_named(apps, names):
    """The permissions called "app_label.codename"; a name that does not exist stops the
    migration, so a typo cannot silently leave a role without a right."""
    Permission = apps.get_model("auth", "Permission")
    found = []
    for name in names:
        app_label, codename = name.split(".")
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is None:
            raise LookupError(f"Permission {name} does not exist")
        found.append(permission)
    return found


def grant_to_role(role, names):
    """A migration operation that gives the group `role` the permissions `names` (and takes
    them back when reversed); a database without the group (it is made in
    `website/migrations/0002_roles.py`) is left alone."""

    def change(apps, method):
        group = apps.get_model("auth", "Group").objects.filter(name=role).first()
        if group is not None:
            getattr(group.permissions, method)(*permissions_named(apps, names))

    return migrations.RunPython(
        lambda apps, schema_editor: change(apps, "add"),
        lambda apps, schema_editor: change(apps, "remove"),
    )
