"""Shared by every app's data migrations that give groups their permissions, so every
environment has the same roles without anyone clicking them together. (Not a migration:
Django's loader skips modules whose name starts with an underscore.)"""

from django.contrib.auth.management import create_permissions


def grant_permissions(apps, app_label, grants, extra_permissions=()):
    """Give groups permissions of one app.

    `grants`: group name -> codenames.

    Permissions are normally created after all migrations ran, so create them now; and
    `extra_permissions` ((codename, model, name) triples) for those a historical model cannot
    produce, such as the "publish" permission Wagtail adds to draftable models at class creation.
    """
    app_config = apps.get_app_config(app_label)
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    for codename, model, name in extra_permissions:
        Permission.objects.get_or_create(
            codename=codename,
            content_type=ContentType.objects.get_for_model(apps.get_model(app_label, model)),
            defaults={"name": name},
        )
    for group_name, codenames in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
