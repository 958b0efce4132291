"""Imported HTML into a lesson body: sanitised, split into blocks, links and
images resolved inside the package."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

# --- HTML into a lesson body -------------------------------------------------------

_BLOCK_TAGS = {"p", "h3", "h4", "ul", "ol", "hr"}
_RENAME = {"strong": "b", "em": "i", "h5": "h4", "h6": "h4"}


class _BodyBuilder(HTMLParser):
    """Sanitised HTML into StreamField blocks: headings, paragraphs, images.

    Rich text is split where a top-level heading or an image comes (images are
    blocks of their own), closing and reopening the tags around the split.
    """

    def __init__(self, *, link_for, image_for) -> None:
        super().__init__(convert_charrefs=True)
        self.link_for = link_for
        self.image_for = image_for
        self.blocks: list[dict] = []
        self.buffer: list[str] = []
        self.stack: list[str] = []
        self.heading: list[str] | None = None
        self.implicit_p = False

    # helpers
    def _flush(self) -> None:
        if self.implicit_p:
            self.buffer.append("</p>")
            self.implicit_p = False
        html = "".join(self.buffer).strip()
        if re.sub(r"<[^>]+>|\s", "", html) or "<hr" in html:
            self.blocks.append({"type": "paragraph", "value": html})
        self.buffer = []

    def _split(self, block: dict) -> None:
        reopen = list(self.stack)
        self.buffer.extend(f"</{tag}>" for tag in reversed(reopen))
        was_implicit = self.implicit_p
        self._flush()
        self.blocks.append(block)
        if was_implicit:
            self.buffer.append("<p>")
            self.implicit_p = True
        self.buffer.extend(f"<{tag}>" for tag in reopen)

    def handle_starttag(self, tag, attrs):
        tag = _RENAME.get(tag, tag)
        attrs = dict(attrs)
        if self.heading is not None:
            return
        if tag in ("h1", "h2") and not self.stack:
            self._flush()
            self.heading = []
            return
        if tag in ("h1", "h2"):
            tag = "h3"
        if tag == "img":
            block = self.image_for(attrs.get("src") or "", attrs.get("alt") or "")
            if block is not None:
                self._split(block)
            return
        if tag in ("br", "hr"):
            if tag == "hr" and not self.stack:
                self._close_implicit()
            self.buffer.append(f"<{tag}/>")
            return
        if tag in _BLOCK_TAGS and not self.stack:
            self._close_implicit()
        elif not self.stack and not self.implicit_p and tag not in _BLOCK_TAGS:
            self.buffer.append("<p>")
            self.implicit_p = True
        if tag == "a":
            link = self.link_for(attrs.get("href") or "")
            self.buffer.append(f"<a {link}>" if link else "<a>")
        elif tag == "li" and not self.stack:
            self.buffer.append("<ul>")
            self.stack.append("ul")
            self.buffer.append("<li>")
        else:
            self.buffer.append(f"<{tag}>")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        tag = _RENAME.get(tag, tag)
        if self.heading is not None:
            if tag in ("h1", "h2"):
                text = " ".join("".join(self.heading).split())
                if text:
                    self.blocks.append(
                        {
                            "type": "heading",
                            "value": {"text": text[:200], "level": "h2"},
                        }
                    )
                self.heading = None
            return
        if tag in ("h1", "h2"):
            tag = "h3"
        if tag not in self.stack:
            return
        while self.stack:
            open_tag = self.stack.pop()
            self.buffer.append(f"</{open_tag}>")
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.heading is not None:
            self.heading.append(data)
            return
        if not data.strip() and not self.stack:
            return
        if not self.stack and not self.implicit_p:
            self.buffer.append("<p>")
            self.implicit_p = True
        self.buffer.append(escape(data, quote=False))

    def _close_implicit(self) -> None:
        if self.implicit_p:
            self.buffer.append("</p>")
            self.implicit_p = False

    def result(self) -> list[dict]:
        self.close()
        while self.stack:
            self.buffer.append(f"</{self.stack.pop()}>")
        self._flush()
        return self.blocks


def _html_body(data: bytes) -> str:
    text = data.decode("utf-8", errors="replace")
    match = re.search(r"<body[^>]*>(.*)</body\s*>", text, re.IGNORECASE | re.DOTALL)
    return match.group(1) if match else text
