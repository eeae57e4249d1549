from django.urls import path, re_path

from . import views

app_name = "api"

urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("<slug:name>.csv", views.listing_csv, name="csv"),
    path("<slug:name>/", views.listing, name="list"),
    # Without the slash too: clients of an API seldom follow a redirect for it.
    path("<slug:name>", views.listing),
    # Anything else under the API answers in JSON too.
    re_path(r"^.*$", views.api_view(views.not_found)),
]
