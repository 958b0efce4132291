"""Social learning in a real browser: two learners discuss, one is mentioned
and notified, the instructor endorses the answer; the XSS corpus runs nothing;
the community pages pass axe.
"""

import json
from urllib.parse import urlsplit

import pytest

from lms.accounts.demo import DEMO_PASSWORD
from tests.community.xss_corpus import MARK, PAYLOADS

from .conftest import axe_inject

ASKER = "learner@campus.example"  # 이하늘
ANSWERER = "learner2@campus.example"  # 윤소희
INSTRUCTOR = "instructor@campus.example"  # 김민준


@pytest.fixture(autouse=True)
def _generous_rate_limits(settings):
    """The corpus is written faster than any person writes."""
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "community.thread": ["1000/m"],
        "community.post": ["1000/m"],
    }


@pytest.fixture
def run_forum(demo_site):
    """A course under the demo home page, a run with two learners and its
    instructor, and the run's forum.
    """
    from courses.models import CoursePageInstructor
    from lms.community.services import forum_for_run

    from ..factories import (
        CourseIndexPageFactory,
        CourseRunFactory,
        EnrollmentFactory,
        course_tree_create,
    )

    people = demo_site["people"]
    index = CourseIndexPageFactory(parent=demo_site["home"], slug="courses-community")
    course = course_tree_create(index=index, title="협동조합 창업 실습")
    CoursePageInstructor.objects.create(page=course, user=people[INSTRUCTOR])
    run = CourseRunFactory(course=course, title="1기")
    for email in (ASKER, ANSWERER):
        EnrollmentFactory(run=run, learner=people[email])
    return {**demo_site, "run": run, "forum": forum_for_run(run=run)}


def _submit(locator):
    with locator.page.expect_navigation() as navigation:
        locator.click()
    return navigation.value


