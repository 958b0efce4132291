"""The demo's content as data: YAML files and Markdown bodies under `demo/`.

Each app's `demo.py` reads its content here and builds it through its own
models and services; this module only reads, checks and converts. A mistake in
a file (a missing key, a wrong type, an unknown choice, a missing body) is a
`DemoDataError` that names the file and the key, e.g.
`demo/courses/x.yaml: modules[2].lessons[0].minutes: expected a whole number`.

Bilingual text stands side by side as `{ko: …, en: …}`.

Bodies are Markdown, one file a language (`<name>.ko.md`, `<name>.en.md`), so a
translator works on one whole text and an editor previews it as written. A
body becomes StreamField blocks, one a Markdown block (separated by a blank
line):
- a paragraph → `("paragraph", "<p>…</p>")` (inline Markdown and HTML allowed);
- a quote that opens with `[!TIP]`, `[!INFO]` or `[!WARNING]` (GitHub's alert
  syntax) → `("callout", {"kind": "tip", "text": "<p>…</p>"})`;
- a block whose first line is only a link, `[title](url)`, and whose next
  lines describe it → `("link", {"title", "url", "description"})`.
"""

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from markdown_it import MarkdownIt

LANGUAGES = ("ko", "en")
CALLOUT_KINDS = ("tip", "info", "warning")
_CALLOUT = re.compile(r"^\[!(?P<kind>[A-Z]+)\]\n(?P<text>.+)$", re.DOTALL)
_LINK = re.compile(r"^\[(?P<title>[^\]\n]+)\]\((?P<url>\S+)\)\n(?P<description>.+)$")


class DemoDataError(ValueError):
    """A demo data file is missing or malformed; the message names the file
    and the key."""


def demo_root() -> Path:
    return Path(settings.BASE_DIR) / "demo"


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(Path(settings.BASE_DIR)))
    except ValueError:
        return str(path)


@dataclass(frozen=True)
class Node:
    """A mapping read from a demo file, whose accessors check the type of what
    they return and name the file and key path when it is wrong."""

    data: dict
    file: Path
    where: str = ""

    def _key(self, key: str | int) -> str:
        if isinstance(key, int):
            return f"{self.where}[{key}]"
        return f"{self.where}.{key}" if self.where else key

    def error(self, key: str | int, problem: str) -> DemoDataError:
        return DemoDataError(f"{_relative(self.file)}: {self._key(key)}: {problem}")

    def has(self, key: str) -> bool:
        return key in self.data

    def raw(self, key: str) -> Any:
        if key not in self.data:
            raise self.error(key, "missing")
        return self.data[key]

    def _typed(self, key: str, kinds: tuple[type, ...], expected: str) -> Any:
        value = self.raw(key)
        # bool is an int in Python; a whole number is never a flag here
        if not isinstance(value, kinds) or (
            isinstance(value, bool) and bool not in kinds
        ):
            raise self.error(key, f"expected {expected}, got {value!r}")
        return value

    def text(self, key: str) -> str:
        return self._typed(key, (str,), "text")

    def flag(self, key: str) -> bool:
        return self._typed(key, (bool,), "true or false")

    def whole(self, key: str) -> int:
        return self._typed(key, (int,), "a whole number")

    def date(self, key: str) -> dt.date:
        """A date written as YAML writes one: 2024-03-01."""
        return self._typed(key, (dt.date,), "a date (2024-03-01)")

    def optional_date(self, key: str) -> dt.date | None:
        return None if self.data.get(key) is None else self.date(key)

    def optional_text(self, key: str, default: str = "") -> str:
        return self.text(key) if key in self.data else default

    def decimal(self, key: str) -> Decimal:
        value = self._typed(key, (str, int), "a number in quotes")
        try:
            return Decimal(str(value))
        except InvalidOperation:
            raise self.error(key, f"expected a number, got {value!r}") from None

    def texts(self, key: str) -> list[str]:
        values = self._typed(key, (list,), "a list")
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise self.node_at(key).error(index, f"expected text, got {value!r}")
        return values

    def nodes_of_texts(self, key: str) -> list[list[str]]:
        """A list of lists of text, e.g. a table's rows."""
        rows = self._typed(key, (list,), "a list of lists")
        table = self.node_at(key)
        for index, row in enumerate(rows):
            if not isinstance(row, list) or not all(isinstance(v, str) for v in row):
                raise table.error(index, "expected a list of text")
        return rows

    def choice(self, key: str, choices) -> Any:
        """A value of a Django `TextChoices` class, e.g. `delivery: on_site`."""
        value = self.text(key)
        if value not in choices.values:
            allowed = ", ".join(choices.values)
            raise self.error(key, f"{value!r} is not one of {allowed}")
        return choices(value)

    def node(self, key: str) -> "Node":
        value = self._typed(key, (dict,), "a mapping")
        return Node(value, self.file, self._key(key))

    def node_at(self, key: str) -> "Node":
        """The list at `key` as a node, for naming its items in errors."""
        return Node({}, self.file, self._key(key))

    def nodes(self, key: str) -> list["Node"]:
        values = self._typed(key, (list,), "a list")
        where = self._key(key)
        nodes = []
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                raise Node({}, self.file, where).error(index, "expected a mapping")
            nodes.append(Node(value, self.file, f"{where}[{index}]"))
        return nodes

    def bilingual(self, key: str) -> dict[str, Any]:
        """`{ko: …, en: …}`: both languages, nothing else."""
        both = self.node(key)
        if set(both.data) != set(LANGUAGES):
            raise self.error(key, f"expected the keys ko and en, got {list(both.data)}")
        return dict(both.data)

    def bilingual_text(self, key: str) -> dict[str, str]:
        both = self.node(key)
        self.bilingual(key)
        return {code: both.text(code) for code in LANGUAGES}


