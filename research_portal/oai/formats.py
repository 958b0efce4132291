"""The metadata formats this repository disseminates.

Which records a format covers is decided when a record is written
(`services.publication_metadata_formats`) and kept on the `OaiRecord`, tombstones
included, so that a harvester of a format hears of the deletion of a record it
had: oai_dc covers every record, oai_datacite only those with a DOI.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .oai_datacite import (
    OAI_DATACITE_NS,
    OAI_DATACITE_SCHEMA,
    write_oai_datacite,
)
from .oai_dc import OAI_DC_NS, OAI_DC_SCHEMA, write_oai_dc


@dataclass(frozen=True)
class MetadataFormat:
    """A metadataPrefix with its schema, namespace and writer."""

    prefix: str
    schema: str
    namespace: str
    write: Callable


METADATA_FORMATS = {
    item.prefix: item
    for item in (
        MetadataFormat("oai_dc", OAI_DC_SCHEMA, OAI_DC_NS, write_oai_dc),
        MetadataFormat(
            "oai_datacite", OAI_DATACITE_SCHEMA, OAI_DATACITE_NS, write_oai_datacite
        ),
    )
}
