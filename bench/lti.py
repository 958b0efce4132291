"""LTI login initiation + launch per second, as a ratio to the ceiling.

wrk cannot play an LTI platform: every launch's id_token carries the nonce
that Campus chose at login initiation, signed (RS256) by the platform. So
this runs on bench/run.py's stack (gunicorn, PostgreSQL, Redis, the same
settings and ceiling) but the load is Python threads acting as an in-process
platform, as the tests' fake does: each thread goes round

    GET  /lti/login/<registration>/?iss=…   302 to the platform's /auth (state, nonce)
    POST /lti/launch/ id_token=<signed>     the lesson (state cookie sent back)

alternating with wrk's slices on the ceiling. The figure is completed
login+launch pairs per second ÷ the ceiling's requests per second. The
signing happens on the same machine (about a millisecond a launch).

    .venv/bin/python bench/lti.py   # knobs as bench/run.py; BENCH_DB defaults
                                    # to campus_bench_lti (migrate + seed_demo)
"""

import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import (  # noqa: E402
    CEILING,
    HOST,
    ROOT,
    BenchError,
    checked,
    combined,
    config,
    database_create,
    free_port,
    run,
    server_environment,
    server_stop,
    server_wait,
    step,
    wrk,
)

ISSUER = "https://lms.partner.example"
CLIENT_ID = "campus-bench"
DEPLOYMENT = "deployment-bench"
LTI = "https://purl.imsglobal.org/spec/lti/claim/"
THREADS = int(os.environ.get("BENCH_LTI_THREADS", "8"))


def platform_register(env):
    """The platform's key, registered (JWKS given: Campus fetches nothing)."""
    os.environ.update(env)
    import django

    django.setup()
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa
    from django.core.cache import cache
    from django.db import connections

    from courses.models import LessonPage
    from lms.partners.lti.services import lti_platform_register

    cache.clear()
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = "bench-" + secrets.token_hex(3)
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    registration = lti_platform_register(
        issuer=ISSUER,
        client_id=CLIENT_ID,
        deployment_ids=[DEPLOYMENT],
        auth_url=ISSUER + "/auth",
        jwks_url=ISSUER + "/jwks",
        token_url=ISSUER + "/token",
        jwks={"keys": [{**jwk, "kid": kid, "alg": "RS256", "use": "sig"}]},
    )
    lesson = LessonPage.objects.live().order_by("pk").first()
    if lesson is None:
        raise BenchError("no live lesson: did seed_demo run?")
    connections.close_all()
    return str(registration.uuid), key, kid, lesson.pk


class Platform:
    def __init__(self, port, uuid, key, kid, lesson_pk):
        self.port, self.key, self.kid, self.lesson_pk = port, key, kid, lesson_pk
        self.login_path = f"/lti/login/{uuid}/?" + urlencode(
            {
                "iss": ISSUER,
                "login_hint": "student-bench",
                "target_link_uri": f"http://{HOST}:{port}/lti/launch/",
                "client_id": CLIENT_ID,
                "lti_deployment_id": DEPLOYMENT,
            }
        )

    def sign(self, nonce, sub):
        import jwt

        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": CLIENT_ID,
            "sub": sub,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            "name": "Bench Learner",
            LTI + "message_type": "LtiResourceLinkRequest",
            LTI + "version": "1.3.0",
            LTI + "deployment_id": DEPLOYMENT,
            LTI + "target_link_uri": f"http://{HOST}:{self.port}/lti/launch/",
            LTI + "roles": [
                "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
            ],
            LTI + "context": {"id": "bench-course", "title": "Bench"},
            LTI + "resource_link": {"id": "bench-link", "title": "Bench"},
            LTI + "custom": {"campus_page": str(self.lesson_pk)},
        }
        return jwt.encode(
            claims, self.key, algorithm="RS256", headers={"kid": self.kid}
        )

    def round_trip(self, connection, sub):
        """One login initiation and its launch; the launch's status."""
        connection.request("GET", self.login_path)
        response = connection.getresponse()
        response.read()
        if response.status != 302:
            return response.status
        query = parse_qs(urlsplit(response.getheader("Location")).query)
        cookies = "; ".join(
            value.split(";", 1)[0]
            for name, value in response.getheaders()
            if name.lower() == "set-cookie"
        )
        state, nonce = query["state"][0], query["nonce"][0]
        body = urlencode({"id_token": self.sign(nonce, sub), "state": state})
        connection.request(
            "POST",
            "/lti/launch/",
            body=body,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookies,
            },
        )
        response = connection.getresponse()
        content = response.read()
        if response.status == 200 and b'name="lti-launch" content="ok"' not in content:
            return 0
        return response.status


