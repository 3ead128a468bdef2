"""`tsunagari worker`: runs background tasks kept in the database (django-tasks-db) and
queues the stale-listing reminders once a day.

    tsunagari worker            # long-running: reminders at start, then every 24 hours
    tsunagari worker --once     # queue the reminders, run everything queued, exit (cron, tests)

Several workers may run at once: the reminder task itself never reminds an organisation
twice within TSUNAGARI_REMINDER_INTERVAL_DAYS, so a second queued run sends nothing."""

from __future__ import annotations

import datetime as dt
import time
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from tsunagari.freshness.tasks import send_stale_reminders


def queue_reminders() -> bool:
    """Queue one reminder run unless one is already waiting. True when queued."""
    waiting = DBTaskResult.objects.ready().filter(task_path=send_stale_reminders.module_path)
    if waiting.exists():
        return False
    send_stale_reminders.enqueue()
    return True


class Command(BaseCommand):
    help = "Run queued background tasks and queue the daily reminders about stale listings."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--once",
            "--batch",
            action="store_true",
            dest="once",
            help="Queue the reminders, run every queued task, then exit (for cron and tests).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=5.0,
            help="Seconds to wait between looks at the queue when it is empty (default 5).",
        )
        parser.add_argument(
            "--every-hours",
            type=float,
            default=24.0,
            help="Hours between two queued reminder runs (default 24).",
        )
        parser.add_argument(
            "--no-reminders",
            action="store_false",
            dest="reminders",
            help="Only run queued tasks; queue no reminders.",
        )

    def handle(
        self, *, once: bool, interval: float, every_hours: float, reminders: bool, **options: Any
    ) -> None:
        if interval < 0 or every_hours <= 0:
            raise CommandError("--interval must be 0 or more and --every-hours more than 0.")
        worker = Worker(
            queue_names=["*"],
            interval=0,
            batch=True,  # each run() empties the queue and returns; this loop does the waiting
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        if once:
            if reminders:
                queue_reminders()
            worker.run()
            return

        worker.configure_signals()  # a TERM or Ctrl+C lets a running task finish first
        every = dt.timedelta(hours=every_hours)
        next_reminders = timezone.now()
        while worker.running:
            close_old_connections()  # as db_worker does: no broken connection kept for long
            if reminders and timezone.now() >= next_reminders:
                queue_reminders()
                next_reminders = timezone.now() + every
            # Look first: the worker logs each start and stop, which an idle poll need not.
            if DBTaskResult.objects.ready().exists():
                worker.run()
            if worker.running:
                time.sleep(interval)
