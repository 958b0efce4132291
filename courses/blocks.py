"""The blocks of course content beyond the shared set: a publication of the
research center cited as a course reading."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.core.blocks import BaseStreamBlock
from research_portal.teaching import publication_readings


class PublicationBlock(blocks.StructBlock):
    """A publication of the research portal, cited in the reader's language.

    The page that shows it may put `publication_readings` (from
    `research_portal.teaching.publication_readings`) in its context, so that
    every reading of the page costs the same few queries; without it, the block
    looks its publication up alone. A publication that is not live and public
    is not shown.
    """

    publication = blocks.PageChooserBlock(
        page_type="research_portal.PublicationPage", label=_("Publication")
    )
    note = blocks.CharBlock(
        label=_("Note"),
        required=False,
        max_length=200,
        help_text=_("What to read, e.g. pages 12–30."),
    )

    class Meta:
        icon = "doc-full-inverse"
        label = _("Reading")
        template = "courses/blocks/publication_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        page = value.get("publication")
        readings = (parent_context or {}).get("publication_readings")
        if page is not None and readings is None:
            request = (parent_context or {}).get("request")
            readings = publication_readings(ids=[page.pk], request=request)
        context["reading"] = readings.get(page.pk) if page is not None else None
        return context


def publication_ids(stream) -> list[int]:
    """The publications a stream of `LessonBodyBlock` cites, read from its raw
    data (no query)."""
    return [
        block["value"]["publication"]
        for block in stream.raw_data
        if block.get("type") == "publication"
        and (block.get("value") or {}).get("publication")
    ]


class LessonBodyBlock(BaseStreamBlock):
    """What a lesson is written with: the shared blocks and course readings."""

    publication = PublicationBlock()
