"""OAI-PMH 2.0 at /oai: the six verbs, by GET and POST, in oai_dc and oai_datacite.

Written to the protocol (https://www.openarchives.org/OAI/openarchivesprotocol.html)
rather than on the `oaipmh` package, which gets several rules wrong (no final
empty resumption token, forged tokens trusted, repeated arguments accepted).

- Records are `OaiRecord` rows, ordered by (datestamp, id); a resumption token
  is that keyset position, signed, with the harvest's arguments, its cursor,
  the complete list size and an expiry 25 hours ahead. A forged, altered or
  expired token is a badResumptionToken.
- Deleted publications stay as tombstones (deletedRecord "persistent").
- Every error is HTTP 200 XML with the protocol's code.
- oai_dc covers every record; oai_datacite (DataCite kernel-4) only publications
  with a DOI, since DataCite's identifier must be one (see `oai_datacite`).

Modules: `protocol` (identifiers, datestamps, tokens, the document), `verbs`
(the endpoint and the six verbs), `formats` (the registry), `oai_dc` and
`oai_datacite` (the writers).
"""

from .formats import METADATA_FORMATS
from .protocol import TOKEN_SALT, OaiError, oai_identifier
from .verbs import oai_endpoint

__all__ = [
    "METADATA_FORMATS",
    "TOKEN_SALT",
    "OaiError",
    "oai_endpoint",
    "oai_identifier",
]
