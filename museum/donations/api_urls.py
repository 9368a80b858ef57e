"""The endpoint the static donation page posts to, mounted at /api/donations/."""

from django.urls import path

from . import views

app_name = "donations_api"

urlpatterns = [path("", views.submit, name="submit")]
