"""Notifications: the service other apps call, the centre, e-mail right away
or as a daily digest (run twice, sent once), announcements to a run or cohort.
"""

import datetime as dt

import pytest
from django.core import mail
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.community import tasks
from lms.community.models import Cohort, Notification, NotificationDigest
from lms.community.services import (
    cohort_member_set,
    forum_for_cohort,
    notification_digest_send,
    notification_preference_set,
    notification_read_all,
    notification_send,
    notification_send_many,
    notification_unread_count,
    thread_create,
)
from lms.community.services.notifications import digest_recipients

from ..factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_send_writes_one_notification_and_a_key_makes_it_once(user):
    first = notification_send(
        recipient=user,
        kind="certificate.issued",
        title="수료증",
        url="/c/1/",
        dedupe_key="certificate:1",
    )
    again = notification_send(
        recipient=user,
        kind="certificate.issued",
        title="수료증",
        dedupe_key="certificate:1",
    )
    assert first is not None and again is None
    assert Notification.objects.count() == 1


def test_nobody_is_notified_of_their_own_action(user):
    assert notification_send(recipient=user, kind="x", title="t", actor=user) is None


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/", "//evil.example/", "javascript:alert(1)", "\\\\evil"],
)
def test_a_link_must_be_a_path_on_the_site(user, url):
    with pytest.raises(ValueError):
        notification_send(recipient=user, kind="x", title="t", url=url)
    assert not Notification.objects.exists()


def test_a_callable_title_is_written_in_the_recipient_s_language(db):
    korean, english = (
        UserFactory(preferred_language="ko"),
        UserFactory(preferred_language="en"),
    )
    sent = notification_send_many(
        recipients=[korean, english], kind="x", title=lambda: _("Notifications")
    )
    titles = {n.recipient_id: n.title for n in sent}
    assert titles == {korean.pk: "알림", english.pk: "Notifications"}


def test_send_many_skips_those_who_have_it_already(db):
    people = UserFactory.create_batch(3)
    assert (
        len(
            notification_send_many(
                recipients=people[:2], kind="a", title="t", dedupe_key="k"
            )
        )
        == 2
    )
    assert (
        len(
            notification_send_many(
                recipients=people, kind="a", title="t", dedupe_key="k"
            )
        )
        == 1
    )
    assert Notification.objects.count() == 3


def test_long_text_is_clipped(user):
    n = notification_send(recipient=user, kind="x", title="가" * 500, body="나" * 5000)
    assert len(n.title) == 200 and len(n.body) == 2000


def test_the_unread_count_is_cached_and_forgotten_on_change(
    user, django_assert_num_queries
):
    notification_send(recipient=user, kind="x", title="t")
    assert notification_unread_count(user=user) == 1
    with django_assert_num_queries(0):
        assert notification_unread_count(user=user) == 1
    notification_send(recipient=user, kind="x", title="t2")
    assert notification_unread_count(user=user) == 2
    notification_read_all(user=user)
    assert notification_unread_count(user=user) == 0


def test_the_bell_tag_shows_the_unread_count(user):
    notification_send(recipient=user, kind="x", title="t")
    request = RequestFactory().get("/")
    request.user = user
    html = Template("{% load community_tags %}{% notification_bell %}").render(
        Context({"request": request})
    )
    assert reverse("community:notifications") in html
    assert '<span class="badge badge-count">1<span class="visually-hidden">' in html


def test_immediate_mode_e_mails_each_notification_once(user):
    notification_preference_set(user=user, email_mode="immediate")
    notification = notification_send(
        recipient=user, kind="x", title="새 답글", url="/t/1/"
    )
    assert len(mail.outbox) == 1
    assert "새 답글" in mail.outbox[0].subject
    assert "/t/1/" in mail.outbox[0].body
    assert tasks.notification_email_send(notification.pk) is False  # again: nothing
    assert len(mail.outbox) == 1


def test_the_digest_mode_sends_nothing_right_away(user):
    notification_send(recipient=user, kind="x", title="t")
    assert mail.outbox == []


