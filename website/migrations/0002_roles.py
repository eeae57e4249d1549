"""The roles of the admin, as groups, and the publishing workflow (README, "Roles").

- Redacteur: edits and publishes pages (events are pages), partners and the other snippets,
  images and documents, the site settings, search promotions and redirects. Approves the
  workflow "Redactiecontrole". No signatures or registrations: those are personal data.
- Moderator: moderates signatures and manages and exports event registrations. No pages.
  Looking up and erasing anyone's personal data is for no role (0006).
  Approving a signature publishes the signer's organisation on the moderator's behalf
  (manifest/models/signature.py): moderating is the permission that counts there.
- Campuscoördinator: `coordinate_campus`; what that allows follows from the campuses an
  administrator assigns per user (campuses/permissions.py): their campus pages, the events
  there, the registrations of those events, the partners of their campuses. No publishing:
  their changes go to the workflow "Redactiecontrole". Uploads and chooses images and
  documents in a collection of their own only, so the rest of the library (such as logos
  that signers sent in and a moderator has not yet seen) stays out of their sight.

Wagtail's own groups (Editors, Moderators) and workflow ("Moderators approval") are English
and cut differently; nothing was live, so they are removed rather than kept beside these.
"""

from django.db import migrations

from core.migrations._grants import create_app_permissions, permissions_named

REDACTEUR = "Redacteur"
MODERATOR = "Moderator"
CAMPUSCOORDINATOR = "Campuscoördinator"

ADD_CHANGE_DELETE = ("add", "change", "delete")

# Model permissions per role, "app_label.codename".
ROLE_PERMISSIONS = {
    REDACTEUR: [
        "wagtailadmin.access_admin",
        *(f"partners.{action}_partner" for action in (*ADD_CHANGE_DELETE, "publish")),
        *(f"manifest.{action}_initiative" for action in (*ADD_CHANGE_DELETE, "publish")),
        *(
            f"manifest.{action}_{model}"
            for model in ("manifestaction", "actionline", "theme")
            for action in ADD_CHANGE_DELETE
        ),
        *(f"core.{action}_region" for action in ADD_CHANGE_DELETE),
        "core.change_importantpages",
        "website.change_sitesettings",
        *(f"wagtailsearchpromotions.{action}_searchpromotion" for action in ADD_CHANGE_DELETE),
        *(f"wagtailredirects.{action}_redirect" for action in ADD_CHANGE_DELETE),
    ],
    MODERATOR: [
        "wagtailadmin.access_admin",
        "manifest.view_signature",
        "manifest.change_signature",
        "manifest.moderate_signature",
        *(f"events.{action}_registration" for action in ("view", "change", "delete")),
    ],
    CAMPUSCOORDINATOR: [
        "wagtailadmin.access_admin",
        "campuses.coordinate_campus",
    ],
}

# Page permissions on the root page, so they cover the whole tree.
ROLE_PAGE_PERMISSIONS = {
    REDACTEUR: ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page",
                "unlock_page"],
}

# Image and document permissions: the Redacteur's on the root collection (the whole library),
# the coordinator's on a collection of their own.
COORDINATOR_COLLECTION = "Campussen en evenementen"
ROLE_COLLECTION_PERMISSIONS = {
    REDACTEUR: [
        *(f"wagtailimages.{action}_image" for action in (*ADD_CHANGE_DELETE, "choose")),
        *(f"wagtaildocs.{action}_document" for action in (*ADD_CHANGE_DELETE, "choose")),
    ],
    CAMPUSCOORDINATOR: [
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
}

WORKFLOW = "Redactiecontrole"
WORKFLOW_TASK = "Goedkeuring door een redacteur"
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def remove_wagtail_defaults(apps):
    apps.get_model("wagtailcore", "Workflow").objects.filter(
        name=WAGTAIL_DEFAULT_WORKFLOW
    ).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW).delete()
    apps.get_model("auth", "Group").objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS).delete()


def child_collection(apps, parent, name):
    """The collection `name` right under `parent`, made when missing. (Historical models have
    no tree methods: the path is treebeard's, four base-36 digits per level.)"""
    Collection = apps.get_model("wagtailcore", "Collection")
    children = Collection.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    existing = children.filter(name=name).first()
    if existing:
        return existing
    last = children.order_by("-path").values_list("path", flat=True).first()
    number = int(last[-4:], 36) + 1 if last else 1
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[digit] + digits
    Collection.objects.filter(pk=parent.pk).update(numchild=children.count() + 1)
    return Collection.objects.create(
        name=name, path=parent.path + digits.rjust(4, "0"), depth=parent.depth + 1, numchild=0
    )


def create_groups(apps):
    for app_label in ["core", "campuses", "website", "wagtailsearchpromotions",
                      "wagtailredirects"]:
        create_app_permissions(apps, app_label)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root_page = apps.get_model("wagtailcore", "Page").objects.get(depth=1)
    root_collection = apps.get_model("wagtailcore", "Collection").objects.get(depth=1)
    collections = {
        REDACTEUR: root_collection,
        CAMPUSCOORDINATOR: child_collection(apps, root_collection, COORDINATOR_COLLECTION),
    }

    groups = {}
    for name, names in ROLE_PERMISSIONS.items():
        groups[name], _ = Group.objects.get_or_create(name=name)
        groups[name].permissions.add(*permissions_named(apps, names))
    for name, codenames in ROLE_PAGE_PERMISSIONS.items():
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root_page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
    for name, names in ROLE_COLLECTION_PERMISSIONS.items():
        for permission in permissions_named(apps, names):
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name], collection=collections[name], permission=permission
            )
    return groups


def create_workflow(apps, approvers):
    """One approval step by a Redacteur, for every page and for partners."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")

    task, created = GroupApprovalTask.objects.get_or_create(
        name=WORKFLOW_TASK,
        defaults={
            "active": True,
            "content_type": ContentType.objects.get_or_create(
                app_label="wagtailcore", model="groupapprovaltask"
            )[0],
        },
    )
    if created:
        task.groups.set([approvers])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    apps.get_model("wagtailcore", "WorkflowPage").objects.update_or_create(
        page=apps.get_model("wagtailcore", "Page").objects.get(depth=1),
        defaults={"workflow": workflow},
    )
    apps.get_model("wagtailcore", "WorkflowContentType").objects.update_or_create(
        content_type=ContentType.objects.get_or_create(app_label="partners", model="partner")[0],
        defaults={"workflow": workflow},
    )


def create_roles(apps, schema_editor):
    remove_wagtail_defaults(apps)
    groups = create_groups(apps)
    create_workflow(apps, groups[REDACTEUR])


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0001_initial"),
        ("events", "0002_audiences_and_permissions"),
        ("manifest", "0002_permissions"),
        ("campuses", "0002_coordinators"),
        ("partners", "0002_permissions"),
        ("core", "0003_personal_data_requests"),
        # After every migration of Wagtail's that creates or changes its default groups and
        # workflow, so none of them runs after this one.
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
