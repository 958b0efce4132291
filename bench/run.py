"""Run the benchmarks in bench/scenarios.py against a production-like Campus.

Builds a fresh PostgreSQL database, starts gunicorn on loopback with
bench.settings (production settings plus the ceiling view), checks that every
scenario gives its expected answer, loads the ceiling and then each scenario
with wrk, and prints requests/s, p50/p95, each scenario's ratio to the ceiling
and the SQL queries one of its requests runs. The figures
also go to bench/results/latest.json. Knobs are environment variables; see
bench/README.md.
"""

import dataclasses
import http.client
import json
import os
import platform
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))

from bench.scenarios import SCENARIOS, SETUP, Scenario, path_values  # noqa: E402

HOST = "127.0.0.1"  # the load never leaves this machine
CEILING = Scenario("ceiling (Campus's stack)", "/bench/ceiling/")
# served by a second gunicorn: Django with no middleware and no apps
BARE = Scenario("bare Django (no middleware)", "/bench/bare/")
# the plain view of the middleware table: every middleware, no database
FLOOR = Scenario("robots.txt (anonymous)", "/robots.txt")
# what cannot run with a middleware left out, left out with it
MIDDLEWARE_NEEDS = {
    "django.contrib.sessions.middleware.SessionMiddleware": (
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "lms.core.lazy_messages.LazyMessageMiddleware",
        "lms.accounts.middleware.AccountGateMiddleware",
    ),
    "django.contrib.auth.middleware.AuthenticationMiddleware": (
        "lms.accounts.middleware.AccountGateMiddleware",
    ),
}
# what the site refuses to start without (allauth checks it is installed)
MIDDLEWARE_REQUIRED = frozenset(("allauth.account.middleware.AccountMiddleware",))
RESULTS = BENCH_DIR / "results" / "latest.json"
# not sent: the per-login Cookie headers that scenario_headers hands to a script
LOGIN_COOKIES = "X-Bench-Login-Cookies"


class BenchError(Exception):
    """Something the run cannot go on without; the message says what."""


def knob(name: str, default: str) -> str:
    return os.environ.get(name) or default


def config() -> dict:
    return {
        "duration_s": int(knob("BENCH_DURATION", "10")),
        "ceiling_s": int(knob("BENCH_CEILING_DURATION", "5")),
        "warmup_s": int(knob("BENCH_WARMUP", "2")),
        "rounds": int(knob("BENCH_ROUNDS", "5")),
        "threads": int(knob("BENCH_THREADS", "2")),
        "connections": int(knob("BENCH_CONNECTIONS", "16")),
        "workers": int(knob("BENCH_WORKERS", "2")),
        "database": knob("BENCH_DB", "campus_bench"),
        "pg_host": knob("BENCH_PGHOST", "127.0.0.1"),
        "pg_port": knob("BENCH_PGPORT", "5432"),
        "pg_user": knob("BENCH_PGUSER", "postgres"),
        "cache_url": knob("BENCH_CACHE_URL", "redis://127.0.0.1:6379/2"),
        "reuse_db": knob("BENCH_REUSE_DB", "0") == "1",
        "only": knob("BENCH_ONLY", ""),
        "middleware": knob("BENCH_MIDDLEWARE", "0") == "1",
    }


def server_environment(cfg: dict, static_root: str) -> dict[str, str]:
    """The environment of every Django process of the run, gunicorn included."""
    database_url = (
        f"postgres://{cfg['pg_user']}@{cfg['pg_host']}:{cfg['pg_port']}"
        f"/{cfg['database']}"
    )
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY")
        or secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": HOST,
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        # production requires it; absolute links name the bench's own host
        "SITE_URL": os.environ.get("SITE_URL") or f"http://{HOST}",
        "DATABASE_URL": database_url,
        "CACHE_URL": cfg["cache_url"],
        "BENCH_STATIC_ROOT": static_root,
        "PYTHONPATH": os.pathsep.join(
            filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
        ),
    }


def step(message: str) -> None:
    print(f"bench: {message}", flush=True)


def run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BenchError(
            f"{' '.join(command)} failed ({result.returncode}):\n"
            f"{result.stdout[-3000:]}{result.stderr[-3000:]}"
        )


