from django.apps import AppConfig


class FreshnessConfig(AppConfig):
    name = "tsunagari.freshness"
    verbose_name = "情報の鮮度"
    default_auto_field = "django.db.models.BigAutoField"
