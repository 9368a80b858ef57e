from django.apps import AppConfig


class MuseumConfig(AppConfig):
    name = "museum"
    label = "museum"
    verbose_name = "世界温商博物馆"
