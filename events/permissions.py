"""Who sees which event registrations in the admin (docs/architecture.md, "Roles"): staff with
the model permissions (the Moderator) all of them; a campus coordinator only those of the
events at their campuses, and only to read and export."""

from campuses.permissions import CampusScopedPermissionPolicy, coordinated_campus_ids

from .models import CampusCalendar, EventPage, Registration


class RegistrationPermissionPolicy(CampusScopedPermissionPolicy):
    coordinator_actions = frozenset({"view"})

    def rows_of_campuses(self, campus_ids):
        return Registration.objects.filter(event__campus_id__in=campus_ids)

    def events_user_may_view(self, user):
        """The events whose registrations `user` may see."""
        if self.has_model_permission(user, {"view"}):
            return EventPage.objects.all()
        return EventPage.objects.filter(campus_id__in=coordinated_campus_ids(user))

    def user_may_view_registrations_of(self, user, event):
        return self.has_model_permission(user, {"view"}) or (
            event.campus_id in coordinated_campus_ids(user)
        )


class CampusCalendarPermissionPolicy(CampusScopedPermissionPolicy):
    """Redacteuren manage every campus calendar (model permissions); a campus coordinator sees
    the calendars of their campuses with their import reports and changes them (the form
    offers them only their own campuses: `CampusCalendarForm`)."""

    coordinator_actions = frozenset({"view", "change"})

    def rows_of_campuses(self, campus_ids):
        return CampusCalendar.objects.filter(campus_id__in=campus_ids)
