from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tsunagari.accounts"
    verbose_name = "スタッフのアカウント"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from axes.signals import user_locked_out
        from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

        from . import signals

        user_logged_in.connect(signals.on_logged_in, dispatch_uid="tsunagari_account_login")
        user_logged_out.connect(signals.on_logged_out, dispatch_uid="tsunagari_account_logout")
        user_login_failed.connect(
            signals.on_login_failed, dispatch_uid="tsunagari_account_login_failed"
        )
        user_locked_out.connect(signals.on_locked_out, dispatch_uid="tsunagari_account_lockout")