def database_create(cfg: dict, env: dict[str, str]) -> None:
    """Drop and create the bench database: every run starts from the same data."""
    name = cfg["database"]
    if not name.replace("_", "").isalnum():
        raise BenchError(f"BENCH_DB must be a plain identifier, not {name!r}")
    psql = [
        "psql",
        "-h",
        cfg["pg_host"],
        "-p",
        cfg["pg_port"],
        "-U",
        cfg["pg_user"],
        "-d",
        "postgres",
        "-v",
        "ON_ERROR_STOP=1",
        "-q",
    ]
    run([*psql, "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'], env)
    run([*psql, "-c", f'CREATE DATABASE "{name}"'], env)


def django_prepare(
    env: dict[str, str], scenarios: list[Scenario]
) -> tuple[list[Scenario], dict[str, dict[str, str]], dict[str, int]]:
    """Clear the cache, fill in the paths, sign in the users, count the queries.

    Returns the scenarios with their `{placeholders}` filled in, the request
    headers of each (by name) and the SQL queries one request of each runs.
    The sessions are written to the bench database, which gunicorn reads,
    exactly as a login over HTTP would.
    """
    os.environ.update(env)
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connections

    # the bench owns its Redis database; stale entries would point at old rows
    cache.clear()
    if any(
        "{" in f"{s.path}{s.expect_location or ''}{''.join(s.script_args)}"
        for s in scenarios
    ):
        values = path_values()
        scenarios = [
            dataclasses.replace(
                scenario,
                path=scenario.path.format(**values),
                expect_location=scenario.expect_location
                and scenario.expect_location.format(**values),
                script_args=tuple(arg.format(**values) for arg in scenario.script_args),
            )
            for scenario in scenarios
        ]
    headers = {scenario.name: scenario_headers(scenario) for scenario in scenarios}
    queries = {scenario.name: query_count(scenario) for scenario in scenarios}
    cache.clear()  # what counting the queries cached would spoil the checks
    connections.close_all()
    return scenarios, headers, queries


def _client(login: str | None):
    """Django's test client, as `login` if given, asking for the bench host."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    client = Client(HTTP_HOST=HOST)
    if login:
        user = get_user_model().objects.filter(email=login).first()
        if user is None:
            raise BenchError(f"no demo user {login!r}; is it created by SETUP?")
        client.force_login(
            user, backend="allauth.account.auth_backends.AuthenticationBackend"
        )
    return client


def scenario_headers(scenario: Scenario) -> dict[str, str]:
    """The session cookie of the scenario's user, and a CSRF token for a POST."""
    from django.conf import settings
    from django.http import HttpRequest
    from django.middleware.csrf import get_token

    cookies, headers = [], {}
    if scenario.login:
        session = _client(scenario.login).cookies[settings.SESSION_COOKIE_NAME]
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session.value}")
    csrf = ""
    if scenario.method != "GET":
        request = HttpRequest()
        headers["X-CSRFToken"] = get_token(request)  # masked: what a form sends
        csrf = f"{settings.CSRF_COOKIE_NAME}={request.META['CSRF_COOKIE']}"
        cookies.append(csrf)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if scenario.logins:
        # one Cookie header per login, for the script; the first one checks
        per_login = []
        for login in scenario.logins:
            session = _client(login).cookies[settings.SESSION_COOKIE_NAME]
            per_login.append(
                "; ".join(
                    filter(
                        None, [f"{settings.SESSION_COOKIE_NAME}={session.value}", csrf]
                    )
                )
            )
        headers[LOGIN_COOKIES] = "|".join(per_login)
        cookies = [per_login[0]]
    if cookies:
        headers["Cookie"] = "; ".join(cookies)
    return headers


def query_count(scenario: Scenario) -> int:
    """SQL queries of one request, after a first one has warmed what it warms."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(scenario.login or (scenario.logins or (None,))[0])
    for attempt in range(2):
        path = scenario.path
        if scenario.unique_query:
            path += f"{'&' if '?' in path else '?'}_=queries-{attempt}"
        with CaptureQueriesContext(connection) as captured:
            response = client.generic(scenario.method, path)
        if response.status_code != scenario.expect_status:
            raise BenchError(
                f"{scenario.name}: {scenario.method} {path} answered "
                f"{response.status_code} to Django's test client, "
                f"not {scenario.expect_status}"
            )
    return len(captured)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def fetch(
    port: int,
    path: str,
    headers: dict[str, str] | None = None,
    method: str = "GET",
) -> tuple[int, dict, bytes]:
    """One request without following redirects: a 302 to the login page shows."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        body = b"" if method != "GET" else None
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def server_wait(
    server: subprocess.Popen, port: int, log: Path, path: str = CEILING.path
) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited ({server.returncode}):\n{tail(log)}")
        try:
            status, _, _ = fetch(port, path)
        except OSError:
            time.sleep(0.2)
            continue
        if status == 200:
            return
        raise BenchError(f"{path} answered {status}:\n{tail(log)}")
    raise BenchError(f"gunicorn did not answer within 60 s:\n{tail(log)}")


def server_stop(server: subprocess.Popen) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # gunicorn's graceful shutdown stops its workers
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def tail(log: Path, lines: int = 40) -> str:
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no gunicorn log)"


