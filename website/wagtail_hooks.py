from django.urls import path
from wagtail import hooks

from . import two_factor


@hooks.register("register_admin_urls")
def two_factor_urls():
    return [
        path("2fa/instellen/", two_factor.setup, name="two_factor_setup"),
        path("2fa/controleren/", two_factor.verify, name="two_factor_verify"),
    ]
