from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class CampusesConfig(AppConfig):
    name = "campuses"
    verbose_name = "Campussen"
    default = True

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from partners.models import Partner

        from .permissions import CoordinatorPagePermissionPolicy, PartnerPermissionPolicy

        # Here, before anything asks Wagtail for these policies (which would create the
        # defaults): a coordinator's rights come from their campuses.
        register_permission_policy(Page, CoordinatorPagePermissionPolicy())
        register_permission_policy(Partner, PartnerPermissionPolicy(Partner))


class UsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, with the campuses a user coordinates (campuses/users.py)."""

    default = False
    user_viewset = "campuses.users.UserViewSet"
