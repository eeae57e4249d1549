"""Moderation of manifest signatures in the Wagtail admin: the listing's columns, the
approve / reject / re-send views, the bulk approval and the dashboard panel.

Every moderation step needs the custom `manifest.moderate_signature` permission; seeing the
queue needs only `view_signature`. `wagtail_hooks.py` wires these into the admin.
"""

from datetime import datetime
from urllib.parse import urlsplit

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.shortcuts import get_list_or_404, get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import PermissionCheckedMixin, WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton, ListingButton
from wagtail.images.models import SourceImageIOError
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import EditView, InspectView

from core.viewsets import IndexView

from .models import InvalidTransition, Signature, SignatureState
from .signing import notify_moderation, send_confirmation

# The viewset registers its URLs under Wagtail's default snippet namespace.
URL_NAMESPACE = "wagtailsnippets_manifest_signature"
LOGO_PREVIEW_FILTER = "max-80x40"
STATEMENT_PREVIEW_LENGTH = 80

# Entries in the snippet's history (registered in wagtail_hooks.py).
LOG_APPROVE = "manifest.signature.approve"
LOG_REJECT = "manifest.signature.reject"
LOG_RESEND = "manifest.signature.resend_confirmation"


def list_url(query=""):
    url = reverse(f"{URL_NAMESPACE}:list")
    return f"{url}?{query}" if query else url


def queue_url():
    return list_url(f"state={SignatureState.CONFIRMED}")


class SignaturePermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, except that nobody adds a signature in the admin: a
    signature is the signer's own statement, made through the public form with their
    consent. The "moderate" action maps to the custom `moderate_signature` permission."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = [action for action in actions if action != "add"]
        if not actions:
            return super().users_with_any_permission(actions).none()
        return super().users_with_any_permission(actions)


def can_moderate(user):
    return policy_registry.get_by_type(Signature).user_has_permission(user, "moderate")


# -- Listing -----------------------------------------------------------------------------


class LogoColumn(Column):
    """A small rendition of the partner's logo; the original upload is never shown."""

    cell_template_name = "manifest/admin/logo_cell.html"

    def __init__(self, name="logo", filter_spec=LOGO_PREVIEW_FILTER, **kwargs):
        kwargs.setdefault("label", "Logo")
        kwargs.setdefault("accessor", "logo")
        super().__init__(name, **kwargs)
        self.filter_spec = filter_spec

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        logo = context["raw_value"]
        try:
            context["rendition"] = logo.get_rendition(self.filter_spec) if logo else None
        except SourceImageIOError:
            # The file is gone from storage; the listing must still open.
            context["rendition"] = None
        context["alt"] = f"Logo van {instance.organisation_name}"
        return context


class WebsiteColumn(Column):
    """The partner's website as a link that opens in a new tab without handing it `opener`."""

    cell_template_name = "manifest/admin/website_cell.html"

    def __init__(self, name="website", **kwargs):
        kwargs.setdefault("label", "Website")
        kwargs.setdefault("accessor", "website")
        kwargs.setdefault("sort_key", "website")
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        url = context["raw_value"] or ""
        # Only web addresses become links, whatever ended up in the field.
        context["url"] = url if url.lower().startswith(("http://", "https://")) else ""
        return context


def external_link(url):
    """A web address as a link that opens in a new tab without handing it `opener`; only web
    addresses become links, whatever ended up in the field."""
    if not url.lower().startswith(("http://", "https://")):
        return url or "–"
    return format_html('<a href="{}" target="_blank" rel="noopener noreferrer">{}</a>', url, url)


def truncated_statement(signature):
    return Truncator(signature.statement).chars(STATEMENT_PREVIEW_LENGTH)


def awaiting_first():
    """Sort key that puts the moderation queue on top of the listing."""
    return models.Case(
        models.When(state=SignatureState.CONFIRMED, then=models.Value(0)),
        default=models.Value(1),
        output_field=models.IntegerField(),
    )


