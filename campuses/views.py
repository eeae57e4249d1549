"""The campus page editor, registered for campus pages (wagtail_hooks.py): a coordinator who
opens a campus that is not theirs is told which ones are, with a link to each, instead of
Wagtail's general refusal."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import CampusPage
from .permissions import coordinated_campus_ids


class CampusEditView(EditView):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except PermissionDenied:
            own = CampusPage.objects.filter(pk__in=coordinated_campus_ids(request.user))
            own = list(own.order_by("title"))
            if not own or self.page.pk in {campus.pk for campus in own}:
                raise
            names = ", ".join(campus.title for campus in own)
            messages.error(
                request,
                f"U kunt {self.page.title} niet bewerken: u beheert als campuscoördinator "
                f"alleen {names}.",
                buttons=[
                    messages.button(
                        reverse("wagtailadmin_pages:edit", args=[campus.pk]),
                        f"{campus.title} bewerken",
                    )
                    for campus in own
                ],
            )
            return redirect("wagtailadmin_home")


class CampusPageViewSet(PageViewSet):
    model = CampusPage
    edit_view_class = CampusEditView
