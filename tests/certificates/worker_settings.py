"""Settings of the Celery worker that the integration test starts and kills.

The test settings, plus: private storage in the test's folder behind a gate
(gate_storage.py), and a short visibility timeout, so that a message whose
worker died is delivered again in seconds rather than the default hour. The
unacked bookkeeping keys are the test's own, so no other worker's messages on
the same Redis are touched.
"""

import os

from lms.settings.test import *  # noqa: F401,F403
from lms.settings.test import STORAGES

_queue = os.environ["CELERY_QUEUE"]

STORAGES = {
    **STORAGES,
    "private": {
        "BACKEND": "tests.certificates.gate_storage.GateStorage",
        "OPTIONS": {
            "location": os.environ["CERTIFICATES_TEST_PRIVATE_ROOT"],
            "base_url": None,
        },
    },
}
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
    "unacked_key": f"unacked-{_queue}",
    "unacked_index_key": f"unacked_index-{_queue}",
    "unacked_mutex_key": f"unacked_mutex-{_queue}",
}
