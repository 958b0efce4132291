"""Crawl what a signed-in person reaches from the home page and their menus,
in Korean, and report English sentences outside user content.

Used by tests/core/test_korean_pages.py; user content (names, course titles
written in English, e-mails) is excluded by element: `lang="en"`, inputs,
code, links to people's addresses, and the brand words below.
"""

import re
from urllib.parse import urlsplit

from lxml import html

# words that stay as they are in Korean text: brands, standards, formats
ALLOWED = {
    "campus",
    "api",
    "csv",
    "pdf",
    "qr",
    "json",
    "jwt",
    "jwks",
    "ics",
    "url",
    "open",
    "badge",
    "badges",
    "openapi",
    "lti",
    "oai",
    "pmh",
    "google",
    "outlook",
    "ical",
    "icalendar",
    "kakao",
    "naver",
    "wagtail",
    "django",
    "utf",
    "mb",
    "kb",
    "vc",
    "jbse",
    "email",
    "e-mail",
    "id",
    "sns",
    "faq",
    "am",
    "pm",
    "ok",
    "online",
    "zoom",
    "webcal",
    "doi",
    "orcid",
    "excel",
}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
SKIP_TAGS = {"script", "style", "code", "pre", "textarea", "option", "noscript"}
SKIP_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/api/",
    "/en/",
    "/static/",
    "/media/",
    "/calendar/",
    "/badges/",
    "/documents/",
    "/i18n/",
    "/mailbox/",
)


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words in a row that are not allowed."""
    found, run = [], []
    for token in re.split(r"\s+", text):
        word = token.strip(".,:;!?()[]{}\"'“”‘’·–—/")
        if WORD.fullmatch(word or "") and word.lower() not in ALLOWED:
            run.append(word)
            continue
        if len(run) >= 3:
            found.append(" ".join(run))
        run = []
    if len(run) >= 3:
        found.append(" ".join(run))
    return found


def page_english(content: bytes, user_texts: set[str]) -> list[str]:
    tree = html.fromstring(content)
    for element in tree.xpath("//*[@lang and not(starts-with(@lang, 'ko'))]"):
        if element.tag != "html":
            element.drop_tree()
    for element in tree.iter(*SKIP_TAGS):
        element.text = ""
    body = tree.find("body")
    text = " ".join(body.itertext()) if body is not None else ""
    text = re.sub(r"\s+", " ", text)
    for user_text in sorted(user_texts, key=len, reverse=True):
        text = text.replace(user_text, " ")
    return english_runs(text)


def links_of(content: bytes) -> list[str]:
    tree = html.fromstring(content)
    found = []
    for href in tree.xpath("//a/@href"):
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith("/"):
            continue
        if parts.path.startswith(SKIP_PREFIXES) or parts.path.endswith(
            (".csv", ".pdf", ".ics", ".json", ".jwt", ".txt", ".xml")
        ):
            continue
        found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def crawl(client, *, start, user_texts=frozenset(), depth: int = 2, limit: int = 120):
    """{path: [english runs]} for the pages reached from `start`."""
    seen, report, frontier = set(), {}, list(start)
    for _level in range(depth + 1):
        following = []
        for path in frontier:
            if path in seen or len(seen) >= limit:
                continue
            seen.add(path)
            response = client.get(path)
            if response.status_code != 200 or "html" not in response.get(
                "Content-Type", ""
            ):
                continue
            runs = page_english(response.content, user_texts)
            if runs:
                report[path] = runs
            following.extend(links_of(response.content))
        frontier = following
    return report, seen
