"""The default certificate template, so a fresh site issues certificates at once."""

from django.db import migrations


def default_template_create(apps, schema_editor):
    CertificateTemplate = apps.get_model("certificates", "CertificateTemplate")
    if not CertificateTemplate.objects.filter(is_default=True).exists():
        CertificateTemplate.objects.create(name="기본 이수증 (Default)", is_default=True)


class Migration(migrations.Migration):
    dependencies = [("certificates", "0001_initial")]

    operations = [
        migrations.RunPython(default_template_create, migrations.RunPython.noop),
    ]
