"""`make run` shows the site as its users will see it (DEBUG off, whitenoise
static files) and the demo's sign-up can be finished from the local mailbox."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from ..factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]


def _dev_setting(name: str, **env) -> str:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", f"import lms.settings.dev as s; print(s.{name})"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def test_the_embedded_default_runs_with_debug_off_unless_asked():
    assert _dev_setting("DEBUG") == "False"
    assert _dev_setting("DEBUG", DJANGO_DEBUG="1") == "True"
    # no collectstatic on a fresh machine: whitenoise serves from the apps
    assert _dev_setting("WHITENOISE_USE_FINDERS") == "True"


def test_make_run_turns_debug_off_and_make_dev_on():
    makefile = (ROOT / "Makefile").read_text()
    run = re.search(r"^run:.*?(?=^\S)", makefile, re.M | re.S).group(0)
    dev = re.search(r"^dev:.*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert "DJANGO_DEBUG=0" in run and "runserver" in run
    assert "DJANGO_DEBUG=1" in dev and "runserver" in dev


@pytest.fixture
def mailbox(settings, tmp_path):
    settings.EMAIL_BACKEND = "lms.core.mailbox.MailboxBackend"
    settings.MAILBOX_DIR = str(tmp_path / "mailbox")
    return tmp_path / "mailbox"


@pytest.mark.django_db
def test_staff_read_the_verification_link_in_the_mailbox_and_it_works(
    client, mailbox, staff_user, capsys, django_assert_max_num_queries
):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.org",
            "password1": "correct horse 77",
            "password2": "correct horse 77",
            "consent_learning": "on",  # the required item (PIPA)
        },
    )
    assert mail.outbox == []  # went to the mailbox backend, not locmem
    assert "/mailbox/" in capsys.readouterr().out  # the console says where
    client.logout()
    client.force_login(staff_user)
    # the page shell (8 or 9 as the page cache's version is read); none per message
    with django_assert_max_num_queries(9):
        page = client.get(reverse("mailbox")).content.decode()
    link = re.search(r'href="(https?://[^"]*/accounts/confirm-email/[^"]+)"', page)
    assert link, page
    client.logout()
    path = re.sub(r"^https?://[^/]+", "", link.group(1))
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302


@pytest.mark.django_db
def test_the_mailbox_is_for_staff_only(client, mailbox):
    assert client.get(reverse("mailbox")).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse("mailbox")).status_code == 302


@pytest.mark.django_db
def test_an_empty_mailbox_says_so_in_both_languages(client, mailbox, staff_user):
    client.force_login(staff_user)
    assert "아직 보낸 메일이 없습니다" in client.get("/mailbox/").content.decode()
    assert "No e-mail yet." in client.get("/en/mailbox/").content.decode()