def demo_load(relative: str) -> Node:
    """The YAML mapping in `demo/<relative>`."""
    path = demo_root() / relative
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DemoDataError(f"{_relative(path)}: no such file") from None
    except yaml.YAMLError as error:
        raise DemoDataError(f"{_relative(path)}: not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise DemoDataError(f"{_relative(path)}: expected a mapping at the top")
    return Node(data, path)


def page_upsert(parent, model, slug: str, locale, source, **fields):
    """Create or update the child page `slug` of `parent` in `locale` (as a
    translation of `source` when given), set `fields` and publish it."""
    page = model.objects.filter(locale=locale, slug=slug).child_of(parent).first()
    if page is None:
        if source is not None:
            page = source.copy_for_translation(locale, copy_parents=False, alias=False)
            page = model.objects.get(pk=page.pk)
        else:
            page = model(slug=slug, locale=locale, **fields)
            parent.add_child(instance=page)
    page.slug = slug
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def markdown_html(markdown: str) -> str:
    """Markdown as HTML for a rich-text field; CommonMark with inline HTML
    (the demo's files are ours, not users' input)."""
    return MarkdownIt("commonmark").render(markdown).strip()


def markdown_blocks(markdown: str, *, source: str = "Markdown") -> list[tuple]:
    """StreamField blocks from a body in the demo's Markdown (module docstring)."""
    blocks: list[tuple] = []
    for index, block in enumerate(re.split(r"\n\s*\n", markdown.strip()), start=1):
        if block.startswith(">"):
            quote = "\n".join(line[1:].lstrip() for line in block.splitlines())
            match = _CALLOUT.match(quote)
            kind = match and match["kind"].lower()
            if kind not in CALLOUT_KINDS:
                raise DemoDataError(
                    f"{source}: block {index}: a quote opens with [!TIP], [!INFO] "
                    "or [!WARNING]"
                )
            blocks.append(
                ("callout", {"kind": kind, "text": markdown_html(match["text"])})
            )
        elif link := _LINK.match(block):
            blocks.append(
                (
                    "link",
                    {
                        "title": link["title"],
                        "url": link["url"],
                        "description": link["description"],
                    },
                )
            )
        else:
            blocks.append(("paragraph", markdown_html(block)))
    return blocks


def markdown_file_blocks(relative: str) -> list[tuple]:
    """The blocks of the Markdown file `demo/<relative>`."""
    path = demo_root() / relative
    try:
        markdown = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DemoDataError(f"{_relative(path)}: no such file") from None
    return markdown_blocks(markdown, source=_relative(path))
