"""The privacy tools in the admin (Instellingen > Persoonsgegevens, core/privacy.py): look up
what the site holds about one e-mail address, download it, and erase it after a confirmation.

Only for users with `core.handle_personal_data` (superusers have it). The address travels in
POST bodies only, never in a URL that server logs would keep, and no answer is cached. Every
use is logged with a hash of the address (`record_request`)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.generic import FormView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .models import PersonalDataRequest
from .privacy import (
    as_json,
    clean_address,
    count_summary,
    counts,
    erase_personal_data,
    personal_data,
    record_request,
)

PERMISSION = "core.handle_personal_data"


def may_handle_personal_data(user):
    return user.has_perm(PERMISSION)


class AddressForm(forms.Form):
    email = forms.CharField(
        label="E-mailadres",
        max_length=254,
        help_text="Hoofdletters en kleine letters maken niet uit.",
        error_messages={"required": "Vul het e-mailadres in waar het verzoek over gaat."},
    )

    def clean_email(self):
        return clean_address(self.cleaned_data["email"])


class ErasureForm(AddressForm):
    confirmed = forms.BooleanField(
        label="Ik wis deze gegevens definitief; dit kan niet ongedaan worden gemaakt.",
        error_messages={"required": "Vink aan dat u deze gegevens definitief wilt wissen."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].widget = forms.HiddenInput()


@method_decorator(never_cache, name="dispatch")
class PersonalDataView(WagtailAdminTemplateMixin, FormView):
    template_name = "core/admin/personal_data.html"
    page_title = "Persoonsgegevens"
    header_icon = "user"
    form_class = AddressForm

    def dispatch(self, request, *args, **kwargs):
        if not may_handle_personal_data(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def form_valid(self, form):
        address = form.cleaned_data["email"]
        data = personal_data(address)
        record_request(
            PersonalDataRequest.Action.EXPORT,
            address,
            PersonalDataRequest.Channel.ADMIN,
            user=self.request.user,
            summary=count_summary(data),
        )
        if "download" in self.request.POST:
            response = HttpResponse(as_json(data), content_type="application/json; charset=utf-8")
            filename = f"persoonsgegevens-{timezone.localdate():%Y-%m-%d}.json"
            response["Content-Disposition"] = content_disposition_header(True, filename)
            return response
        return self.render_to_response(self.found_context(form, address, data))

    def found_context(self, form, address, data, erasure_form=None):
        return self.get_context_data(
            form=form,
            address=address,
            export=as_json(data),
            counts=counts(data),
            erasure_form=erasure_form or ErasureForm(initial={"email": address}),
        )


@method_decorator(require_POST, name="dispatch")
class ErasePersonalDataView(PersonalDataView):
    """The confirmation is the ticked box under the export of what will go."""

    page_title = "Persoonsgegevens wissen"
    form_class = ErasureForm

    def get_breadcrumbs_items(self):
        lookup = {"url": reverse("core_personal_data"), "label": "Persoonsgegevens"}
        return [*self.breadcrumbs_items, lookup, {"url": "", "label": "Wissen"}]

    def form_invalid(self, form):
        address = form.data.get("email", "")
        try:
            address = clean_address(address)
        except forms.ValidationError:
            # Without a valid address there is nothing to show: back to the look-up.
            return self.render_to_response(self.get_context_data(form=AddressForm()), status=400)
        context = self.found_context(
            AddressForm(initial={"email": address}), address, personal_data(address), form
        )
        return self.render_to_response(context, status=400)

    def form_valid(self, form):
        address = form.cleaned_data["email"]
        erasure = erase_personal_data(address)
        record_request(
            PersonalDataRequest.Action.ERASURE,
            address,
            PersonalDataRequest.Channel.ADMIN,
            user=self.request.user,
            summary=erasure.summary(),
        )
        return self.render_to_response(
            self.get_context_data(form=AddressForm(), erasure_lines=erasure.lines())
        )
