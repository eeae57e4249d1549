"""Form pages of our own in the admin, and the privacy tools among them (core/privacy.py). The
address travels in POST bodies only, never in a URL that server logs would keep, and no
answer is cached."""

from django import forms
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import content_disposition_header
from django.views.decorators.cache import never_cache
from django.views.generic import FormView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .exports import JSON_CONTENT_TYPE, as_json
from .models import PersonalDataRequest
from .privacy import (
    clean_address,
    counts,
    erase_on_request,
    export_on_request,
    personal_data,
)

ADMIN = PersonalDataRequest.Channel.ADMIN


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
    email = forms.CharField(max_length=254, widget=forms.HiddenInput)
    confirmed = forms.BooleanField(
        label="Ik wis deze gegevens definitief; dit kan niet ongedaan worden gemaakt.",
        error_messages={"required": "Vink aan dat u deze gegevens definitief wilt wissen."},
    )


@method_decorator(never_cache, name="dispatch")
class AdminFormView(PermissionRequiredMixin, WagtailAdminTemplateMixin, FormView):
    """A form page in the admin for the holders of `permission_required`; others are refused,
    a form with errors answers 400, and no answer is cached."""

    raise_exception = True

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AdminFormMenuItem(MenuItem):
    """The menu item of an AdminFormView, shown to those who may use it."""

    def __init__(self, view, label, url, **kwargs):
        self.view = view
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return request.user.has_perms(self.view().get_permission_required())


class PersonalDataView(AdminFormView):
    permission_required = "core.handle_personal_data"
    template_name = "core/admin/personal_data.html"
    page_title = "Persoonsgegevens"
    header_icon = "user"
    form_class = AddressForm

    def form_valid(self, form):
        address = form.cleaned_data["email"]
        data = export_on_request(address, ADMIN, self.request.user)
        if "download" in self.request.POST:
            response = HttpResponse(as_json(data), content_type=JSON_CONTENT_TYPE)
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


class ErasePersonalDataView(PersonalDataView):
    """The confirmation is the ticked box under the export of what will go."""

    http_method_names = ["post"]
    page_title = "Persoonsgegevens wissen"
    form_class = ErasureForm

    def get_breadcrumbs_items(self):
        lookup = {"url": reverse("core_personal_data"), "label": "Persoonsgegevens"}
        return [*self.breadcrumbs_items, lookup, {"url": "", "label": "Wissen"}]

    def form_invalid(self, form):
        address = form.cleaned_data.get("email")
        if not address:
            # Without a valid address there is nothing to show: back to the look-up.
            return self.render_to_response(self.get_context_data(form=AddressForm()), status=400)
        context = self.found_context(
            AddressForm(initial={"email": address}), address, personal_data(address), form
        )
        return self.render_to_response(context, status=400)

    def form_valid(self, form):
        erasure = erase_on_request(form.cleaned_data["email"], ADMIN, self.request.user)
        return self.render_to_response(
            self.get_context_data(form=AddressForm(), erasure_lines=erasure.lines())
        )
