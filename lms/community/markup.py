"""What people write in the forums, made safe to show.

A message is written in Markdown (the default) or in a small subset of HTML.
Either way the result goes through nh3 (the Rust `ammonia` sanitiser) with an
allow-list of tags, attributes and URL schemes: Markdown is rendered by
markdown-it-py with raw HTML switched off, and its output is sanitised all the
same, so a Markdown trick that yields a `javascript:` link or an event handler
is removed as surely as typed HTML.

@mentions are found in the sanitised HTML's text (never inside links or code)
and wrapped in `<span class="mention">`; the result is sanitised once more.
"""

import re
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "blockquote",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "a",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "span",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"scope"},
}
URL_SCHEMES = {"http", "https", "mailto"}
# Remove these with everything inside them, not just the tags.
CLEAN_CONTENT_TAGS = {"script", "style", "iframe", "object", "embed", "svg", "math"}

MENTION = re.compile(r"(?<![\w@.])@([\w][\w.\-]{0,63})", re.UNICODE)
NO_MENTIONS_INSIDE = {"a", "code", "pre"}

_markdown = (
    MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    .enable("table")
    .enable("strikethrough")
)


def _headings_down(html: str) -> str:
    """h1/h2 of a message would compete with the page's own headings."""
    return re.sub(r"<(/?)h[12]\b", r"<\1h3", html)


def sanitize(html: str) -> str:
    """Only the allowed tags, attributes and link schemes; links get rel=nofollow."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=CLEAN_CONTENT_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener noreferrer ugc",
        allowed_classes={"span": {"mention"}},
        strip_comments=True,
    )


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        if tag in {"p", "br", "li", "tr", "h3", "h4", "h5", "h6", "pre", "blockquote"}:
            self.parts.append(" ")


def plain_text(html: str) -> str:
    """The words of sanitised HTML, for search and e-mail."""
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return re.sub(r"\s+", " ", "".join(collector.parts)).strip()


def mention_tokens(text: str) -> set[str]:
    """The `@names` in a text, without the @."""
    return {match.group(1).rstrip(".-") for match in MENTION.finditer(text)}


class _MentionLinker(HTMLParser):
    """Rebuild sanitised HTML, wrapping known @names found in text nodes."""

    def __init__(self, known: set[str]):
        super().__init__(convert_charrefs=True)
        self.known = known
        self.out: list[str] = []
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in NO_MENTIONS_INSIDE:
            self.skip_depth += 1
        rendered = "".join(
            f' {name}="{escape(value or "", quote=True)}"' for name, value in attrs
        )
        self.out.append(f"<{tag}{rendered}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in NO_MENTIONS_INSIDE:
            self.skip_depth -= 1

    def handle_endtag(self, tag):
        if tag in NO_MENTIONS_INSIDE and self.skip_depth:
            self.skip_depth -= 1
        self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if self.skip_depth:
            self.out.append(escape(data, quote=False))
            return
        position = 0
        for match in MENTION.finditer(data):
            name = match.group(1).rstrip(".-")
            if name not in self.known:
                continue
            start, end = match.start(), match.start() + len(name) + 1
            self.out.append(escape(data[position:start], quote=False))
            self.out.append(
                f'<span class="mention">@{escape(name, quote=False)}</span>'
            )
            position = end
        self.out.append(escape(data[position:], quote=False))


def mentions_link(html: str, known: set[str]) -> str:
    if not known:
        return html
    linker = _MentionLinker(known)
    linker.feed(html)
    linker.close()
    return sanitize("".join(linker.out))


@dataclass
class Rendered:
    html: str
    text: str
    mentions: set[str] = field(default_factory=set)


def render(source: str, *, body_format: str) -> Rendered:
    """A message as safe HTML, its plain text and the @names it mentions."""
    raw = source if body_format == "html" else _markdown.render(source)
    html = sanitize(_headings_down(raw))
    text = plain_text(html)
    return Rendered(html=html, text=text, mentions=mention_tokens(text))


def title_clean(title: str) -> str:
    """A title is plain text: control characters out, spaces squeezed.

    Templates escape it when they show it; nothing here makes it HTML.
    """
    title = "".join(ch for ch in title if ch.isprintable() or ch == " ")
    return re.sub(r"\s+", " ", title).strip()
