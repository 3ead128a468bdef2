"""Background tasks, run by `tsunagari worker` (the django-tasks-db worker)."""

from __future__ import annotations

from django_tasks import task

from .services import reminders_send


@task()
def send_stale_reminders() -> dict[str, int]:
    """Remind organisations about their stale listings (see services.reminders_send).
    Returns the counts, which the task result keeps."""
    run = reminders_send()
    return {
        "sent": run.sent,
        "skipped_recent": run.skipped_recent,
        "without_recipient": run.without_recipient,
    }
