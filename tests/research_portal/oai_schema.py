"""The official OAI-PMH 2.0 schemas, loaded with lxml without the network.

The schemas are unmodified copies in the shared folder beside the project
(`../shared/schemas/oai/`, which CI has); tests that need them skip with the
reason when it is absent. Imports by URL (oai_dc.xsd imports Dublin Core from
dublincore.org, which imports xml.xsd from w3.org) resolve to the same folder.

oai_datacite records are validated too, against DataCite's own schemas vendored
in `tests/schemas/datacite/` (the oai-1.1 wrapper and the kernel-4 metadata
schema, 4.7): the wrapper's `payload` is untyped, so its `resource` is checked
against its global declaration in kernel-4 (lax wildcard), which is loaded here.
"""

import functools
import os
from pathlib import Path

import pytest
from lxml import etree

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
NS = {
    "oai": OAI_NS,
    "oai_dc": "http://www.openarchives.org/OAI/2.0/oai_dc/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "oai_datacite": "http://schema.datacite.org/oai/oai-1.1/",
    "datacite": "http://datacite.org/schema/kernel-4",
}
DATACITE_DIR = Path(__file__).resolve().parents[1] / "schemas" / "datacite"


def schema_dir() -> Path | None:
    configured = os.environ.get("CAMPUS_SHARED_SCHEMAS")
    candidates = [Path(configured) / "oai"] if configured else []
    here = Path(__file__).resolve()
    candidates += [parent / "shared" / "schemas" / "oai" for parent in here.parents]
    for candidate in candidates:
        if (candidate / "OAI-PMH.xsd").is_file():
            return candidate
    return None


class _LocalResolver(etree.Resolver):
    def __init__(self, folder: Path):
        super().__init__()
        self.folder = folder

    def resolve(self, url, pubid, context):
        local = self.folder / url.rsplit("/", 1)[-1]
        if local.is_file():
            return self.resolve_filename(str(local), context)
        return None


@functools.cache
def _schema_from(folder: str) -> etree.XMLSchema:
    folder_path = Path(folder)
    wrapper = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
      targetNamespace="urn:campus:tests:oai" elementFormDefault="qualified">
      <xs:import namespace="{OAI_NS}"
        schemaLocation="{(folder_path / "OAI-PMH.xsd").as_uri()}"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/"
        schemaLocation="{(folder_path / "oai_dc.xsd").as_uri()}"/>
      <xs:import namespace="http://www.openarchives.org/OAI/2.0/oai-identifier"
        schemaLocation="{(folder_path / "oai-identifier.xsd").as_uri()}"/>
      <xs:import namespace="{NS["oai_datacite"]}"
        schemaLocation="{(DATACITE_DIR / "oai-1.1" / "oai.xsd").as_uri()}"/>
      <xs:import namespace="{NS["datacite"]}"
        schemaLocation="{(DATACITE_DIR / "kernel-4" / "metadata.xsd").as_uri()}"/>
    </xs:schema>"""
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalResolver(folder_path))
    document = etree.fromstring(wrapper.encode(), parser, base_url=folder_path.as_uri())
    return etree.XMLSchema(document)


def oai_schema() -> etree.XMLSchema:
    folder = schema_dir()
    if folder is None:
        pytest.skip(
            "the OAI-PMH schemas are not here: ../shared/schemas/oai/ is absent "
            "(set CAMPUS_SHARED_SCHEMAS to the shared schemas folder)"
        )
    return _schema_from(str(folder))


def assert_valid(body: bytes) -> etree._Element:
    """Parse an OAI-PMH response and validate it against the official schemas."""
    document = etree.fromstring(body)
    schema = oai_schema()
    if not schema.validate(document):
        raise AssertionError(
            "invalid OAI-PMH response:\n"
            + "\n".join(str(error) for error in schema.error_log)
            + "\n"
            + body.decode()[:3000]
        )
    return document