def moderation_buttons(signature, user, button_class=Button, priority=0):
    """The moderation actions that fit the signature's state, for users who may moderate.

    Approving and re-sending post (with the CSRF token) through Wagtail's `w-action`
    controller; without JavaScript the link opens a confirmation page that posts the same.
    """
    if not can_moderate(user):
        return []

    def posting(label, view_name, icon_name, offset):
        url = reverse(f"{URL_NAMESPACE}:{view_name}", args=[signature.pk])
        attrs = {
            "data-controller": "w-action",
            "data-action": "w-action#post",
            "data-w-action-url-value": url,
        }
        return button_class(
            label, url=url, icon_name=icon_name, attrs=attrs, priority=priority + offset
        )

    buttons = []
    if signature.state == SignatureState.CONFIRMED:
        buttons.append(posting("Goedkeuren", "approve", "check", 1))
    if signature.state in (SignatureState.CONFIRMED, SignatureState.APPROVED):
        buttons.append(
            button_class(
                "Afwijzen",
                url=reverse(f"{URL_NAMESPACE}:reject", args=[signature.pk]),
                icon_name="cross",
                priority=priority + 2,
            )
        )
    if signature.state == SignatureState.UNCONFIRMED:
        buttons.append(posting("Bevestigingsmail opnieuw versturen", "resend", "mail", 3))
    return buttons


class SignatureIndexView(IndexView):
    """The signature listing: the queue (confirmed signatures) first, newest first within
    each group, until the user sorts on a column."""

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        if self.is_explicitly_ordered:
            return queryset
        return queryset.order_by(awaiting_first(), *queryset.query.order_by)

    @cached_property
    def columns(self):
        columns = super().columns
        for column in columns:
            if column.name == "organisation_name":
                column.label = "Organisatie"
        return columns

    def get_list_more_buttons(self, instance):
        return super().get_list_more_buttons(instance) + moderation_buttons(
            instance, self.request.user, button_class=ListingButton
        )

    @cached_property
    def header_buttons(self):
        waiting = Signature.objects.awaiting_moderation().count()
        return [
            *super().header_buttons,
            HeaderButton(f"Wachten op beoordeling ({waiting})", url=queue_url(), icon_name="pick"),
        ]


# -- Inspect and edit ---------------------------------------------------------------------


class ModerationHeaderButtonsMixin:
    @cached_property
    def header_more_buttons(self):
        return super().header_more_buttons + moderation_buttons(
            self.object, self.request.user, priority=50
        )


def local_datetime(value):
    return date_format(timezone.localtime(value), "j F Y H:i")


class SignatureInspectView(ModerationHeaderButtonsMixin, InspectView):
    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        # Wagtail's inspect template prints these raw: UTC times, "None", "False".
        if value is None or value == "":
            return "–"
        if isinstance(value, bool):
            return "Ja" if value else "Nee"
        if isinstance(value, datetime):
            return local_datetime(value)
        return value

    def get_partner_display_value(self):
        partner = self.object.partner
        if partner is None:
            return "Nieuw: de organisatie komt na goedkeuring in het register."
        return partner.name

    def get_website_display_value(self):
        return external_link(self.object.website)

    def get_manifest_revision_display_value(self):
        revision = self.object.manifest_revision
        if revision is None:
            return "Niet vastgelegd"
        created = local_datetime(revision.created_at)
        return f"{revision.object_str}, versie {revision.pk} van {created}"


class SignatureEditView(ModerationHeaderButtonsMixin, EditView):
    pass


# -- Moderation views ---------------------------------------------------------------------


class SignatureActionMixin(PermissionCheckedMixin, WagtailAdminTemplateMixin):
    """A moderation step on one signature: GET shows a confirmation page, POST acts."""

    model = Signature
    permission_required = "moderate"
    header_icon = "pick"
    allowed_states = ()
    wrong_state_message = ""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(
            Signature.objects.select_related("partner"), pk=kwargs["pk"]
        )

    def get_page_subtitle(self):
        return self.object.organisation_name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": list_url(), "label": Signature._meta.verbose_name_plural},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_success_url(self):
        # Back to the list, keeping its filters when the action came from there.
        next_url = get_valid_next_url_from_request(self.request)
        if next_url and urlsplit(next_url).path == list_url():
            return next_url
        return list_url()

    def in_allowed_state(self):
        if self.object.state in self.allowed_states:
            return True
        messages.error(
            self.request,
            f"{self.object.organisation_name}: {self.wrong_state_message} "
            f"De status is nu ‘{self.object.get_state_display().lower()}’; er is niets gewijzigd.",
        )
        return False

    def get(self, request, *args, **kwargs):
        if not self.in_allowed_state():
            return redirect(self.get_success_url())
        return super().get(request, *args, **kwargs)

    def locked_object(self):
        """The signature re-read under a row lock, so two moderators cannot both act on it.
        Only its own row: the partner is an outer join now that it may be empty, and
        PostgreSQL locks no nullable side of one."""
        return (
            Signature.objects.select_for_update(of=("self",))
            .select_related("partner")
            .get(pk=self.object.pk)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            signature=self.object,
            cancel_url=self.get_success_url(),
            next_url=get_valid_next_url_from_request(self.request),
        )
        return context


