"""The OAI-PMH record of each publication, kept as a tombstone when it goes."""

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from .publications import PublicationPage


class OaiRecord(models.Model):
    """The OAI-PMH header of a publication: kept after the page goes, as a tombstone.

    `datestamp` is UTC at seconds and moves whenever the record changes;
    `set_specs` holds the record's sets between spaces (" type:x series:y ");
    `formats` the metadataPrefixes it can be disseminated in, the same way
    (" oai_dc oai_datacite "), kept on the tombstone.
    """

    publication_id = models.PositiveIntegerField(_("publication"), unique=True)
    page = models.OneToOneField(
        PublicationPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oai_record",
    )
    datestamp = models.DateTimeField(_("datestamp"))
    deleted = models.BooleanField(_("deleted"), default=False)
    set_specs = models.CharField(_("sets"), max_length=1000, blank=True)
    formats = models.CharField(
        _("metadata formats"), max_length=200, default=" oai_dc "
    )

    class Meta:
        verbose_name = _("OAI-PMH record")
        verbose_name_plural = _("OAI-PMH records")
        indexes = [models.Index(fields=["datestamp", "id"], name="oai_record_keyset")]

    def __str__(self) -> str:
        return f"oai record {self.publication_id}"

    @property
    def set_spec_list(self) -> list[str]:
        return self.set_specs.split()

    @property
    def format_list(self) -> list[str]:
        return self.formats.split()


def utc_seconds(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(microsecond=0)
