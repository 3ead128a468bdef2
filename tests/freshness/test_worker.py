"""`tsunagari worker --once` runs queued tasks through the django-tasks-db backend, the
daily reminder run included. The worker checks connections between tasks as a real
process does, so these tests commit (transaction=True) instead of running in a rolled
back transaction."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.freshness.conftest import make_stale
from tsunagari.freshness.management.commands.worker import queue_reminders
from tsunagari.freshness.models import Reminder
from tsunagari.freshness.tasks import send_stale_reminders

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_queues_the_reminders_and_runs_them(world) -> None:
    make_stale(world.service_a)
    call_command("worker", "--once", verbosity=0)
    result = DBTaskResult.objects.get(task_path=send_stale_reminders.module_path)
    assert result.status == "SUCCESSFUL"
    assert result.return_value == {"sent": 1, "skipped_recent": 0, "without_recipient": 0}
    assert [m.to for m in mail.outbox] == [["owner_a@example.jp"]]
    assert Reminder.objects.get().organization == world.org_a


def test_a_task_queued_elsewhere_is_run_by_the_worker(world) -> None:
    make_stale(world.service_b)
    send_stale_reminders.enqueue()
    assert mail.outbox == []  # queued, not run
    call_command("worker", "--once", "--no-reminders", verbosity=0)
    assert [m.to for m in mail.outbox] == [["editor_b@example.jp"]]
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_reminders_are_queued_once_while_waiting(world) -> None:
    assert queue_reminders() is True
    assert queue_reminders() is False
    assert DBTaskResult.objects.ready().count() == 1
