"""Independent checks of Open Badges 3.0 output, kept out of production code.

- JSON-LD expansion with pyld against the published contexts, vendored in
  tests/schemas/ (W3C `credentials/v2`, 1EdTech `context-3.0.3.json`; see the
  README there), in the spirit of JSON-LD's safe mode: a term that a context
  does not define fails, whether pyld drops it or the VC v2 context's
  `@vocab` maps it to an "issuer-dependent" IRI.
- The JSON Schema Campus wrote from the specification
  (tests/schemas/campus-open-badges-3.0.schema.json), with jsonschema.
"""

import json
from pathlib import Path

from pyld import jsonld

SCHEMAS = Path(__file__).resolve().parents[1] / "schemas"
CONTEXTS = {
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": (
        "ob-context-3.0.3.json"
    ),
}
ISSUER_DEPENDENT = "https://www.w3.org/ns/credentials/issuer-dependent#"


class UndefinedTerm(AssertionError):
    """A member of the document that no context defines."""


def _load(url, options=None):
    if url not in CONTEXTS:
        raise UndefinedTerm(f"context not vendored (no network in tests): {url}")
    document = json.loads((SCHEMAS / CONTEXTS[url]).read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def _iris(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            if key == "@type":
                yield from value if isinstance(value, list) else [value]
            yield from _iris(value)
    elif isinstance(node, list):
        for item in node:
            yield from _iris(item)


def jsonld_expand_strict(document: dict) -> list:
    """`document` expanded; UndefinedTerm if any member or type is undefined."""
    dropped = []
    expanded = jsonld.expand(
        document,
        {"documentLoader": _load},
        on_property_dropped=dropped.append,
    )
    if dropped:
        raise UndefinedTerm(f"dropped by JSON-LD expansion: {dropped}")
    vague = sorted(
        {iri for iri in _iris(expanded) if str(iri).startswith(ISSUER_DEPENDENT)}
    )
    if vague:
        raise UndefinedTerm(f"not defined by the contexts: {vague}")
    return expanded


def badge_schema() -> dict:
    path = SCHEMAS / "campus-open-badges-3.0.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def badge_schema_validator(definition: str = ""):
    """A jsonschema validator for the OpenBadgeCredential (or one of its
    `$defs`, e.g. "Profile", "Achievement", "JwtPayload")."""
    from jsonschema import Draft202012Validator, FormatChecker

    schema = badge_schema()
    if definition:
        schema = {
            "$schema": schema["$schema"],
            "$ref": f"#/$defs/{definition}",
            "$defs": schema["$defs"],
        }
    return Draft202012Validator(schema, format_checker=FormatChecker())
