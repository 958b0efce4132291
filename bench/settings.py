"""Production settings, served over plain http on loopback for the benchmarks.

The only departures from production are the ones that plain http on 127.0.0.1
needs, plus the benchmark URLconf that adds the ceiling view.
"""

from lms.settings.production import *  # noqa: F401,F403
from lms.settings.production import env

ROOT_URLCONF = "bench.urls"

# No TLS on loopback: a redirect to https would answer every request with a 301.
SECURE_SSL_REDIRECT = False

# collectstatic goes to a scratch folder so that a run leaves the checkout alone.
STATIC_ROOT = env.path("BENCH_STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))  # noqa: F405

# the scale-data commands of bench/management/commands (SETUP in bench/scenarios.py)
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405

# wrk is one client address: the per-address limit of the certificate
# verification pages would answer most of the load with 429
RATE_LIMITS = {  # noqa: F405
    **RATE_LIMITS,  # noqa: F405
    "certificates.verify": [env("CERTIFICATES_VERIFY_RATE", default="100000000/s")],  # noqa: F405
}

# the middleware table (BENCH_MIDDLEWARE=1 in bench/run.py): the same stack with
# the named middleware left out, served by a gunicorn of its own
_LEFT_OUT = set(env.list("BENCH_MIDDLEWARE_WITHOUT", default=[]))
MIDDLEWARE = [entry for entry in MIDDLEWARE if entry not in _LEFT_OUT]  # noqa: F405
