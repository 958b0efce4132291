"""The permission matrix: every URL of the site, asked by every role.

The table is `tests/core/permission_matrix.py` (read its docstring); the world
it is asked in is `tests/core/permission_world.py`: the demo, built once for
the module inside a transaction that is rolled back at the end, one signed-in
session per role, and each request in a savepoint of its own.
"""

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from .permission_matrix import (
    GET_MATRIX,
    POST_MATRIX,
    REFUSALS,
    SAMPLED_PREFIXES,
    localized,
    markdown,
    rows,
)
from .permission_world import (
    ROLES,
    client_for,
    outcome,
    sessions_open,
    tables_written,
    world_build,
    world_files_delete,
)

GET_ROWS = rows(GET_MATRIX)
POST_ROWS = rows(POST_MATRIX)
# in English, the roles whose answers carry the language: the sign-in redirect
# (anon) and a refusal of someone else's object (B)
ENGLISH_ROLES = ("anon", "learner2")
ENGLISH_ROWS = [(path, cells) for path, cells in GET_ROWS if localized(path)]
# served only in development, never by the test settings' site
UNLISTED_VIEWS = {"django.views.static.serve"}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The demo and its refs, and a session per role, for the whole module."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            refs = world_build()
            yield refs, sessions_open()
        finally:
            world_files_delete()
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _ask(world, method: str, path: str, roles) -> list[str]:
    """Ask `path` as each role; the mismatches, each naming URL, role,
    expected and actual."""
    refs, sessions = world
    template, expected = path
    url_template, _, form = template.partition("|")
    url = url_template.format(**refs)
    data = dict(parse_qsl(form.format(**refs)))
    wrong = []
    for role in roles:
        sid = transaction.savepoint()
        cache.clear()
        try:
            client = client_for(role, sessions, url)
            with CaptureQueriesContext(connection) as queries:
                if method == "POST":
                    response = client.post(url, data)
                else:
                    response = client.get(url)
            got = outcome(response)
            if got != expected[role]:
                wrong.append(
                    f"{method} {url} ({template}) as {role}: expected "
                    f"{expected[role]}, got {got} ({response.status_code} "
                    f"{response.get('Location', '')})"
                )
            elif got in REFUSALS:
                written = tables_written(queries.captured_queries)
                if written:
                    wrong.append(
                        f"{method} {url} as {role}: refused ({got}) but wrote "
                        f"{sorted(written)}"
                    )
        finally:
            transaction.savepoint_rollback(sid)
            translation.deactivate()
    return wrong


def _key(path: str) -> str:
    """The path without its query or its form."""
    return path.partition("|")[0].partition("?")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("row", GET_ROWS, ids=[_key(path) for path, _ in GET_ROWS])
def test_get(world, row):
    """Every role gets the answer its cell promises, in Korean; a refusal,
    GET or POST, writes nothing."""
    wrong = _ask(world, "GET", row, ROLES)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "row", ENGLISH_ROWS, ids=[_key(path) for path, _ in ENGLISH_ROWS]
)
def test_get_in_english(world, row):
    """Under /en/ the answers are the same (the sign-in is the English one)."""
    path, cells = row
    wrong = _ask(world, "GET", (localized(path), cells), ENGLISH_ROLES)
    assert not wrong, "\n".join(wrong)


@pytest.mark.django_db
@pytest.mark.parametrize("row", POST_ROWS, ids=[path for path, _ in POST_ROWS])
def test_post(world, row):
    """A POST (an empty one, or the row's form) gets the promised answer."""
    wrong = _ask(world, "POST", row, ROLES)
    assert not wrong, "\n".join(wrong)


def _join(route: str, more: str) -> str:
    """Routes joined the way `ResolverMatch.route` joins them."""
    return more if not route else route + more.removeprefix("^")


def _patterns(patterns, prefix=""):
    """(route, view) of every pattern, includes and language prefixes walked."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _patterns(
                pattern.url_patterns, _join(prefix, str(pattern.pattern))
            )
        elif isinstance(pattern, URLPattern):
            yield _join(prefix, str(pattern.pattern)), pattern.lookup_str


@pytest.mark.django_db
def test_every_url_pattern_has_a_row(world):
    """A URL cannot be added without its row: every pattern Django resolves is
    the pattern of a row (the admins' by their sample), and every row resolves."""
    refs, _ = world
    translation.activate("ko")  # the language prefix of the Korean site is ''
    patterns = {
        route
        for route, view in _patterns(get_resolver().url_patterns)
        if view not in UNLISTED_VIEWS
    }
    covered = set()
    for path, _ in GET_ROWS + POST_ROWS:
        match = resolve(_key(path).format(**refs))
        covered.add(match.route)
    missing = sorted(
        route for route in patterns - covered if not route.startswith(SAMPLED_PREFIXES)
    )
    assert not missing, "URL patterns without a row in the matrix:\n" + "\n".join(
        missing
    )
    for prefix in SAMPLED_PREFIXES:
        sample = [route for route in covered if route.startswith(prefix)]
        assert len(sample) >= 3, f"the sample of /{prefix} is too small: {sample}"


def test_docs_permissions_is_rendered_from_the_matrix():
    """docs/permissions.md is the table as it is (render it again after a change)."""
    docs = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
    assert docs.read_text(encoding="utf-8") == markdown(), (
        "render it: python -m tests.core.permission_matrix > docs/permissions.md"
    )