def check(port: int, scenario: Scenario, headers: dict[str, str], log: Path) -> None:
    """The scenario's expected answer, twice; the second from the cache or not."""
    for attempt in range(2):
        path = scenario.path
        if scenario.unique_query:
            path += f"{'&' if '?' in path else '?'}_=check-{attempt}"
        sent = {k: v for k, v in headers.items() if k != LOGIN_COOKIES}
        status, answer, body = fetch(port, path, sent, scenario.method)
        where = answer.get("Location", "")
        if status != scenario.expect_status or (
            scenario.expect_location
            and urlsplit(where).path != scenario.expect_location
        ):
            expected = f"{scenario.expect_status} {scenario.expect_location or ''}"
            raise BenchError(
                f"{scenario.name}: {scenario.method} {path} answered {status} "
                f"{where}, not {expected.strip()}; it is not loaded.\n"
                f"{body[:500]!r}\n{tail(log)}"
            )
    hit = answer.get("X-Campus-Cache") == "hit"
    if scenario.cached is not None and hit != scenario.cached:
        raise BenchError(
            f"{scenario.name}: the second request was "
            f"{'' if hit else 'not '}answered from the page cache"
        )


def settle(port: int, path: str = CEILING.path) -> None:
    """Wait until the requests wrk left queued in gunicorn's backlog are served.

    wrk hangs up when its time is up, but the workers still answer what was
    queued; without this the next slice would pay for the previous one.
    """
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        start = time.monotonic()
        fetch(port, path)
        if time.monotonic() - start < 0.05:
            return


def wrk(
    cfg: dict, port: int, scenario: Scenario, headers: dict[str, str], seconds: int
) -> dict:
    threads, connections = cfg["threads"], cfg["connections"]
    if scenario.connections:
        connections = scenario.connections
        threads = min(threads, connections)
    if scenario.logins:  # one thread and one connection per signed-in user
        threads = connections = len(scenario.logins)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(BENCH_DIR / scenario.script),
    ]
    for header, value in headers.items():
        if header not in {LOGIN_COOKIES, "Cookie"} or not scenario.logins:
            command += ["-H", f"{header}: {value}"]
    command.append(f"http://{HOST}:{port}{scenario.path}")
    # arguments of bench/latency.lua; a fresh prefix per run of wrk keeps the
    # unique queries of one slice from hitting what an earlier slice cached
    command += ["--", f"method={scenario.method}", *scenario.script_args]
    if scenario.logins:
        command.append(f"cookies={headers[LOGIN_COOKIES]}")
    if scenario.unique_query:
        command.append(f"unique={secrets.token_hex(4)}")
    result = subprocess.run(command, capture_output=True, text=True)
    settle(port, BARE.path if scenario is BARE else CEILING.path)
    for line in result.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line.removeprefix("BENCH_RESULT "))
    raise BenchError(f"wrk gave no result:\n{result.stdout}{result.stderr}")


def checked(scenario: Scenario, figures: dict) -> dict:
    errors = figures["errors"]
    if errors["status"]:
        raise BenchError(
            f"{scenario.name}: {errors['status']} of {figures['requests']} "
            "responses under load were not 2xx/3xx"
        )
    if any(errors.values()):
        step(f"warning: {scenario.name}: socket errors under load: {errors}")
    return figures


