from django.urls import path

from . import views

app_name = "manifest"

urlpatterns = [
    path("initiatieven/", views.initiative_list, name="initiative_list"),
    path("initiatieven/<slug:slug>/", views.initiative_detail, name="initiative_detail"),
]
