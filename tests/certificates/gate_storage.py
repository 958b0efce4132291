"""A private storage that stops before saving a certificate PDF until told to go.

Only the worker of the integration test uses it (see worker_settings.py): the
test waits until a worker is inside a task, with the certificate committed and
its PDF not yet written, and kills it there.
"""

import os
import time
from pathlib import Path

from django.core.files.storage import FileSystemStorage

GATE_TIMEOUT = 60


class GateStorage(FileSystemStorage):
    def _save(self, name, content):
        gate = os.environ.get("CERTIFICATES_TEST_GATE")
        if gate and name.startswith("certificates/") and name.endswith(".pdf"):
            gate_dir = Path(gate)
            (gate_dir / f"reached-{os.getpid()}").write_text(name)
            deadline = time.monotonic() + GATE_TIMEOUT
            while not (gate_dir / "open").exists():
                if time.monotonic() > deadline:
                    raise TimeoutError("the test never opened the gate")
                time.sleep(0.05)
        return super()._save(name, content)
