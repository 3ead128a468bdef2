"""Over-HTTP timings for bench/search.py: the same queries through the public API and the
search page, and the navigator in-process and through ``POST /api/v1/navigator``.

The server is gunicorn (2 workers of 2 threads for the 2 cores; production settings, DEBUG
off) on a free local port, against the benchmark's database, as a deployment would run
it. Requests use one keep-alive connection, as a browser would. (Django's runserver is
not used: it adds about 40 ms a request on Linux, Nagle's algorithm meeting delayed
acknowledgements, which says nothing about the application.)"""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]

NAVIGATOR_TEXTS = [
    "夜眠れなくて誰とも話せない",
    "子育てがつらくて、話を聞いてほしい",
    "仕事をなくしてお金がない",
    "親の介護で疲れた",
    "学校に行けない",
    "ひとりでさみしい",
    "どこか行ける場所がほしい",
    "死にたい",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(data_dir: Path) -> Iterator[int]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"TSUNAGARI_DEBUG"}}
    env.update(
        TSUNAGARI_DATA_DIR=str(data_dir),
        TSUNAGARI_SECRET_KEY="benchmark-only",
        TSUNAGARI_ALLOWED_HOSTS="127.0.0.1",
        TSUNAGARI_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT / "src"),
    )
    # Production settings serve hashed static files: collect them as a deployment would.
    subprocess.run(
        [sys.executable, "-m", "tsunagari", "collectstatic", "--noinput", "-v0"],
        env=env,
        check=True,
    )
    process = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "tsunagari.wsgi:application",
            "--workers=2",
            "--threads=2",
            "--worker-class=gthread",
            f"--bind=127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


def _words_and_tags(query: Any, *, text: str, attribute: str) -> list[tuple[str, str]]:
    """The query's words and tag filters under the parameter names of the API or page."""
    params = [(text, query.text)] if query.text else []
    for key, codes in (
        ("need", query.needs),
        ("audience", query.audiences),
        ("channel", query.channels),
        (attribute, query.attributes),
    ):
        params.extend((key, code) for code in codes)
    return params


def api_path(query: Any) -> str:
    params = [("per_page", "20"), *_words_and_tags(query, text="search", attribute="attribute")]
    if query.near:
        radius = f",{int(query.radius_km * 1000)}" if query.radius_km else ""
        params.append(("proximity", f"{query.near[0]},{query.near[1]}{radius}"))
    if query.open_at:
        params.append(("open_at", query.open_at.isoformat()))
    return "/api/v1/services?" + urlencode(params)


def page_path(query: Any) -> str:
    params = _words_and_tags(query, text="q", attribute="attr")
    if query.near:
        params += [("lat", f"{query.near[0]:.2f}"), ("lon", f"{query.near[1]:.2f}"), ("km", "10")]
    return "/?" + urlencode(params)


def _timed(port: int, requests: list[tuple[str, str, str | None]]) -> list[float]:
    """Milliseconds of each (method, path, JSON body) over one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"}
    found = []
    for method, path, body in requests:
        started = time.perf_counter()
        connection.request(method, path, body, headers=headers if body else {})
        response = connection.getresponse()
        response.read()
        found.append((time.perf_counter() - started) * 1000)
        if response.status != 200:
            raise SystemExit(f"{method} {path} answered {response.status}")
    connection.close()
    return found


def timed_gets(port: int, paths: list[str]) -> list[float]:
    return _timed(port, [("GET", path, None) for path in paths])


def timed_posts(port: int, path: str, bodies: list[dict[str, Any]]) -> list[float]:
    return _timed(port, [("POST", path, json.dumps(body)) for body in bodies])


def navigator_bodies(count: int) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for n in range(count):
        body: dict[str, Any] = {"text": NAVIGATOR_TEXTS[n % len(NAVIGATOR_TEXTS)]}
        if n % 2:
            body["how"] = ["phone"]
            body["when"] = ["night"]
        if n % 3 == 0:
            body["avoid_local"] = True
        found.append(body)
    return found


def advise_in_process(body: dict[str, Any]) -> Any:
    from tsunagari.navigator.advice import Answers, advise

    return advise(Answers(**body), record=False)


def report(
    data_dir: Path,
    batch: list[Any],
    show: Callable[[str, dict[str, list[float]]], None],
) -> None:
    """Time the batch over HTTP (API and page) and the navigator both ways."""
    from django.db import connections

    bodies = navigator_bodies(len(batch))
    in_process = []
    for body in bodies[:5]:
        advise_in_process(body)  # warm
    for body in bodies:
        started = time.perf_counter()
        advise_in_process(body)
        in_process.append((time.perf_counter() - started) * 1000)
    connections.close_all()  # the server process gets the database to itself
    with server(data_dir) as port:
        api = [api_path(q) for q in batch]
        page = [page_path(q) for q in batch]
        timed_gets(port, api[:10] + page[:10])  # warm the server
        show(
            "over HTTP (text + filter + 10 km)",
            {"api": timed_gets(port, api), "page": timed_gets(port, page)},
        )
        show(
            "navigator (free text and answers)",
            {
                "advise": in_process,
                "api-post": timed_posts(port, "/api/v1/navigator", bodies),
            },
        )