def report_mail(request, sent, done, mailed):
    """One message for the decision and the e-mail about it; a warning if the mail failed."""
    if sent:
        messages.success(request, f"{done} {mailed}")
    else:
        messages.warning(
            request,
            f"{done} Let op: de e-mail aan de ondertekenaar kon niet worden verstuurd; "
            "neem zelf contact op.",
        )


PROPOSAL_LABELS = {
    "logo": "Neem het ingestuurde logo over",
    "name": "Neem de ingestuurde naam over",
    "website": "Neem de ingestuurde website over",
}


class ApprovalForm(forms.Form):
    """For an organisation already in the registry: which of the values the signer sent in
    replace the registry's own. Nothing is taken over unless the moderator ticks it."""

    def __init__(self, *args, signature, **kwargs):
        super().__init__(*args, **kwargs)
        self.changes = signature.proposed_changes()
        for field, _, _ in self.changes:
            self.fields[field] = forms.BooleanField(label=PROPOSAL_LABELS[field], required=False)

    def accepted(self):
        return {field for field, accept in self.cleaned_data.items() if accept}


class ApproveView(SignatureActionMixin, FormView):
    template_name = "manifest/admin/approve.html"
    page_title = "Ondertekening goedkeuren"
    form_class = ApprovalForm
    allowed_states = (SignatureState.CONFIRMED,)
    wrong_state_message = "alleen een bevestigde ondertekening kan worden goedgekeurd."

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "signature": self.object}

    def form_valid(self, form):
        with transaction.atomic():
            self.object = self.locked_object()
            if not self.in_allowed_state():
                return redirect(self.get_success_url())
            try:
                self.object.approve(self.request.user, accept=form.accepted())
            except InvalidTransition as refusal:
                transaction.set_rollback(True)
                messages.error(self.request, f"{refusal} Er is niets gewijzigd.")
                return redirect(self.get_success_url())
            log(instance=self.object, action=LOG_APPROVE, user=self.request.user)
        report_mail(
            self.request,
            notify_moderation(self.object),
            f"De ondertekening van {self.object.organisation_name} is goedgekeurd.",
            "De ondertekenaar heeft hierover een e-mail gekregen.",
        )
        return redirect(self.get_success_url())


class RejectionForm(forms.Form):
    reason = forms.CharField(
        label="Reden van afwijzing",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="De ondertekenaar krijgt deze reden letterlijk per e-mail.",
        error_messages={
            "required": "Geef een reden op: de ondertekenaar krijgt die per e-mail.",
            "max_length": "Houd de reden korter dan %(limit_value)d tekens.",
        },
    )


class RejectView(SignatureActionMixin, FormView):
    template_name = "manifest/admin/reject.html"
    page_title = "Ondertekening afwijzen"
    form_class = RejectionForm
    allowed_states = (SignatureState.CONFIRMED, SignatureState.APPROVED)
    wrong_state_message = "deze ondertekening kan niet (meer) worden afgewezen."

    def form_valid(self, form):
        with transaction.atomic():
            self.object = self.locked_object()
            if not self.in_allowed_state():
                return redirect(self.get_success_url())
            try:
                self.object.reject(self.request.user, form.cleaned_data["reason"])
            except InvalidTransition:
                form.add_error(
                    "reason", "Geef een reden op: de ondertekenaar krijgt die per e-mail."
                )
                return self.form_invalid(form)
            log(instance=self.object, action=LOG_REJECT, user=self.request.user)
        report_mail(
            self.request,
            notify_moderation(self.object),
            f"De ondertekening van {self.object.organisation_name} is afgewezen.",
            "De ondertekenaar heeft de reden per e-mail gekregen.",
        )
        return redirect(self.get_success_url())


