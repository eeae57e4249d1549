"""The admin's two-factor set-up and verification pages (django-otp: an authenticator app
plus backup codes); website.middleware.RequireTwoFactorMiddleware sends users here."""

import base64

import segno
from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "Authenticator-app"
BACKUP_DEVICE_NAME = "Reservecodes"
# Admin pages open before the second factor, besides the current step. Set-up is a step only
# without a confirmed device, or anyone who knows the password could add their own.
OPEN_BEFORE_VERIFYING = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
}
WRONG_CODE = (
    "Deze code klopt niet of is al gebruikt. Na een paar verkeerde codes moet u even wachten; "
    "probeer het dan opnieuw met de volgende code."
)


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Code",
        max_length=16,
        help_text="De zescijferige code uit uw authenticator-app.",
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split())


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return reverse("wagtailadmin_home")


def render_step(request, template, form=None, **context):
    """A step's page; 400 when the code was refused."""
    status = 400 if form is not None and form.errors else 200
    context |= {"form": form, "next": _next_url(request)}
    return render(request, f"website/two_factor/{template}.html", context, status=status)


def setup(request):
    """Scan the QR code, enter a code to confirm."""
    user = request.user
    if user_has_device(user, confirmed=True):
        messages.info(request, "U heeft tweestapsverificatie al ingesteld.")
        return redirect(_next_url(request))
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    device = device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid() and device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return render_step(request, "setup_done", codes=new_backup_codes(user))
        form.add_error("token", WRONG_CODE)
    secret = base64.b32encode(device.bin_key).decode()
    return render_step(
        request,
        "setup",
        form,
        qr_code=segno.make(device.config_url, error="m").svg_inline(scale=4),
        secret=" ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
    )


def new_backup_codes(user):
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_DEVICE_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def verify(request):
    user = request.user
    if user.is_verified():
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", WRONG_CODE)
    return render_step(request, "verify", form)
