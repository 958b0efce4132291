"""The demo's local mailbox: in the embedded default nothing sends e-mail, so
every message is printed to the console (as before) and also kept as a file
that center staff read at /mailbox/, e.g. to open the link of a sign-up's
verification mail.

Only `lms.settings.dev` uses it, when EMAIL_URL is not set.
"""

import email
import email.policy
import re
import time
from pathlib import Path

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.mail.backends.console import EmailBackend as ConsoleBackend
from django.shortcuts import render
from django.views.decorators.http import require_GET

MAILBOX_SHOWN = 50
# ASCII only: Korean text often follows a link with no space ("…/을 여세요")
_URL = re.compile(r"https?://[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]+[A-Za-z0-9/_\-=#]")


def mailbox_dir() -> Path:
    return Path(settings.MAILBOX_DIR)


class MailboxBackend(ConsoleBackend):
    """Prints each message, with a banner that says where to read it, and
    keeps it in MAILBOX_DIR."""

    def write_message(self, message):
        folder = mailbox_dir()
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}.eml"
        (folder / name).write_bytes(message.message().as_bytes())
        banner = "=" * 72
        self.stream.write(
            f"{banner}\nE-MAIL to {', '.join(message.to)}: {message.subject}\n"
            f"Read it (and its links) at /mailbox/ as staff, or below.\n{banner}\n"
        )
        super().write_message(message)


def _text_of(parsed) -> str:
    part = parsed.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def mailbox_messages(limit: int = MAILBOX_SHOWN) -> list[dict]:
    """The newest messages first, as dicts a template can show."""
    folder = mailbox_dir()
    if not folder.is_dir():
        return []
    files = sorted(folder.glob("*.eml"), reverse=True)[:limit]
    messages = []
    for path in files:
        parsed = email.message_from_bytes(
            path.read_bytes(), policy=email.policy.default
        )
        body = _text_of(parsed)
        messages.append(
            {
                "id": path.stem,
                "to": parsed["To"],
                "subject": parsed["Subject"],
                "date": parsed["Date"],
                "body": body,
                "links": list(dict.fromkeys(_URL.findall(body))),
            }
        )
    return messages


@require_GET
@staff_member_required
def mailbox(request):
    """The e-mails the demo site would have sent, newest first (staff only)."""
    return render(request, "core/mailbox.html", {"mail": mailbox_messages()})
