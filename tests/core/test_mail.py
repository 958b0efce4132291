"""Mail that is never lost: the outbox, against a real SMTP server on this machine."""

import socket

import pytest
from aiosmtpd.controller import Controller
from django.core import mail as django_mail

from lms.core.mail import MailDeliveryError, mail_deliver, mail_queue, mail_resend
from lms.core.models import OutboundMail


class _RefusingHandler:
    """Answers 451 (try later) to the first `refusals` messages, then accepts."""

    def __init__(self, refusals):
        self.refusals = refusals
        self.tries = 0
        self.accepted = []

    async def handle_DATA(self, server, session, envelope):
        self.tries += 1
        if self.tries <= self.refusals:
            return "451 4.3.0 Try again later"
        self.accepted.append(envelope)
        return "250 Message accepted for delivery"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    def start(refusals):
        handler = _RefusingHandler(refusals)
        controller = Controller(handler, hostname="127.0.0.1", port=_free_port())
        controller.start()
        started.append(controller)
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5
        return handler

    started = []
    yield start
    for controller in started:
        controller.stop()


@pytest.mark.django_db
def test_a_server_that_refuses_twice_gets_the_mail_once(
    smtp_server, django_capture_on_commit_callbacks
):
    """The first try runs after commit; the worker's two retries follow."""
    server = smtp_server(refusals=2)
    with django_capture_on_commit_callbacks(execute=True):
        mail = mail_queue(
            to=["learner@campus.example"], subject="수강 확정", body="본문"
        )
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutboundMail.Status.PENDING, 1)
    with pytest.raises(MailDeliveryError):
        mail_deliver(mail_id=mail.pk)  # the first retry: refused again
    assert mail_deliver(mail_id=mail.pk) is True
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutboundMail.Status.SENT, 3)
    assert mail.sent_at is not None
    assert server.tries == 3
    assert len(server.accepted) == 1
    assert server.accepted[0].rcpt_tos == ["learner@campus.example"]


def test_the_task_retries_with_doubling_backoff(settings, monkeypatch):
    from lms.core import tasks

    settings.MAIL_RETRY_BACKOFF = 30
    monkeypatch.setattr(
        tasks.mail,
        "mail_deliver",
        lambda **kw: (_ for _ in ()).throw(MailDeliveryError()),
    )
    countdowns = []

    def retry(exc=None, countdown=None, **kwargs):
        countdowns.append(countdown)
        return RuntimeError("retry")

    monkeypatch.setattr(tasks.mail_deliver, "retry", retry)
    for retries in (0, 1, 2, 10):
        tasks.mail_deliver.push_request(retries=retries)
        try:
            with pytest.raises(RuntimeError):
                tasks.mail_deliver.run(1)
        finally:
            tasks.mail_deliver.pop_request()
    assert countdowns == [30, 60, 120, 3600]


@pytest.mark.django_db
def test_nothing_is_sent_before_the_change_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        mail_queue(to=["a@campus.example"], subject="s", body="b")
    assert django_mail.outbox == []
    assert OutboundMail.objects.get().status == OutboundMail.Status.PENDING
    assert len(callbacks) == 1


@pytest.mark.django_db
def test_after_the_last_attempt_it_is_marked_failed_and_staff_can_resend(
    smtp_server, settings, django_capture_on_commit_callbacks
):
    settings.MAIL_MAX_ATTEMPTS = 2
    server = smtp_server(refusals=5)
    mail = mail_queue(to=["b@campus.example"], subject="s", body="b")
    with pytest.raises(MailDeliveryError):
        mail_deliver(mail_id=mail.pk)
    assert mail_deliver(mail_id=mail.pk) is False
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutboundMail.Status.FAILED, 2)
    assert "451" in mail.last_error
    assert mail_deliver(mail_id=mail.pk) is True  # failed rows are left alone
    assert server.tries == 2
    server.refusals = 0
    with django_capture_on_commit_callbacks(execute=True):
        mail_resend(mail=mail)
    mail.refresh_from_db()
    assert mail.status == OutboundMail.Status.SENT
    assert len(server.accepted) == 1


@pytest.mark.django_db
def test_delivery_of_a_sent_mail_is_a_no_op(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        mail = mail_queue(to=["c@campus.example"], subject="s", body="b")
    assert len(django_mail.outbox) == 1
    assert mail_deliver(mail_id=mail.pk) is True
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_an_unreachable_server_is_retried_not_lost(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    mail = mail_queue(to=["d@campus.example"], subject="s", body="b")
    with pytest.raises(MailDeliveryError):
        mail_deliver(mail_id=mail.pk)
    mail.refresh_from_db()
    assert (mail.status, mail.attempts) == (OutboundMail.Status.PENDING, 1)


@pytest.mark.django_db
def test_the_same_notice_is_queued_once_and_empty_recipients_not_at_all():
    assert mail_queue(to=["e@campus.example"], subject="s", body="b", dedupe_key="k")
    assert (
        mail_queue(to=["e@campus.example"], subject="s", body="b", dedupe_key="k")
        is None
    )
    assert mail_queue(to=["", None], subject="s", body="b") is None
    assert mail_queue(to=["kakao-1@no-email.invalid"], subject="s", body="b") is None
    assert OutboundMail.objects.count() == 1


@pytest.mark.django_db
def test_staff_resend_failed_mail_from_the_admin(
    admin_client, django_capture_on_commit_callbacks
):
    mail = OutboundMail.objects.create(
        to=["f@campus.example"], subject="s", body="b", status="failed", attempts=6
    )
    listing = admin_client.get("/django-admin/core/outboundmail/?status=failed")
    assert listing.status_code == 200
    assert b"f@campus.example" in listing.content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/django-admin/core/outboundmail/",
            {"action": "resend", "_selected_action": [mail.pk]},
        )
    assert response.status_code == 302
    mail.refresh_from_db()
    assert mail.status == OutboundMail.Status.SENT
    assert django_mail.outbox[-1].to == ["f@campus.example"]
