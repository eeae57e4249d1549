"""The privacy tools in the admin: Instellingen > Persoonsgegevens, for users who may handle
personal data, and their entries in the admin log."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .models import PersonalDataRequest
from .privacy import LOG_ACTIONS
from .views import ErasePersonalDataView, PersonalDataView, may_handle_personal_data


@hooks.register("register_admin_urls")
def personal_data_urls():
    return [
        path("persoonsgegevens/", PersonalDataView.as_view(), name="core_personal_data"),
        path(
            "persoonsgegevens/wissen/",
            ErasePersonalDataView.as_view(),
            name="core_personal_data_erase",
        ),
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return may_handle_personal_data(request.user)


@hooks.register("register_settings_menu_item")
def personal_data_menu_item():
    return PersonalDataMenuItem(
        "Persoonsgegevens", reverse("core_personal_data"), icon_name="user", order=900
    )


@hooks.register("register_log_actions")
def register_personal_data_log_actions(actions):
    for action, label in [
        (PersonalDataRequest.Action.EXPORT, "Persoonsgegevens opgezocht"),
        (PersonalDataRequest.Action.ERASURE, "Persoonsgegevens gewist"),
    ]:
        actions.register_action(LOG_ACTIONS[action], label, label)