def test_the_digest_task_run_twice_sends_one_e_mail(user):
    for n in range(3):
        notification_send(recipient=user, kind="x", title=f"소식 {n}")
    today = timezone.localdate().isoformat()
    assert tasks.notification_digest_send(user.pk, today) is True
    assert tasks.notification_digest_send(user.pk, today) is False
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert all(f"소식 {n}" in body for n in range(3))
    assert NotificationDigest.objects.get().item_count == 3
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_the_daily_beat_sends_one_digest_per_person_and_none_on_a_rerun(db):
    waiting, nothing, immediate = UserFactory.create_batch(3)
    notification_preference_set(user=immediate, email_mode="immediate")
    notification_send(recipient=waiting, kind="x", title="t")
    mail.outbox.clear()
    assert tasks.notification_digests_send() == 1
    assert tasks.notification_digests_send() == 0
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_the_digest_leaves_out_what_was_read_or_e_mailed(user):
    read = notification_send(recipient=user, kind="x", title="읽은 것")
    Notification.objects.filter(pk=read.pk).update(read_at=timezone.now())
    notification_send(recipient=user, kind="x", title="안 읽은 것")
    day = timezone.localdate()
    assert notification_digest_send(user_id=user.pk, day=day)
    assert "- 안 읽은 것" in mail.outbox[0].body
    assert "- 읽은 것" not in mail.outbox[0].body


def test_no_digest_row_when_there_is_nothing_to_send(user):
    assert notification_digest_send(user_id=user.pk, day=timezone.localdate()) is False
    assert not NotificationDigest.objects.exists()
    assert digest_recipients(day=timezone.localdate()) == []


def test_tomorrow_s_digest_carries_what_came_after_today_s(user):
    notification_send(recipient=user, kind="x", title="오늘")
    today = timezone.localdate()
    assert notification_digest_send(user_id=user.pk, day=today)
    notification_send(recipient=user, kind="x", title="내일")
    assert notification_digest_send(user_id=user.pk, day=today + dt.timedelta(days=1))
    assert len(mail.outbox) == 2 and "내일" in mail.outbox[1].body


def test_the_centre_lists_opens_and_marks_read(client, user):
    for n in range(3):
        notification_send(
            recipient=user, kind="x", title=f"소식 {n}", url="/community/"
        )
    client.force_login(user)
    response = client.get(reverse("community:notifications"))
    assert [n.title for n in response.context["notifications"]] == [
        "소식 2",
        "소식 1",
        "소식 0",
    ]
    first = Notification.objects.order_by("pk").first()
    response = client.get(reverse("community:notification-open", args=[first.pk]))
    assert response["Location"] == "/community/"
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    client.post(reverse("community:notifications-read"))
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_the_preference_page_saves_and_refuses_nonsense(client, user):
    client.force_login(user)
    url = reverse("community:notification-preferences")
    assert client.get(url).context["form"].initial["email_mode"] == "digest"
    assert client.post(url, {"email_mode": "carrier-pigeon"}).status_code == 400
    assert client.post(url, {"email_mode": "off"}).status_code == 302
    assert user.notification_preference.email_mode == "off"


def test_an_announcement_reaches_the_run_s_learners_only(
    forum, run, learner, learner2, instructor, outsider
):
    EnrollmentFactory(run=run, status="withdrawn", learner=UserFactory())
    thread_create(
        author=instructor,
        forum=forum,
        title="휴강 안내",
        body="다음 주 휴강",
        kind="announcement",
    )
    told = set(
        Notification.objects.filter(kind="forum.announcement").values_list(
            "recipient_id", flat=True
        )
    )
    assert told == {learner.pk, learner2.pk}
    # the task again: nobody twice
    thread = forum.threads.get()
    assert tasks.thread_created_notify(thread.pk) == 0
    assert Notification.objects.filter(kind="forum.announcement").count() == 2


def test_an_announcement_to_a_cohort_reaches_its_members_only(
    run, learner, learner2, instructor
):
    cohort = Cohort.objects.create(run=run, name="A조")
    cohort_member_set(cohort=cohort, learner=learner, actor=instructor)
    thread_create(
        author=instructor,
        forum=forum_for_cohort(cohort=cohort),
        title="A조 모임",
        body="금요일",
        kind="announcement",
    )
    assert list(Notification.objects.values_list("recipient_id", flat=True)) == [
        learner.pk
    ]


def test_links_are_kept_language_neutral_and_opened_in_the_reader_s_language(
    client, user
):
    from django.utils import translation

    with translation.override("en"):
        url = reverse("community:groups") + "#top"
    assert url.startswith("/en/")
    notification = notification_send(recipient=user, kind="x", title="t", url=url)
    assert notification.url == "/community/groups/#top"
    client.force_login(user)
    with translation.override("ko"):
        path = reverse("community:notification-open", args=[notification.pk])
    response = client.get("/en" + path)
    assert response["Location"] == "/en/community/groups/#top"
    response = client.get(path)
    assert response["Location"] == "/community/groups/#top"


def test_an_english_reader_s_e_mail_links_to_the_english_page(db):
    english = UserFactory(preferred_language="en")
    notification_preference_set(user=english, email_mode="immediate")
    notification_send(
        recipient=english, kind="x", title="t", url=reverse("community:groups")
    )
    assert "/en/community/groups/" in mail.outbox[0].body
