"""StreamField blocks of the research portal."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from lms.core.blocks import BaseStreamBlock


class TableRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("Row heading"), max_length=120)
    text = blocks.TextBlock(label=_("Text"))


class SummaryTableBlock(blocks.StructBlock):
    """A two-column table with a caption, e.g. the town's six components."""

    caption = blocks.CharBlock(label=_("Caption"), max_length=200)
    label_heading = blocks.CharBlock(label=_("First column heading"), max_length=60)
    text_heading = blocks.CharBlock(label=_("Second column heading"), max_length=60)
    rows = blocks.ListBlock(TableRowBlock(), label=_("Rows"))

    class Meta:
        icon = "table"
        label = _("Table")
        template = "research_portal/blocks/summary_table_block.html"


class PublicationBodyBlock(BaseStreamBlock):
    table = SummaryTableBlock()
