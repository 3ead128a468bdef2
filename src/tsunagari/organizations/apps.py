from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "tsunagari.organizations"
    verbose_name = "団体と役割"
    default_auto_field = "django.db.models.BigAutoField"
