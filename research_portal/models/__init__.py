"""The research center's output: publications, people, series, topics, living labs.

Publications are Wagtail pages, so researchers get drafts, revisions and
moderation. A publication is written once, in the default locale, with its
title and abstract in Korean and English; the English site shows it through a
Wagtail alias of the same page. Each publication published once keeps an
`OaiRecord`, the OAI-PMH header that outlives it as a tombstone when it goes.

One module per concern; every name is importable from `research_portal.models`.
"""

# usage statistics, in a module of their own (imported so Django sees them)
from ..usage_models import UsageEvent, UsageSalt
from .choices import (
    CREATOR_ROLES,
    LICENCE_URLS,
    AuthorRole,
    Licence,
    PublicationLanguage,
    PublicationType,
    _bilingual,
)
from .living_labs import (
    LivingLabIndexPage,
    LivingLabPage,
    LivingLabPhase,
    LivingLabStatus,
)
from .people import (
    Person,
    Series,
    Topic,
)
from .publications import (
    FileAccess,
    PublicationIndexPage,
    PublicationPage,
    PublicationPageAuthor,
    PublicationPageFile,
)
from .records import (
    OaiRecord,
    utc_seconds,
)

__all__ = [
    "AuthorRole",
    "CREATOR_ROLES",
    "FileAccess",
    "LICENCE_URLS",
    "Licence",
    "LivingLabIndexPage",
    "LivingLabPage",
    "LivingLabPhase",
    "LivingLabStatus",
    "OaiRecord",
    "Person",
    "PublicationIndexPage",
    "PublicationLanguage",
    "PublicationPage",
    "PublicationPageAuthor",
    "PublicationPageFile",
    "PublicationType",
    "Series",
    "Topic",
    "UsageEvent",
    "UsageSalt",
    "_bilingual",
    "utc_seconds",
]
