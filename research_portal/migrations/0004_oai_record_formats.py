"""OAI-PMH records remember the metadata formats they can be disseminated in:
oai_dc for every record, oai_datacite as well for publications with a DOI."""

from django.db import migrations, models


def fill_formats(apps, schema_editor):
    OaiRecord = apps.get_model("research_portal", "OaiRecord")
    OaiRecord.objects.filter(page__isnull=False).exclude(page__doi="").update(
        formats=" oai_dc oai_datacite "
    )


class Migration(migrations.Migration):
    dependencies = [("research_portal", "0003_usage_statistics")]

    operations = [
        migrations.AddField(
            model_name="oairecord",
            name="formats",
            field=models.CharField(
                default=" oai_dc ", max_length=200, verbose_name="metadata formats"
            ),
        ),
        migrations.RunPython(fill_formats, migrations.RunPython.noop),
    ]
