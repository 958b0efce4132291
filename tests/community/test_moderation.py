"""Moderation: flags into the queue, hiding, dismissing, locking, pinning,
bans, soft delete, and the audit trail of every action.
"""

import pytest
from django.urls import reverse

from lms.community.models import Flag, ForumBan, ModerationLog, Post, Thread
from lms.community.services import (
    CommunityError,
    CommunityForbidden,
    content_delete,
    content_hide,
    flag_create,
    flags_dismiss,
    forum_ban,
    forum_unban,
    post_create,
    thread_create,
    thread_lock_set,
)
from lms.community.services.moderation import FLAGS_TO_HIDE

from ..factories import EnrollmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def reply(thread, learner2):
    return post_create(
        author=learner2, thread=thread, body="광고입니다 https://spam.example"
    )


def test_a_flag_lands_in_the_queue_and_moderators_hear_of_it(
    client, thread, reply, learner, instructor
):
    flag_create(reporter=learner, thread=thread, post=reply, reason="spam")
    assert (
        flag_create(reporter=learner, thread=thread, post=reply, reason="spam").pk
        == Flag.objects.get().pk
    )
    assert instructor.notifications.filter(kind="forum.flagged").count() == 1
    client.force_login(instructor)
    response = client.get(reverse("community:moderation-queue"))
    assert [f.post_id for f in response.context["flags"]] == [reply.pk]


def test_one_cannot_flag_one_s_own_message(thread, learner):
    with pytest.raises(CommunityError):
        flag_create(reporter=learner, thread=thread, reason="spam")


def test_enough_flags_hide_a_reply_until_a_moderator_decides(
    run, thread, reply, learner, instructor
):
    reporters = [learner] + [
        EnrollmentFactory(run=run).learner for _ in range(FLAGS_TO_HIDE - 1)
    ]
    for person in reporters:
        flag_create(reporter=person, thread=thread, post=reply, reason="spam")
    assert Post.objects.get(pk=reply.pk).is_hidden
    assert ModerationLog.objects.filter(
        action="auto_hide", post=reply, actor=None
    ).exists()
    # nothing wrong after all: dismissing shows it again
    assert flags_dismiss(actor=instructor, thread=thread, post=reply) == FLAGS_TO_HIDE
    assert not Post.objects.get(pk=reply.pk).is_hidden
    assert not Flag.objects.filter(status="open").exists()


def test_hiding_closes_the_flags_and_keeps_the_reply_for_moderators(
    client, thread, reply, learner, learner2, instructor
):
    flag_create(reporter=learner, thread=thread, post=reply, reason="spam")
    content_hide(actor=instructor, thread=thread, post=reply, reason="광고")
    assert Flag.objects.get().status == "hidden"
    entry = ModerationLog.objects.get(action="hide")
    assert (entry.actor, entry.post, entry.subject, entry.reason) == (
        instructor,
        reply,
        learner2,
        "광고",
    )
    url = reverse("community:thread", args=[thread.pk])
    client.force_login(learner)
    page = client.get(url).content.decode()
    assert "spam.example" not in page
    client.force_login(instructor)
    assert "spam.example" in client.get(url).content.decode()
    assert Thread.objects.get(pk=thread.pk).reply_count == 0


def test_learners_cannot_moderate(thread, reply, learner):
    for service in (content_hide, flags_dismiss):
        with pytest.raises(CommunityForbidden):
            service(actor=learner, thread=thread, post=reply)
    with pytest.raises(CommunityForbidden):
        thread_lock_set(actor=learner, thread=thread, locked=True)
    assert not ModerationLog.objects.exists()


def test_another_course_s_instructor_cannot_moderate(thread, reply, other_instructor):
    with pytest.raises(CommunityForbidden):
        content_hide(actor=other_instructor, thread=thread, post=reply)


def test_a_locked_thread_takes_replies_from_moderators_only(
    client, thread, learner2, instructor
):
    thread_lock_set(actor=instructor, thread=thread, locked=True, reason="해결됨")
    with pytest.raises(CommunityError):
        post_create(author=learner2, thread=thread, body="더 쓸래요")
    post_create(author=instructor, thread=thread, body="정리합니다")
    client.force_login(learner2)
    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": "x", "body_format": "markdown"},
    )
    assert response.status_code == 400
    assert ModerationLog.objects.filter(action="lock", thread=thread).exists()


