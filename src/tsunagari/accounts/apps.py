from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tsunagari.accounts"
    verbose_name = "スタッフのアカウント"
    default_auto_field = "django.db.models.BigAutoField"
