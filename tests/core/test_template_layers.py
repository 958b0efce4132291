"""Templates keep the layers too: import-linter cannot see a `{% url %}`.

A template of a lower layer never reverses a URL name of a higher layer (the
order is import-linter's layers contract in pyproject.toml, read here so that
the two never disagree). The higher layer passes the link in, or registers it
(course pages use `{% action_url %}` and the `register_course_page_actions`
hook, see courses/hooks.py).
"""

import re
import tomllib
from importlib import import_module
from pathlib import Path

import pytest
from django.urls import URLResolver, get_resolver

from courses.hooks import page_action_url

ROOT = Path(__file__).resolve().parents[2]
URL_TAG = re.compile(r"""\{%\s*url\s+["']([\w-]+):[\w-]+["']""")


def _layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
    contract = next(
        c for c in config["importlinter"]["contracts"] if c["type"] == "layers"
    )
    return contract["layers"]  # highest first


def _layer_of(module: str, layers: list[str]) -> str | None:
    matches = [
        layer for layer in layers if module == layer or module.startswith(layer + ".")
    ]
    return max(matches, key=len) if matches else None


def _namespace_layers(layers: list[str]) -> dict[str, str]:
    """Each URL namespace and the layer whose views it serves."""
    found = {}

    def walk(resolver, namespace):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, pattern.namespace or namespace)
            elif namespace and namespace not in found:
                layer = _layer_of(pattern.callback.__module__, layers)
                if layer:
                    found[namespace] = layer

    walk(get_resolver(), None)
    return found


def test_the_layers_contract_is_truthful():
    layers = _layers()
    assert layers[-1] == "lms.core"
    assert not [layer for layer in layers if layer.startswith("(")]
    for layer in layers:
        import_module(layer)  # each app exists


def test_no_template_reverses_a_higher_layers_url():
    layers = _layers()
    namespaces = _namespace_layers(layers)
    assert {"learning", "courses", "lodging", "community"} <= set(namespaces)
    wrong = []
    for layer in layers:
        folder = ROOT.joinpath(*layer.split(".")) / "templates"
        for template in sorted(folder.rglob("*")):
            if template.suffix not in (".html", ".txt", ".xml"):
                continue
            for namespace in URL_TAG.findall(template.read_text()):
                target = namespaces.get(namespace)
                if target and layers.index(target) < layers.index(layer):
                    wrong.append(f"{template.relative_to(ROOT)} → {namespace}:")
    assert wrong == []


@pytest.mark.parametrize(
    "action, args",
    [("run-enroll", (1,)), ("bookmark-toggle", ()), ("quiz-start", (2,))],
)
def test_learning_registers_the_course_page_actions(action, args):
    assert page_action_url(action, *args).startswith("/")
