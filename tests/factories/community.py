"""Bulk data for the community's query-count tests and the benchmark."""

import datetime as dt

from django.utils import timezone

from lms.community.models import Post, Thread


def threads_bulk_create(*, forum, authors, count: int, start: int = 0) -> list[Thread]:
    """`count` threads in `forum`, with rendered bodies, newest last."""
    now = timezone.now()
    rows = [
        Thread(
            forum=forum,
            author=authors[n % len(authors)],
            kind=("question", "discussion")[n % 2],
            title=f"사회적경제 이야기 {n}",
            body_source=f"본문 {n}",
            body_html=f"<p>본문 {n}</p>",
            body_text=f"본문 {n}",
            reply_count=n % 7,
            last_activity_at=now - dt.timedelta(minutes=count - n),
        )
        for n in range(start, start + count)
    ]
    return Thread.objects.bulk_create(rows)


def replies_bulk_create(
    *, thread, authors, count: int, nested_every: int = 4
) -> list[Post]:
    """`count` replies; every `nested_every`-th one answers an earlier reply."""

    def reply(n: int, parent=None) -> Post:
        return Post(
            thread=thread,
            parent=parent,
            author=authors[n % len(authors)],
            body_source=f"답글 {n}",
            body_html=f"<p>답글 <strong>{n}</strong></p>",
            body_text=f"답글 {n}",
            upvote_count=n % 5,
        )

    nested = {n for n in range(count) if nested_every and n % nested_every == 3}
    top = Post.objects.bulk_create([reply(n) for n in range(count) if n not in nested])
    children = Post.objects.bulk_create(
        [reply(n, parent=top[i % len(top)]) for i, n in enumerate(sorted(nested))]
    )
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=count, last_activity_at=timezone.now()
    )
    return top + children
