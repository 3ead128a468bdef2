from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tsunagari.audit"
    label = "audit"
    verbose_name = "監査記録 / Audit"