def _log_in(page, base, email):
    page.goto(base + "/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    assert _submit(page.locator("main form button[type=submit]")).status == 200
    assert page.locator("nav.account-nav a[href$='/accounts/profile/']").count()


@pytest.fixture
def second_page(browser):
    context = browser.new_context(locale="ko-KR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def third_page(browser):
    context = browser.new_context(locale="ko-KR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


def test_two_learners_discuss_one_is_mentioned_and_the_instructor_endorses(
    page, second_page, third_page, run_forum
):
    from lms.community.models import Notification, Thread

    base, run = run_forum["url"], run_forum["run"]

    # the asker opens the run's forum and asks a question
    _log_in(page, base, ASKER)
    page.goto(f"{base}/community/runs/{run.pk}/forum/")
    assert urlsplit(page.url).path == f"/community/forums/{run_forum['forum'].pk}/"
    with page.expect_navigation():
        page.locator(
            f"main a.button[href='/community/forums/{run_forum['forum'].pk}/new/']"
        ).click()
    page.select_option("select[name=kind]", "question")
    page.fill("input[name=title]", "협동조합 발기인은 몇 명이 필요한가요?")
    page.fill(
        "textarea[name=body]",
        "설립 신고를 준비하고 있습니다. **발기인** 수가 궁금해요.",
    )
    assert _submit(page.locator("form.thread-form button[type=submit]")).status == 200
    thread = Thread.objects.get()
    assert urlsplit(page.url).path == f"/community/threads/{thread.pk}/"
    assert page.locator("h1#thread-title").inner_text() == thread.title
    assert page.locator(".thread .message-body strong").inner_text() == "발기인"

    # the other learner answers and mentions the asker
    _log_in(second_page, base, ANSWERER)
    second_page.goto(f"{base}/community/threads/{thread.pk}/")
    second_page.fill(
        "form.reply-form textarea[name=body]",
        "@이하늘 님, 일반 협동조합은 5인 이상이에요.",
    )
    assert (
        _submit(second_page.locator("form.reply-form button[type=submit]")).status
        == 200
    )
    reply = second_page.locator("ol.replies > li.reply").first
    assert reply.locator(".mention").inner_text() == "@이하늘"

    # the asker is notified of the mention and follows it to the reply
    page.goto(base + "/community/notifications/")
    notice = page.locator("li.notification.unread[data-kind='forum.mention'] a")
    assert notice.count() == 1
    assert "윤소희" in notice.inner_text()
    with page.expect_navigation():
        notice.click()
    post = thread.posts.get()
    assert urlsplit(page.url).path == f"/community/threads/{thread.pk}/"
    assert page.locator(f"#post-{post.pk} .mention").is_visible()
    assert Notification.objects.get(kind="forum.mention").read_at is not None

    # the instructor endorses the answer; the answerer hears of it
    _log_in(third_page, base, INSTRUCTOR)
    third_page.goto(f"{base}/community/threads/{thread.pk}/")
    endorse = third_page.locator(f"#post-{post.pk} form[action$='/endorse/'] button")
    assert _submit(endorse).status == 200
    assert third_page.locator(f"#post-{post.pk} .endorsed-mark").is_visible()
    assert Notification.objects.filter(
        recipient__email=ANSWERER, kind="forum.endorsed"
    ).exists()

    # and the asker accepts it
    page.goto(f"{base}/community/threads/{thread.pk}/")
    assert (
        _submit(page.locator(f"#post-{post.pk} form[action$='/accept/'] button")).status
        == 200
    )
    assert page.locator(f"#post-{post.pk} .accepted-mark").is_visible()
    assert page.locator(f"#post-{post.pk} .endorsed-mark").is_visible()


DOM_PROBLEMS = """() => {
  const problems = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.toLowerCase().startsWith('on')) {
        problems.push(el.tagName + '[' + attr.name + ']');
      }
    }
  }
  const active = 'script, iframe, object, embed, svg, math, base';
  for (const el of document.querySelectorAll(active)) {
    // the site's own script files (the only scripts the CSP lets run)
    const own = el.tagName === 'SCRIPT' && !el.textContent.trim()
      && new URL(el.src, location.href).pathname.startsWith('/static/')
      && new URL(el.src, location.href).origin === location.origin;
    if (!own) problems.push('<' + el.tagName.toLowerCase() + '>');
  }
  for (const a of document.querySelectorAll('.message-body a[href]')) {
    if (!['http:', 'https:', 'mailto:'].includes(a.protocol)) {
      problems.push(a.protocol + ' ' + a.href);
    }
  }
  return problems;
}"""

# fire every event a payload could hang on, and click every link (kept on the page)
TOUCH_EVERYTHING = """() => {
  const types = ['mouseover', 'mouseenter', 'focus', 'click', 'toggle', 'error'];
  for (const el of document.querySelectorAll('.message-body *, h1, .thread-row a')) {
    for (const type of types) {
      try { el.dispatchEvent(new Event(type, {bubbles: true})); } catch (e) {}
    }
    if (el.tagName === 'A') {
      el.addEventListener('click', (e) => e.preventDefault());
      el.click();
    }
  }
  return window.__xss === undefined;
}"""


def test_the_xss_corpus_runs_nothing_in_the_browser(page, run_forum):
    from lms.community.services import post_create, thread_create

    base, forum, people = run_forum["url"], run_forum["forum"], run_forum["people"]
    asker, answerer = people[ASKER], people[ANSWERER]
    target = thread_create(
        author=asker, forum=forum, title="XSS 모음", body=PAYLOADS[0]
    )
    for index, payload in enumerate(PAYLOADS):
        post_create(
            author=answerer,
            thread=target,
            body=payload,
            body_format="html" if index % 2 else "markdown",
        )
        post_create(
            author=answerer,
            thread=target,
            body=payload,
            body_format="markdown" if index % 2 else "html",
        )
    for index, payload in enumerate(PAYLOADS[:29]):
        thread_create(
            author=asker,
            forum=forum,
            title=payload[:200],
            body=payload,
            body_format="html" if index % 2 else "markdown",
        )

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    _log_in(page, base, ASKER)
    thread_pages = [f"/community/threads/{target.pk}/?page={n}" for n in (1, 2, 3)]
    for path in [*thread_pages, f"/community/forums/{forum.pk}/"]:
        response = page.goto(base + path)
        assert response.status == 200
        page.wait_for_load_state("load")
        assert page.evaluate(DOM_PROBLEMS) == [], path
        assert page.evaluate(TOUCH_EVERYTHING), path
        assert page.evaluate("() => window.__xss") is None, path
    assert dialogs == []
    # the title payloads are on the forum index as plain text
    titles = page.locator(".thread-row h2 a").all_inner_texts()
    assert any(MARK in title for title in titles)


@pytest.mark.parametrize(
    "path",
    [
        "forum",
        "thread",
        "/community/",
        "/community/notifications/",
        "/community/groups/",
    ],
)
def test_community_pages_have_no_serious_or_critical_axe_violations(
    axe_js, page, run_forum, path
):
    from lms.community.services import post_create, thread_create

    people, forum = run_forum["people"], run_forum["forum"]
    thread = thread_create(
        author=people[ASKER],
        forum=forum,
        title="접근성 점검",
        body="본문 **강조**",
        kind="question",
    )
    post_create(author=people[ANSWERER], thread=thread, body="@이하늘 답변입니다")
    urls = {
        "forum": f"/community/forums/{forum.pk}/",
        "thread": f"/community/threads/{thread.pk}/",
    }
    _log_in(page, run_forum["url"], ASKER)
    response = page.goto(run_forum["url"] + urls.get(path, path))
    assert response.status == 200
    axe_inject(page, axe_js)
    result = page.evaluate("() => axe.run()")
    assert result["passes"], "axe-core ran no checks"
    violations = [
        {
            "id": violation["id"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not violations, json.dumps(violations, ensure_ascii=False, indent=2)
