from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("volgen/", views.subscribe, name="subscribe"),
    path("verstuurd/", views.subscribed, name="subscribed"),
    path("bevestigen/<str:token>/", views.confirm, name="confirm"),
    path("afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("beheren/<str:token>/", views.manage, name="manage"),
    path("mijn-meldingen/", views.request_link, name="request_link"),
]