def combined(scenario: Scenario, slices: list[dict]) -> dict:
    """One figure from several slices of load.

    Requests/s is over all of them; a percentile is the median of the slices'
    percentiles, since wrk's histograms cannot be merged after the fact.
    """
    requests = sum(part["requests"] for part in slices)
    seconds = sum(part["seconds"] for part in slices)
    if not requests:
        raise BenchError(
            f"{scenario.name}: no request finished in {seconds:.0f} s of load; "
            "give it a longer duration_s in bench/scenarios.py"
        )
    figures = {
        "name": scenario.name,
        "path": scenario.path,
        "login": scenario.login,
        "method": scenario.method,
        "unique_query": scenario.unique_query,
        "requests": requests,
        "seconds": round(seconds, 3),
        "rps": round(requests / seconds, 2),
        "mean_ms": round(
            sum(part["mean_ms"] * part["requests"] for part in slices) / requests, 3
        ),
        "max_ms": max(part["max_ms"] for part in slices),
    }
    for key in ("p50_ms", "p95_ms", "p99_ms"):
        figures[key] = statistics.median(part[key] for part in slices)
    figures["errors"] = {
        kind: sum(part["errors"][kind] for part in slices)
        for kind in slices[0]["errors"]
    }
    figures["slices"] = [part["rps"] for part in slices]
    if "submissions" in slices[0]:  # a script that counts what it got done
        figures["submissions"] = sum(part["submissions"] for part in slices)
        figures["refused"] = sum(part["refused"] for part in slices)
        figures["submissions_per_s"] = round(figures["submissions"] / seconds, 2)
    return figures


def load_beside_ceiling(
    cfg: dict, ports: dict[str, int], scenario: Scenario, headers: dict[str, str]
) -> dict:
    """Load the scenario and both ceilings in alternating slices; ratio them.

    Interleaving, rather than one ceiling per run, keeps the ratio honest on a
    machine whose other load comes and goes: all three see the same weather.
    `ports["campus"]` serves Campus (and its ceiling view), `ports["bare"]`
    the bare Django of bench/bare_settings.py.
    """
    port, bare_port = ports["campus"], ports["bare"]
    if cfg["warmup_s"]:  # unrecorded: templates, connections, caches
        wrk(cfg, port, scenario, headers, cfg["warmup_s"])
    rounds = cfg["rounds"]
    page_slice = max(1, round((scenario.duration_s or cfg["duration_s"]) / rounds))
    ceiling_slice = max(1, round(cfg["ceiling_s"] / rounds))
    pages, ceilings, bares = [], [], []
    for _ in range(rounds):
        bares.append(checked(BARE, wrk(cfg, bare_port, BARE, {}, ceiling_slice)))
        ceilings.append(checked(CEILING, wrk(cfg, port, CEILING, {}, ceiling_slice)))
        pages.append(checked(scenario, wrk(cfg, port, scenario, headers, page_slice)))
    row = combined(scenario, pages)
    row["ceiling"] = combined(CEILING, ceilings)
    row["ceiling_rps"] = row["ceiling"]["rps"]
    row["ratio"] = round(row["rps"] / row["ceiling_rps"], 4)
    row["bare"] = combined(BARE, bares)
    row["bare_rps"] = row["bare"]["rps"]
    row["ratio_bare"] = round(row["rps"] / row["bare_rps"], 4)
    return row


def ceiling_summary(rows: list[dict]) -> list[dict]:
    """The two ceiling rows of the table: their slices across the whole run."""
    bare = combined(BARE, [row["bare"] for row in rows])
    ceiling = combined(CEILING, [row["ceiling"] for row in rows])
    ceiling["ratio"] = 1.0
    ceiling["ratio_bare"] = round(ceiling["rps"] / bare["rps"], 4)
    bare["ratio"] = round(bare["rps"] / ceiling["rps"], 4)
    bare["ratio_bare"] = 1.0
    for summary in (bare, ceiling):
        del summary["slices"]
    return [bare, ceiling]


