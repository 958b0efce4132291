"""What the benchmarks (bench/scenarios.py) need to find in the community data
that `community_bench_setup` made (bench-only: it lives here, not in the app)."""

COURSE = "social-enterprise-startup-basics"
RUN = "2기"
BENCH_THREAD_TITLE = "[벤치마크] 댓글 200개가 달린 질문"


def bench_path_values() -> dict[str, object]:
    """The ids of the forum with 5,000 threads and of the thread with 200
    replies that `community_bench_setup` made.
    """
    from lms.community.models import Forum, Thread

    forum = Forum.objects.get(
        scope="run",
        run__course__slug=COURSE,
        run__course__locale__language_code="ko",
        run__title_ko=RUN,
    )
    thread = Thread.objects.get(forum=forum, title=BENCH_THREAD_TITLE)
    return {"community_forum_id": forum.pk, "community_thread_id": thread.pk}
