"""An XSS corpus into post bodies and titles: nothing that could run survives,
in what the services store and in the pages that show it.
"""

import lxml.html
import pytest
from django.urls import reverse

from lms.community.markup import render
from lms.community.models import Post, Thread
from lms.community.services import post_create, thread_create

from .html_checks import element_problems, message_problems, scripting_problems
from .xss_corpus import MARK, MARKDOWN_PAYLOADS, PAYLOADS

pytestmark = pytest.mark.django_db


def test_the_corpus_has_at_least_forty_payloads():
    assert len(PAYLOADS) >= 40
    assert len(set(PAYLOADS)) == len(PAYLOADS)


@pytest.mark.parametrize("body_format", ["markdown", "html"])
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_renders_to_nothing_that_can_run(payload, body_format):
    rendered = render(payload, body_format=body_format)
    assert message_problems(rendered.html) == []
    # nothing executable as markup; as text the payload may stay, escaped
    assert "<script" not in rendered.html.lower()


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_markdown_link_tricks_give_no_dangerous_link(payload):
    document = lxml.html.fragment_fromstring(
        render(payload, body_format="markdown").html or "<p></p>", create_parent="div"
    )
    for link in document.iter("a"):
        href = (link.get("href") or "").strip().lower()
        assert not href.startswith(("javascript", "vbscript", "data")), href


def test_a_safe_link_survives_with_rel_nofollow():
    html = render("[협동조합](https://coop.example/)", body_format="markdown").html
    link = lxml.html.fragment_fromstring(html, create_parent="div").find(".//a")
    assert link.get("href") == "https://coop.example/"
    assert "nofollow" in link.get("rel")


def test_payloads_in_bodies_and_titles_are_inert_on_the_pages(
    client, forum, learner, learner2
):
    threads = []
    for index, payload in enumerate(PAYLOADS):
        threads.append(
            thread_create(
                author=learner,
                forum=forum,
                title=payload[:200],
                body=payload,
                body_format="html" if index % 2 else "markdown",
            )
        )
    target = threads[0]
    for index, payload in enumerate(PAYLOADS):
        post_create(
            author=learner2,
            thread=target,
            body=payload,
            body_format="markdown" if index % 2 else "html",
        )
    assert Post.objects.filter(thread=target).count() == len(PAYLOADS)

    client.force_login(learner)
    for url in (
        reverse("community:thread", args=[target.pk]),
        reverse("community:thread", args=[target.pk]) + "?page=2",
        reverse("community:forum", args=[forum.pk]),
        reverse("community:forum", args=[forum.pk]) + "?page=2",
    ):
        response = client.get(url)
        assert response.status_code == 200
        document = lxml.html.fromstring(response.content)
        assert scripting_problems(document) == [], url
        for body in document.find_class("message-body"):
            assert element_problems(body) == []
    # the titles are shown as text: exactly what was typed, escaped
    page = client.get(reverse("community:thread", args=[threads[0].pk]))
    heading = lxml.html.fromstring(page.content).get_element_by_id("thread-title")
    assert heading.text_content() == Thread.objects.get(pk=threads[0].pk).title
    assert MARK in heading.text_content()