def table(ceilings: list[dict], rows: list[dict]) -> str:
    """Scenario, req/s, p50, p95, req/s over each ceiling beside it, queries."""
    width = max(len(row["name"]) for row in [*ceilings, *rows])
    lines = [
        f"{'scenario':<{width}}  {'req/s':>8}  {'p50 ms':>8}  {'p95 ms':>8}  "
        f"{'ratio':>6}  {'÷ bare':>6}  {'ceiling req/s':>13}  {'bare req/s':>10}  "
        f"{'queries':>7}"
    ]
    for row in [*ceilings, *rows]:
        beside = f"{row['ceiling_rps']:>13.1f}" if "ceiling_rps" in row else ""
        bare = f"{row['bare_rps']:>10.1f}" if "bare_rps" in row else ""
        queries = f"{row['queries']:>7}" if "queries" in row else ""
        lines.append(
            f"{row['name']:<{width}}  {row['rps']:>8.1f}  {row['p50_ms']:>8.1f}  "
            f"{row['p95_ms']:>8.1f}  {row['ratio']:>6.3f}  {row['ratio_bare']:>6.3f}  "
            f"{beside:>13}  {bare:>10}  {queries}".rstrip()
        )
    return "\n".join(lines)


def gunicorn_start(
    cfg: dict, env: dict[str, str], log: Path, app: str = "lms.wsgi:application"
) -> tuple[subprocess.Popen, int]:
    """A gunicorn of `cfg["workers"]` sync workers on a free loopback port."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(cfg["workers"]),
            "--error-logfile",
            str(log),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return server, port


def middleware_left_out(stack: list[str], name: str) -> list[str]:
    """`name` and what cannot run without it, in the stack's order."""
    needs = {name, *MIDDLEWARE_NEEDS.get(name, ())}
    return [entry for entry in stack if entry in needs]


def middleware_table(
    cfg: dict, env: dict[str, str], scratch: Path, ports: dict[str, int]
) -> list[dict]:
    """/robots.txt with the stack cut one middleware at a time, side by side.

    For each middleware, a third gunicorn serves Campus without it (and
    without what needs it: MIDDLEWARE_NEEDS); /robots.txt is loaded there, on
    the whole stack and on the bare Django in alternating slices. The share
    is the part of the whole stack's request that the middleware costs:
    1 - (req/s with it) / (req/s without it). The last row leaves out all of
    them but the ones the site cannot start without (MIDDLEWARE_REQUIRED):
    about what the view itself costs over the bare one.
    """
    from django.conf import settings

    stack = list(settings.MIDDLEWARE)
    optional = [name for name in stack if name not in MIDDLEWARE_REQUIRED]
    cuts = [middleware_left_out(stack, name) for name in optional] + [optional]
    slice_s = max(1, round(cfg["ceiling_s"] / cfg["rounds"]))
    rows = []
    for without in cuts:
        log = scratch / "gunicorn-cut.log"
        cut_env = env | {"BENCH_MIDDLEWARE_WITHOUT": ",".join(without)}
        server, port = gunicorn_start(cfg, cut_env, log)
        try:
            server_wait(server, port, log, FLOOR.path)
            check(port, FLOOR, {}, log)
            wrk(cfg, port, FLOOR, {}, cfg["warmup_s"] or 1)
            bares, wholes, cut = [], [], []
            for _ in range(cfg["rounds"]):
                bares.append(wrk(cfg, ports["bare"], BARE, {}, slice_s))
                wholes.append(wrk(cfg, ports["campus"], FLOOR, {}, slice_s))
                cut.append(checked(FLOOR, wrk(cfg, port, FLOOR, {}, slice_s)))
        finally:
            server_stop(server)
        bare, whole, rest = (
            combined(BARE, bares)["rps"],
            combined(FLOOR, wholes)["rps"],
            combined(FLOOR, cut)["rps"],
        )
        row = {
            "left_out": without,
            "name": "all but what is required"
            if without == optional
            else " + ".join(entry.rsplit(".", 1)[-1] for entry in without),
            "bare_rps": bare,
            "whole_rps": whole,
            "cut_rps": rest,
            "whole_ratio_bare": round(whole / bare, 4),
            "cut_ratio_bare": round(rest / bare, 4),
            "share": round(1 - whole / rest, 4),
        }
        rows.append(row)
        step(
            f"without {row['name']}: /robots.txt at {row['cut_ratio_bare']:.3f} "
            f"of bare (whole stack {row['whole_ratio_bare']:.3f}), "
            f"share {row['share']:+.1%}"
        )
    return rows


def middleware_text(rows: list[dict]) -> str:
    width = max(len(row["name"]) for row in rows)
    lines = [
        f"{'left out':<{width}}  {'÷ bare':>7}  {'whole ÷ bare':>12}  {'share':>7}"
    ]
    for row in rows:
        lines.append(
            f"{row['name']:<{width}}  {row['cut_ratio_bare']:>7.3f}  "
            f"{row['whole_ratio_bare']:>12.3f}  {row['share']:>+7.1%}"
        )
    return "\n".join(lines)


