"""Public backend URLs, mounted under the language prefix (/donations/, /en/donations/)."""

from django.urls import path

from . import views

app_name = "donations"

urlpatterns = [
    path("thanks/", views.thanks, name="thanks"),
    path("status/", views.status, name="status"),
    path("certificate/", views.certificate, name="certificate"),
]
