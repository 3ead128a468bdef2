"""Run one tsunagari command in this process and print its wall time and peak memory
as JSON on the last line: ``python bench/measure.py import FILE``."""

from __future__ import annotations

import json
import os
import resource
import sys
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tsunagari.settings")
    import django
    from django.core.management import call_command

    django.setup()
    started, cpu_started = time.perf_counter(), time.process_time()
    call_command(*sys.argv[1:])
    seconds = time.perf_counter() - started
    # CPU time as well: on a shared machine it varies less than wall time.
    main_cpu_seconds = time.process_time() - cpu_started
    # Children too: a large import reads its file in a child process.
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = main_cpu_seconds + children.ru_utime + children.ru_stime
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    # The largest child's peak: forked, it shares its pages with this process until
    # either writes them, so the two peaks overlap and do not simply add up.
    child_peak_kib = children.ru_maxrss
    print(
        json.dumps(
            {
                "seconds": round(seconds, 3),
                "cpu_seconds": round(cpu_seconds, 3),
                "main_cpu_seconds": round(main_cpu_seconds, 3),
                "peak_mib": round(peak_kib / 1024, 1),
                "child_peak_mib": round(child_peak_kib / 1024, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