def versions() -> dict:
    wrk_version = subprocess.run(["wrk", "--version"], capture_output=True, text=True)
    import django
    import wagtail

    return {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "wrk": (wrk_version.stdout or wrk_version.stderr).split(" Copyright")[0],
    }


def bench() -> dict:
    cfg = config()
    scenarios = [
        s for s in SCENARIOS if any(part in s.name for part in cfg["only"].split("|"))
    ]
    if not scenarios:
        raise BenchError(f"no scenario name contains BENCH_ONLY={cfg['only']!r}")
    if cfg["threads"] > cfg["connections"]:
        raise BenchError("BENCH_THREADS cannot exceed BENCH_CONNECTIONS")
    with tempfile.TemporaryDirectory(prefix="campus-bench-") as scratch:
        static_root = str(Path(scratch) / "static")
        log = Path(scratch) / "gunicorn.log"
        env = server_environment(cfg, static_root)
        manage = [sys.executable, "manage.py"]
        if cfg["reuse_db"]:
            step(f"reusing database {cfg['database']} (BENCH_REUSE_DB=1)")
        else:
            step(f"creating database {cfg['database']} and its data")
            database_create(cfg, env)
            for command in SETUP:
                run([*manage, *command], env)
        step("collecting static files")
        run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env)
        scenarios, headers, queries = django_prepare(env, scenarios)

        server, port = gunicorn_start(cfg, env, log)
        step(f"started gunicorn ({cfg['workers']} workers) on {HOST}:{port}")
        bare_log = Path(scratch) / "gunicorn-bare.log"
        bare_env = env | {"DJANGO_SETTINGS_MODULE": "bench.bare_settings"}
        bare_server, bare_port = gunicorn_start(cfg, bare_env, bare_log)
        step(f"started the bare Django's gunicorn on {HOST}:{bare_port}")
        ports = {"campus": port, "bare": bare_port}
        middleware_rows = []
        try:
            server_wait(server, port, log)
            server_wait(bare_server, bare_port, bare_log, BARE.path)
            for scenario in scenarios:
                check(port, scenario, headers[scenario.name], log)
            step(
                f"loading each page for {cfg['duration_s']} s and the ceiling for "
                f"{cfg['ceiling_s']} s in {cfg['rounds']} alternating rounds, "
                f"after {cfg['warmup_s']} s of warm-up: "
                f"wrk -t{cfg['threads']} -c{cfg['connections']}"
            )
            if cfg["warmup_s"]:
                wrk(cfg, port, CEILING, {}, cfg["warmup_s"])
                wrk(cfg, bare_port, BARE, {}, cfg["warmup_s"])
            rows = []
            for scenario in scenarios:
                row = load_beside_ceiling(cfg, ports, scenario, headers[scenario.name])
                row["queries"] = queries[scenario.name]
                rows.append(row)
                step(
                    f"{scenario.name}: {row['rps']:.1f} req/s, "
                    f"ratio {row['ratio']:.3f} ({row['ratio_bare']:.3f} of bare), "
                    f"{row['queries']} queries"
                    + (
                        f", {row['submissions_per_s']:.1f} submissions/s "
                        f"({row['refused']} refused)"
                        if "submissions_per_s" in row
                        else ""
                    )
                )
            if cfg["middleware"]:
                step("the middleware table: /robots.txt with each one left out")
                middleware_rows = middleware_table(cfg, env, Path(scratch), ports)
        finally:
            server_stop(server)
            server_stop(bare_server)
            from django.core.cache import cache

            cache.clear()  # what the uncached scenarios stored, until it expires
    bare, ceiling = ceiling_summary(rows)
    print()
    print(table([bare, ceiling], rows))
    if middleware_rows:
        print()
        print(middleware_text(middleware_rows))
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": versions(),
        "config": {k: v for k, v in cfg.items() if k not in {"reuse_db", "only"}},
        "bare": bare,
        "ceiling": ceiling,
        "scenarios": rows,
        "middleware": middleware_rows,
    }


def main() -> int:
    # SIGTERM and SIGHUP unwind like Ctrl-C, so that gunicorn is always stopped
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.default_int_handler)
    try:
        results = bench()
    except BenchError as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nbench: figures written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
