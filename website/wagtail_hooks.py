"""The admin as editors use it: publishing that follows the roles, landing back where one was
working, our Dutch editor's guide instead of Wagtail's external English links, no version
number or empty language column; and the two-factor login's set-up and verification."""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from . import two_factor
from .views import EditorGuideView

# The buttons of the page editor that end the editing (Wagtail then goes to the parent's
# listing, for the home page the tree's root: "pages made here are unreachable").
LEAVING_ACTIONS = (
    "action-publish",
    "action-submit",
    "action-workflow-action",
    "action-restart-workflow",
)

# The editor's main button, the first offered of: a reviewer's "Goedkeuren" (a workflow
# action), "Publiceren", "Stuur door naar Redactiecontrole".
MAIN_ACTIONS = ("approve", "action-publish", "action-submit")

# Wagtail's help menu items that open guide.wagtail.org (English, a third party).
EXTERNAL_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


@hooks.register("register_admin_urls")
def admin_urls():
    return [
        path("2fa/instellen/", two_factor.setup, name="two_factor_setup"),
        path("2fa/controleren/", two_factor.verify, name="two_factor_verify"),
        path("handleiding/", EditorGuideView.as_view(), name="website_editor_guide"),
    ]


@hooks.register("register_help_menu_item")
def editor_guide_menu_item():
    return MenuItem(
        "Handleiding",
        reverse("website_editor_guide"),
        icon_name="help",
        order=100,
        name="handleiding",
    )


@hooks.register("construct_help_menu")
def remove_external_help(request, menu_items):
    menu_items[:] = [item for item in menu_items if not item.name.startswith(EXTERNAL_HELP_ITEMS)]


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin-global.css"))


@hooks.register("construct_main_menu")
def no_version_for_editors(request, menu_items):
    """Wagtail's settings menu shows "Wagtail v8.0.1" at its foot: a version number is for
    administrators, not editors. The same submenu without that footer."""
    if request.user.is_superuser:
        return
    menu_items[:] = [
        SubmenuMenuItem(
            item.label,
            item.menu,
            name=item.name,
            icon_name=item.icon_name,
            classname=item.classname,
            attrs=item.attrs,
            order=item.order,
        )
        if item.name == "settings"
        else item
        for item in menu_items
    ]


@hooks.register("construct_page_action_menu")
@hooks.register("construct_snippet_action_menu")
def publish_directly(menu_items, request, context):
    """Whoever may publish (a Redacteur) publishes directly: the workflow is for those who may
    not (a Campuscoördinator). Wagtail attaches a workflow to a part of the page tree, not to a
    group, and offers "submit" to everyone there; drop it where "publish" is offered. The main
    button is the step that matters instead of Wagtail's "Bewaar concept" (MAIN_ACTIONS)."""
    if any(item.name == "action-publish" for item in menu_items):
        menu_items[:] = [item for item in menu_items if item.name != "action-submit"]
    main = next((item for name in MAIN_ACTIONS for item in menu_items if item.name == name), None)
    if main is not None:
        menu_items[:] = [main, *(item for item in menu_items if item is not main)]


@hooks.register("after_edit_page")
def back_to_the_page(request, page):
    """After publishing, submitting or a workflow step, stay on the page's editor (with
    Wagtail's message and its "view live" button) instead of the parent's listing."""
    leaving = any(action in request.POST for action in LEAVING_ACTIONS)
    if leaving and not (request.GET.get("next") or request.POST.get("next")):
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