def lti_slice(platform, seconds):
    """THREADS platforms' browsers for `seconds`; wrk-shaped figures."""
    times, failures, lock = [], [], threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(n):
        connection = http.client.HTTPConnection(HOST, platform.port, timeout=30)
        while time.monotonic() < deadline:
            start = time.monotonic()
            status = platform.round_trip(connection, f"bench-{n}")
            took = (time.monotonic() - start) * 1000
            with lock:
                (times if status in (200, 302, 303) else failures).append(
                    took if status in (200, 302, 303) else status
                )
        connection.close()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - start
    if failures:
        raise BenchError(f"LTI launches refused under load: statuses {failures[:10]}")
    ordered = sorted(times) or [0.0]

    def pct(p):
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))]

    return {
        "requests": len(times),
        "seconds": elapsed,
        "rps": len(times) / elapsed,
        "mean_ms": statistics.fmean(ordered),
        "max_ms": ordered[-1],
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
        "errors": {"status": 0},
    }


def bench():
    cfg = config() | {"database": os.environ.get("BENCH_DB") or "campus_bench_lti"}
    with tempfile.TemporaryDirectory(prefix="campus-bench-lti-") as scratch:
        log = Path(scratch) / "gunicorn.log"
        env = server_environment(cfg, str(Path(scratch) / "static"))
        # the production settings require it (bench/run.py does not set it yet)
        env.setdefault("SITE_URL", f"http://{HOST}")
        manage = [sys.executable, "manage.py"]
        if not cfg["reuse_db"]:
            step(f"creating database {cfg['database']} (migrate, seed_demo)")
            database_create(cfg, env)
            run([*manage, "migrate", "--noinput", "--verbosity", "0"], env)
            run([*manage, "seed_demo"], env)
        run([*manage, "collectstatic", "--noinput", "--verbosity", "0"], env)
        uuid, key, kid, lesson_pk = platform_register(env)
        port = free_port()
        step(f"starting gunicorn ({cfg['workers']} workers) on {HOST}:{port}")
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "lms.wsgi:application"]
            + ["--bind", f"{HOST}:{port}", "--workers", str(cfg["workers"])]
            + ["--error-logfile", str(log), "--log-level", "warning"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            server_wait(server, port, log)
            platform = Platform(port, uuid, key, kid, lesson_pk)
            lti_slice(platform, cfg["warmup_s"] or 1)  # checks it works, too
            wrk(cfg, port, CEILING, {}, max(1, cfg["warmup_s"]))
            rounds = cfg["rounds"]
            pages, ceilings = [], []
            for _ in range(rounds):
                ceilings.append(
                    checked(
                        CEILING,
                        wrk(cfg, port, CEILING, {}, max(1, cfg["ceiling_s"] // rounds)),
                    )
                )
                pages.append(
                    lti_slice(platform, max(1, round(cfg["duration_s"] / rounds)))
                )
        finally:
            server_stop(server)
    ceiling = combined(CEILING, ceilings)
    pairs = sum(p["requests"] for p in pages) / sum(p["seconds"] for p in pages)
    p50 = statistics.median(p["p50_ms"] for p in pages)
    p95 = statistics.median(p["p95_ms"] for p in pages)
    ratio = pairs / ceiling["rps"]
    print(
        f"\nceiling {ceiling['rps']:.1f} req/s; LTI login+launch {pairs:.1f}/s "
        f"({THREADS} platform threads), p50 {p50:.1f} ms, p95 {p95:.1f} ms "
        f"per pair; ratio {ratio:.3f}; slices "
        f"{[round(p['rps'], 1) for p in pages]}"
    )
    return ratio


if __name__ == "__main__":
    try:
        bench()
    except BenchError as error:
        print(f"bench: FAILED: {error}", file=sys.stderr)
        sys.exit(1)
