"""``tsunagari reindex``: rebuild the search index from the directory."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.translation import gettext as _

from tsunagari.search.index import index_rebuild


class Command(BaseCommand):
    help = "検索の索引を作り直します (rebuild the search index from the directory)."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            count = index_rebuild()
        seconds = time.perf_counter() - started
        self.stdout.write(
            _("索引を作り直しました: %(count)d 件 (%(seconds).1f 秒)")
            % {"count": count, "seconds": seconds}
        )