class ResendConfirmationView(SignatureActionMixin, TemplateView):
    template_name = "manifest/admin/confirm_action.html"
    page_title = "Bevestigingsmail opnieuw versturen"
    allowed_states = (SignatureState.UNCONFIRMED,)
    wrong_state_message = (
        "alleen een nog niet bevestigde ondertekening krijgt een bevestigingsmail."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            question=(
                f"De ondertekenaar krijgt een nieuwe bevestigingslink op "
                f"{self.object.contact_email or '(geen e-mailadres)'}; eerdere links werken "
                "daarna niet meer."
            ),
            submit_label="Ja, opnieuw versturen",
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not self.in_allowed_state():
            return redirect(self.get_success_url())
        name = self.object.organisation_name
        if send_confirmation(self.object):
            log(instance=self.object, action=LOG_RESEND, user=request.user)
            messages.success(request, f"De bevestigingsmail voor {name} is opnieuw verstuurd.")
        else:
            messages.error(
                request,
                f"De bevestigingsmail voor {name} kon niet worden verstuurd: "
                f"{self.object.confirmation_error}. Probeer het later opnieuw.",
            )
        return redirect(self.get_success_url())


# -- Bulk approval ------------------------------------------------------------------------


class ApproveSignaturesBulkAction(SnippetBulkAction):
    """Approves the selected signatures that await moderation; the others are skipped."""

    display_name = "Goedkeuren"
    action_type = "approve"
    aria_label = "Geselecteerde ondertekeningen goedkeuren"
    template_name = "manifest/admin/bulk_approve.html"
    action_priority = 10
    models = [Signature]

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "moderate"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        return get_list_or_404(model.objects.select_related("partner"), pk__in=object_ids)

    def check_perm(self, signature):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "moderate", signature
        )

    def object_context(self, signature):
        return {
            **super().object_context(signature),
            "awaiting": signature.state == SignatureState.CONFIRMED,
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["to_approve"] = [item for item in context["items"] if item["awaiting"]]
        context["skipped"] = [item for item in context["items"] if not item["awaiting"]]
        return context

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        """Approve the selected signatures that await moderation. An organisation already in
        the registry keeps its own name, website and logo: taking over a proposal is a
        decision per signature (the approve view)."""
        view = kwargs["self"]
        # Re-read under one lock: the page may be stale, or another moderator quicker.
        awaiting = (
            Signature.objects.select_for_update(of=("self",))
            .select_related("partner")
            .filter(pk__in=[signature.pk for signature in objects])
            .awaiting_moderation()
        )
        for signature in awaiting:
            try:
                with transaction.atomic():
                    signature.approve(user)
            except InvalidTransition:
                continue  # the organisation signed already; the listing still shows it
            log(instance=signature, action=LOG_APPROVE, user=user)
            view.approved.append(signature)
        return len(view.approved), 0

    def form_valid(self, form):
        self.approved = []
        response = super().form_valid(form)
        # Mail only after the approvals are committed.
        failed = [s.organisation_name for s in self.approved if not notify_moderation(s)]
        if failed:
            messages.warning(
                self.request,
                "Deze ondertekenaars konden niet worden gemaild; neem zelf contact op: "
                + ", ".join(failed),
            )
        return response

    def get_success_message(self, num_parent_objects, num_child_objects):
        skipped = len(self.actionable_objects) - num_parent_objects
        noun = "ondertekening" if num_parent_objects == 1 else "ondertekeningen"
        message = f"{num_parent_objects} {noun} goedgekeurd; de ondertekenaars zijn gemaild."
        if num_parent_objects == 0:
            message = "Er is niets goedgekeurd."
        if skipped:
            message += (
                f" {skipped} overgeslagen, omdat ze niet op beoordeling wachtten"
                " (niet bevestigd, al goedgekeurd of afgewezen)."
            )
        return message


# -- Dashboard ----------------------------------------------------------------------------


class AwaitingModerationPanel(Component):
    name = "signatures_awaiting_moderation"
    template_name = "manifest/admin/awaiting_moderation_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        return {
            "count": Signature.objects.awaiting_moderation().count(),
            "queue_url": queue_url(),
        }
