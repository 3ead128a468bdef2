from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tsunagari.core"
    label = "core"
