"""Figures from a CSV file, in the admin (Cijfers inlezen): upload, preview, confirm.

The upload is checked as a whole (importing.py); with any problem nothing is kept and every
problem is listed. A valid upload's rows wait in the editor's session (server-side, under a
random key the confirm form names) until they confirm; confirming checks them again and
saves them in one transaction. The file itself is never stored.
"""

import secrets
from dataclasses import astuple

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.validators import FileExtensionValidator
from django.shortcuts import redirect

from core.views import AdminFormView

from . import importing

SESSION_KEY = "monitor-import"
# Rows the preview lists one by one; the counts cover all of them.
PREVIEW_ROWS = 500


def max_megabytes():
    return settings.MONITOR_IMPORT_MAX_BYTES / (1024 * 1024)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="CSV-bestand",
        validators=[FileExtensionValidator(["csv", "txt"], "Kies een CSV-bestand (.csv).")],
        error_messages={"required": "Kies een CSV-bestand.", "empty": "Het bestand is leeg."},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        # Refused by the size the upload reports, before a byte of it is read.
        if upload.size > settings.MONITOR_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"Het bestand is groter dan {max_megabytes():g} MB; splits het in delen."
            )
        rows, errors = importing.read_csv(upload.read())
        self.result = importing.check(rows, errors)
        if not self.result.valid:
            raise forms.ValidationError(
                "Er is niets ingelezen: verbeter het bestand en probeer het opnieuw."
            )
        return upload


class ConfirmForm(forms.Form):
    upload = forms.CharField(widget=forms.HiddenInput)


class UploadView(AdminFormView):
    permission_required = ("monitor.add_observation", "monitor.change_observation")
    template_name = "monitor/admin/upload.html"
    page_title = "Cijfers inlezen"
    header_icon = "upload"
    form_class = UploadForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            columns=[*importing.COLUMNS, *importing.OPTIONAL_COLUMNS],
            max_megabytes=max_megabytes(),
            **kwargs,
        )

    def form_invalid(self, form):
        result = getattr(form, "result", None)
        context = self.get_context_data(form=form, problems=result.messages if result else [])
        return self.render_to_response(context, status=400)

    def form_valid(self, form):
        """The preview: what saving would do, and the form that confirms it."""
        key = secrets.token_urlsafe(16)
        # One upload waits at a time: a new one replaces the last.
        self.request.session[SESSION_KEY] = {
            "key": key,
            "rows": [astuple(item.row) for item in form.result.rows],
        }
        return self.render_to_response(self.preview_context(form.result, key))

    def preview_context(self, result, key):
        changes = [item for item in result.rows if item.status != importing.UNCHANGED]
        return self.get_context_data(
            result=result,
            changes=changes[:PREVIEW_ROWS],
            hidden_changes=max(0, len(changes) - PREVIEW_ROWS),
            confirm_form=ConfirmForm(initial={"upload": key}),
        )


class ConfirmView(UploadView):
    http_method_names = ["post"]
    form_class = ConfirmForm

    def form_valid(self, form):
        waiting = self.request.session.get(SESSION_KEY) or {}
        if waiting.get("key") != form.cleaned_data["upload"]:
            messages.error(
                self.request,
                "Deze upload is niet meer beschikbaar (al opgeslagen of vervangen door een "
                "nieuwere). Lees het bestand opnieuw in.",
            )
            return redirect("monitor_import")
        rows = [importing.Row(*data) for data in waiting["rows"]]
        try:
            result = importing.save(importing.check(rows))
        except importing.NotValid as invalid:
            messages.error(
                self.request,
                "De cijfers zijn sinds de controle veranderd; er is niets opgeslagen: "
                + " ".join(invalid.args[0][:5]),
            )
            return redirect("monitor_import")
        del self.request.session[SESSION_KEY]
        messages.success(self.request, f"Cijfers opgeslagen: {result.summary()}.")
        return redirect("monitor_import")

    def form_invalid(self, form):
        return redirect("monitor_import")
