"""Forums: threads, one level of replies, votes, answers, follows, unread
markers, mentions, search, editing and rate limits.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.community.models import (
    Cohort,
    Forum,
    Notification,
    Post,
    Thread,
    ThreadReadState,
)
from lms.community.services import (
    CommunityError,
    CommunityForbidden,
    forum_for_run,
    post_accept,
    post_create,
    post_edit,
    post_endorse,
    post_vote_toggle,
    thread_create,
    thread_follow_toggle,
)

from ..factories import EnrollmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_run_forum_is_made_once(run):
    assert forum_for_run(run=run).pk == forum_for_run(run=run).pk


def test_opening_a_run_forum_one_may_not_read_makes_no_forum(
    client, run, outsider, learner
):
    """Who may read is decided before the forum is made: a refusal writes nothing."""
    client.force_login(outsider)
    opened = client.get(reverse("community:run-forum", args=[run.pk]))
    assert opened.status_code == 404
    assert not Forum.objects.filter(run=run).exists()
    client.force_login(learner)
    opened = client.get(reverse("community:run-forum", args=[run.pk]))
    assert opened.status_code == 302
    assert Forum.objects.filter(run=run).count() == 1


def test_opening_a_cohort_forum_one_may_not_read_makes_no_forum(client, run, outsider):
    cohort = Cohort.objects.create(run=run, name="1조")
    client.force_login(outsider)
    opened = client.get(reverse("community:cohort-forum", args=[cohort.pk]))
    assert opened.status_code == 404
    assert not Forum.objects.filter(cohort=cohort).exists()


def test_a_reply_to_a_reply_goes_under_the_first_reply(thread, learner, learner2):
    first = post_create(author=learner2, thread=thread, body="발기인 5인 이상입니다.")
    second = post_create(author=learner, thread=thread, body="감사합니다", parent=first)
    third = post_create(author=learner2, thread=thread, body="천만에요", parent=second)
    assert second.parent_id == first.pk
    assert third.parent_id == first.pk  # one level of nesting only
    thread.refresh_from_db()
    assert thread.reply_count == 3
    assert thread.last_activity_at == third.created_at


def test_an_empty_or_too_long_message_is_refused_and_nothing_is_written(
    thread, learner2
):
    with pytest.raises(CommunityError):
        post_create(author=learner2, thread=thread, body="   ")
    with pytest.raises(CommunityError):
        post_create(author=learner2, thread=thread, body="가" * 20_001)
    assert not Post.objects.exists()


def test_only_moderators_announce(forum, learner, instructor):
    with pytest.raises(CommunityForbidden):
        thread_create(
            author=learner, forum=forum, title="공지", body="공지", kind="announcement"
        )
    thread = thread_create(
        author=instructor,
        forum=forum,
        title="공지",
        body="공지",
        kind="announcement",
        pin=True,
    )
    assert thread.is_pinned


def test_a_learner_cannot_pin(forum, learner):
    thread = thread_create(author=learner, forum=forum, title="t", body="b", pin=True)
    assert not thread.is_pinned


def test_upvote_toggles_and_counts(thread, learner, learner2):
    post = post_create(author=learner2, thread=thread, body="답")
    assert post_vote_toggle(user=learner, post=post) is True
    assert Post.objects.get(pk=post.pk).upvote_count == 1
    assert post_vote_toggle(user=learner, post=post) is False
    assert Post.objects.get(pk=post.pk).upvote_count == 0
    with pytest.raises(CommunityError):
        post_vote_toggle(user=learner2, post=post)  # own reply


def test_the_asker_accepts_an_answer_and_only_the_asker(thread, learner, learner2):
    post = post_create(author=learner2, thread=thread, body="답")
    with pytest.raises(CommunityForbidden):
        post_accept(user=learner2, post=post)
    assert post_accept(user=learner, post=post) is True
    assert Thread.objects.get(pk=thread.pk).accepted_post_id == post.pk
    assert post_accept(user=learner, post=post) is False
    assert Thread.objects.get(pk=thread.pk).accepted_post_id is None


def test_discussions_have_no_accepted_answer(forum, learner, learner2):
    thread = thread_create(author=learner, forum=forum, title="토론", body="의견")
    post = post_create(author=learner2, thread=thread, body="의견2")
    with pytest.raises(CommunityError):
        post_accept(user=learner, post=post)


def test_the_instructor_endorses_and_the_author_is_notified(
    thread, learner2, instructor
):
    post = post_create(author=learner2, thread=thread, body="답")
    with pytest.raises(CommunityForbidden):
        post_endorse(user=learner2, post=post)
    assert post_endorse(user=instructor, post=post) is True
    assert Post.objects.get(pk=post.pk).endorsed_by == instructor
    assert Notification.objects.filter(
        recipient=learner2, kind="forum.endorsed"
    ).exists()


def test_followers_hear_of_replies_but_not_of_their_own(thread, learner, learner2):
    # the author follows their thread; a replier follows it too
    post_create(author=learner2, thread=thread, body="첫 답")
    assert (
        Notification.objects.filter(recipient=learner, kind="forum.reply").count() == 1
    )
    assert not Notification.objects.filter(recipient=learner2).exists()
    post_create(author=learner, thread=thread, body="감사합니다")
    assert (
        Notification.objects.filter(recipient=learner2, kind="forum.reply").count() == 1
    )
    assert thread_follow_toggle(user=learner2, thread=thread) is False
    post_create(author=learner, thread=thread, body="또 질문")
    assert (
        Notification.objects.filter(recipient=learner2, kind="forum.reply").count() == 1
    )


def test_a_mention_of_a_reader_notifies_them_once_instead_of_a_reply_notice(
    thread, learner, learner2
):
    learner2.name_ko = "윤소희"
    learner2.save()
    post_create(author=learner2, thread=thread, body="질문 감사해요")  # follows now
    post = post_create(author=learner, thread=thread, body="@윤소희 님 의견이 궁금해요")
    assert '<span class="mention">@윤소희</span>' in post.body_html
    kinds = list(
        Notification.objects.filter(recipient=learner2).values_list("kind", flat=True)
    )
    assert kinds == ["forum.mention"]


def test_a_mention_of_someone_outside_the_forum_is_not_linked_nor_notified(
    thread, learner, outsider
):
    outsider.name_ko = "바깥사람"
    outsider.save()
    post = post_create(author=learner, thread=thread, body="@바깥사람 님?")
    assert "mention" not in post.body_html
    assert not Notification.objects.filter(recipient=outsider).exists()


def test_an_ambiguous_mention_notifies_nobody(thread, run, learner):
    twins = [
        EnrollmentFactory(run=run, learner=UserFactory(name_ko="김하나")).learner
        for _ in range(2)
    ]
    post = post_create(author=learner, thread=thread, body="@김하나 님")
    assert "mention" not in post.body_html
    assert not Notification.objects.filter(recipient__in=twins).exists()


def test_mentions_by_email_name_and_english_name(thread, learner, learner2):
    learner2.name_en = "Sohee Yoon"
    learner2.save()
    local = learner2.email.split("@")[0]
    post = post_create(author=learner, thread=thread, body=f"@{local} and @SoheeYoon")
    assert post.body_html.count('class="mention"') == 2
    assert post.mentioned == [learner2.pk]


def test_the_author_edits_a_reply_and_others_cannot(thread, learner, learner2):
    post = post_create(author=learner2, thread=thread, body="오타가 있습니다")
    with pytest.raises(CommunityForbidden):
        post_edit(user=learner, post=post, body="x", body_format="markdown")
    post_edit(user=learner2, post=post, body="**고쳤습니다**", body_format="markdown")
    post.refresh_from_db()
    assert "<strong>고쳤습니다</strong>" in post.body_html
    assert post.edited_at is not None


def test_unread_markers_follow_what_the_reader_has_seen(
    client, thread, learner, learner2
):
    client.force_login(learner2)
    url = reverse("community:forum", args=[thread.forum_id])
    row = client.get(url).context["threads"][0]
    assert row.is_unread  # never opened
    client.get(reverse("community:thread", args=[thread.pk]))
    assert not client.get(url).context["threads"][0].is_unread
    post_create(author=learner, thread=thread, body="새 답글")
    assert client.get(url).context["threads"][0].is_unread
    response = client.get(reverse("community:thread", args=[thread.pk]))
    new = [node.post for node in response.context["replies"] if node.post.is_new]
    assert [post.body_source for post in new] == ["새 답글"]


def test_mark_all_read(client, forum, thread, learner2):
    client.force_login(learner2)
    client.post(reverse("community:forum-read", args=[forum.pk]))
    assert ThreadReadState.objects.filter(user=learner2, thread=thread).exists()
    assert (
        not client.get(reverse("community:forum", args=[forum.pk]))
        .context["threads"][0]
        .is_unread
    )


def test_search_finds_titles_openings_and_replies_within_the_forum(
    client, forum, learner, learner2, catalog
):
    a = thread_create(author=learner, forum=forum, title="로컬푸드 물류", body="본문")
    b = thread_create(
        author=learner, forum=forum, title="다른 제목", body="로컬푸드 본문"
    )
    c = thread_create(author=learner, forum=forum, title="세 번째", body="본문")
    post_create(author=learner2, thread=c, body="로컬푸드 답글")
    thread_create(author=learner, forum=forum, title="상관없는 글", body="없음")
    client.force_login(learner)
    response = client.get(
        reverse("community:forum", args=[forum.pk]), {"q": "로컬푸드"}
    )
    assert {t.pk for t in response.context["threads"]} == {a.pk, b.pk, c.pk}
    response = client.get(
        reverse("community:forum", args=[forum.pk]),
        {"q": "로컬푸드", "kind": "question"},
    )
    assert list(response.context["threads"]) == []


def test_pinned_threads_come_first_then_the_latest_activity(
    forum, learner, instructor, client
):
    old = thread_create(author=learner, forum=forum, title="오래된 글", body="b")
    Thread.objects.filter(pk=old.pk).update(
        last_activity_at=timezone.now() - dt.timedelta(days=3)
    )
    pinned = thread_create(
        author=instructor,
        forum=forum,
        title="공지",
        body="b",
        kind="announcement",
        pin=True,
    )
    Thread.objects.filter(pk=pinned.pk).update(
        last_activity_at=timezone.now() - dt.timedelta(days=9)
    )
    new = thread_create(author=learner, forum=forum, title="새 글", body="b")
    client.force_login(learner)
    titles = [
        t.pk
        for t in client.get(reverse("community:forum", args=[forum.pk])).context[
            "threads"
        ]
    ]
    assert titles == [pinned.pk, new.pk, old.pk]


def test_writing_a_thread_and_a_reply_through_the_pages(
    client, forum, learner, learner2
):
    client.force_login(learner)
    response = client.post(
        reverse("community:thread-new", args=[forum.pk]),
        {
            "kind": "question",
            "title": "질문",
            "body": "**내용**",
            "body_format": "markdown",
        },
    )
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("community:thread", args=[thread.pk])
    client.force_login(learner2)
    response = client.post(
        reverse("community:reply", args=[thread.pk]),
        {"body": "답변", "body_format": "markdown"},
    )
    assert response.status_code == 302
    assert Post.objects.get().body_html.strip() == "<p>답변</p>"


def test_bad_input_on_the_pages_is_a_400_with_the_form_again(
    client, forum, thread, learner
):
    client.force_login(learner)
    response = client.post(
        reverse("community:thread-new", args=[forum.pk]),
        {"kind": "question", "title": " ", "body": "x", "body_format": "markdown"},
    )
    assert response.status_code == 400
    response = client.post(
        reverse("community:reply", args=[thread.pk]), {"body": "", "body_format": "md"}
    )
    assert response.status_code == 400
    assert Thread.objects.count() == 1 and not Post.objects.exists()


def test_too_many_replies_in_a_minute_is_a_429_with_a_message(
    client, settings, thread, learner2
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "community.post": ["3/h"]}
    client.force_login(learner2)
    url = reverse("community:reply", args=[thread.pk])
    statuses = [
        client.post(url, {"body": f"답 {n}", "body_format": "markdown"}).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    response = client.post(url, {"body": "또", "body_format": "markdown"})
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600  # the rest of the hour
    assert "잠시" in response.content.decode() or "wait" in response.content.decode()
    assert Post.objects.count() == 3


def test_staff_are_not_rate_limited(settings, forum, staff):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "community.thread": ["1/10m"]}
    for n in range(3):
        thread_create(author=staff, forum=forum, title=f"공지 {n}", body="b")
    assert Thread.objects.count() == 3
