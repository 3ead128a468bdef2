from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from tsunagari.directory.inference import infer_services


class Command(BaseCommand):
    help = (
        "Recompute the inferred taxonomy terms of every service from the rules in "
        "data/inference_rules.csv (idempotent; terms given by the source are kept)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        with transaction.atomic():
            stats = infer_services()
        self.stdout.write(
            f"推定した分類 / inferred terms: サービス {stats.services} 件、"
            f"追加 {stats.created}、更新 {stats.updated}、削除 {stats.deleted}"
        )
