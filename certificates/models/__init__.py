"""Certificates of completion (이수증): templates, issued certificates, bulk runs.

A certificate is issued once per enrolment: a partial unique constraint allows
one *current* certificate per enrolment, and the issuing service locks the
enrolment row before it looks. A correction does not edit a certificate; it
supersedes it with a new one (new serial number and verification code), so
what was once issued stays on record and verifiers of the old code are told.

What a certificate says (names, course title, hours, dates) is copied onto it
when it is issued: a later change to the course or the account does not alter
a document that is already in someone's hands.
"""

from .batches import (
    CertificateBatch,
    CertificateBatchItem,
    CertificateBatchMode,
    CertificateBatchStatus,
)
from .certificates import (
    Certificate,
    CertificateEvent,
    CertificateEventKind,
    CertificateQuerySet,
    CertificateStatus,
    SerialCounter,
    verification_code_new,
)
from .templates import (
    CertificateSignatory,
    CertificateTemplate,
    CourseCertificate,
    colour_validator,
)

__all__ = [
    "Certificate",
    "CertificateBatch",
    "CertificateBatchItem",
    "CertificateBatchMode",
    "CertificateBatchStatus",
    "CertificateEvent",
    "CertificateEventKind",
    "CertificateQuerySet",
    "CertificateSignatory",
    "CertificateStatus",
    "CertificateTemplate",
    "CourseCertificate",
    "SerialCounter",
    "colour_validator",
    "verification_code_new",
]
