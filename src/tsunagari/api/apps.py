from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tsunagari.api"
    label = "api"
    verbose_name = "API"
