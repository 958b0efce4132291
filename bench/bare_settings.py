"""A bare Django for the benchmarks' second ceiling: no middleware, no apps.

`bench/run.py` serves it with a second gunicorn beside Campus, with the same
workers, so that every scenario is also reported against what Django itself
costs on this machine at this moment: the request cycle and one view, with
nothing of Campus's stack (bench/README.md, "Middleware floor").
"""

import os

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.bare_urls"
MIDDLEWARE: list[str] = []
INSTALLED_APPS: list[str] = []
DATABASES: dict = {}
USE_I18N = False
USE_TZ = True
