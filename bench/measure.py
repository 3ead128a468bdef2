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
    started = time.perf_counter()
    call_command(*sys.argv[1:])
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    print(json.dumps({"seconds": round(seconds, 3), "peak_mib": round(peak_kib / 1024, 1)}))


if __name__ == "__main__":
    main()