def test_a_banned_learner_reads_but_cannot_write(
    client, forum, thread, learner2, instructor
):
    forum_ban(actor=instructor, forum=forum, user=learner2, reason="광고 반복", days=7)
    client.force_login(learner2)
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 200
    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": "x", "body_format": "markdown"},
    )
    assert response.status_code == 403
    response = client.post(
        reverse("community:thread-new", args=[forum.pk]),
        {"kind": "discussion", "title": "t", "body": "b", "body_format": "markdown"},
    )
    assert response.status_code == 403
    assert not Post.objects.exists()
    forum_unban(actor=instructor, forum=forum, user=learner2)
    assert (
        client.post(
            reverse("community:reply", args=[thread.pk]),
            {"body": "x", "body_format": "markdown"},
        ).status_code
        == 302
    )
    assert list(
        ModerationLog.objects.order_by("pk").values_list("action", flat=True)
    ) == ["ban", "unban"]


def test_a_ban_needs_a_reason_and_spares_moderators(forum, learner, instructor, staff):
    with pytest.raises(CommunityError):
        forum_ban(actor=instructor, forum=forum, user=learner, reason=" ")
    with pytest.raises(CommunityError):
        forum_ban(actor=staff, forum=forum, user=instructor, reason="x")
    assert not ForumBan.objects.exists()


def test_a_ban_that_ended_no_longer_counts(forum, learner2, instructor, thread):
    import datetime as dt

    from django.utils import timezone

    forum_ban(actor=instructor, forum=forum, user=learner2, reason="잠시", days=1)
    ForumBan.objects.update(until=timezone.now() - dt.timedelta(minutes=1))
    post = post_create(author=learner2, thread=thread, body="돌아왔습니다")
    assert post.pk is not None and post.author == learner2
    assert thread.posts.filter(pk=post.pk).exists()


def test_soft_delete_keeps_the_text_and_logs_it(
    client, thread, reply, learner, learner2, instructor
):
    with pytest.raises(CommunityForbidden):
        content_delete(actor=learner, thread=thread, post=reply)
    content_delete(actor=learner2, thread=thread, post=reply, reason="실수")
    reply.refresh_from_db()
    assert reply.deleted_at is not None and reply.deleted_by == learner2
    assert "spam.example" in reply.body_source  # kept for the trail
    assert ModerationLog.objects.get().action == "delete"
    client.force_login(learner)
    page = client.get(reverse("community:thread", args=[thread.pk])).content.decode()
    assert "spam.example" not in page
    assert 'class="reply-removed"' in page and "삭제된 댓글입니다." in page


def test_deleting_a_thread_takes_it_off_the_index(client, forum, learner, learner2):
    thread = thread_create(author=learner, forum=forum, title="지울 글", body="b")
    client.force_login(learner)
    response = client.post(reverse("community:delete", args=[thread.pk]))
    assert response.status_code == 302
    client.force_login(learner2)
    assert not list(
        client.get(reverse("community:forum", args=[forum.pk])).context["threads"]
    )
    assert client.get(reverse("community:thread", args=[thread.pk])).status_code == 404


def test_moderator_actions_through_the_pages(
    client, thread, reply, instructor, learner
):
    client.force_login(instructor)
    for action in ("pin", "lock", "unlock", "unpin"):
        assert (
            client.post(
                reverse("community:moderate", args=[thread.pk, action])
            ).status_code
            == 302
        )
    assert (
        client.post(
            reverse("community:moderate", args=[thread.pk, "hide"]), {"post": reply.pk}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("community:moderate", args=[thread.pk, "explode"])
        ).status_code
        == 404
    )
    assert list(
        ModerationLog.objects.order_by("pk").values_list("action", flat=True)
    ) == [
        "pin",
        "lock",
        "unlock",
        "unpin",
        "hide",
    ]
    client.force_login(learner)
    assert (
        client.post(reverse("community:moderate", args=[thread.pk, "pin"])).status_code
        == 403
    )
    client.force_login(instructor)
    response = client.get(reverse("community:moderation-log"))
    assert len(response.context["entries"]) == 5


def test_reporting_through_the_page(client, thread, reply, learner):
    client.force_login(learner)
    url = reverse("community:flag", args=[thread.pk]) + f"?post={reply.pk}"
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": "nonsense"}).status_code == 400
    response = client.post(url, {"reason": "spam", "post": reply.pk, "comment": "광고"})
    assert response.status_code == 302
    assert Flag.objects.get().comment == "광고"
