from django.urls import path

from . import views

app_name = "artifact_import"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.report, name="report"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("export/<int:pk>.<str:file_format>", views.export, name="export"),
]
