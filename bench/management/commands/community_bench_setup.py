"""Scale data for the benchmarks: a forum with 5,000 threads and a thread with
200 replies, in the forum of the demo's "2기" run (run `seed_demo` first).

Idempotent: what is there already is counted, not made again. Rows are
written in bulk, with bodies rendered as the services render them.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from bench.community_paths import BENCH_THREAD_TITLE, COURSE, RUN
from lms.accounts.models import User
from lms.community.markup import render
from lms.community.models import Post, Thread
from lms.community.services import forum_for_run
from lms.learning.models import SEAT_HOLDING, CourseRun

THREADS = 5_000
REPLIES = 200
BATCH = 1_000


class Command(BaseCommand):
    help = "Create a forum with 5,000 threads and a thread with 200 replies."

    def add_arguments(self, parser):
        parser.add_argument("--threads", type=int, default=THREADS)
        parser.add_argument("--replies", type=int, default=REPLIES)

    @transaction.atomic
    def handle(self, *args, threads: int, replies: int, **options):
        run = CourseRun.objects.filter(
            course__slug=COURSE, course__locale__language_code="ko", title_ko=RUN
        ).first()
        if run is None:
            raise CommandError("Run seed_demo first: the demo run is missing.")
        forum = forum_for_run(run=run)
        authors = list(
            User.objects.filter(
                enrollments__run=run, enrollments__status__in=SEAT_HOLDING
            ).order_by("pk")
        )
        if not authors:
            raise CommandError("The demo run has no learners.")
        now = timezone.now()
        have = Thread.objects.filter(forum=forum).count()
        sample = render(
            "협동조합 **설립 절차**와 사회적기업 인증 준비에 관한 이야기입니다. "
            "[안내 자료](https://campus.example/guide)",
            body_format="markdown",
        )
        for start in range(have, threads, BATCH):
            Thread.objects.bulk_create(
                Thread(
                    forum=forum,
                    author=authors[n % len(authors)],
                    kind=("question", "discussion")[n % 2],
                    title=f"사회적경제 현장 이야기 {n + 1}",
                    body_source="…",
                    body_html=sample.html,
                    body_text=sample.text,
                    reply_count=n % 9,
                    last_activity_at=now - dt.timedelta(minutes=threads - n),
                )
                for n in range(start, min(start + BATCH, threads))
            )
        thread = Thread.objects.filter(forum=forum, title=BENCH_THREAD_TITLE).first()
        if thread is None:
            thread = Thread.objects.create(
                forum=forum,
                author=authors[0],
                kind="question",
                title=BENCH_THREAD_TITLE,
                body_source="…",
                body_html=sample.html,
                body_text=sample.text,
                last_activity_at=now,
            )
        missing = replies - thread.posts.count()
        if missing > 0:
            reply = render(
                "저희 조합은 **발기인 5명**으로 시작했어요. "
                "정관은 표준안을 고쳐 썼습니다.",
                body_format="markdown",
            )
            # three in four are replies to the thread, one in four answers one
            top = Post.objects.bulk_create(
                Post(
                    thread=thread,
                    author=authors[n % len(authors)],
                    body_source="…",
                    body_html=reply.html,
                    body_text=reply.text,
                    upvote_count=n % 4,
                )
                for n in range(missing - missing // 4)
            )
            Post.objects.bulk_create(
                Post(
                    thread=thread,
                    parent=top[n % len(top)],
                    author=authors[(n + 1) % len(authors)],
                    body_source="…",
                    body_html=reply.html,
                    body_text=reply.text,
                )
                for n in range(missing // 4)
            )
            Thread.objects.filter(pk=thread.pk).update(
                reply_count=thread.posts.count(), last_activity_at=timezone.now()
            )
        self.stdout.write(
            f"forum {forum.pk}: {Thread.objects.filter(forum=forum).count()} threads; "
            f"thread {thread.pk}: {thread.posts.count()} replies"
        )
