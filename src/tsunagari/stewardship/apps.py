from django.apps import AppConfig


class StewardshipConfig(AppConfig):
    name = "tsunagari.stewardship"
    verbose_name = "掲載情報の管理"
    default_auto_field = "django.db.models.BigAutoField"
