from django.db import migrations

FIELDS = (
    "required",
    "title_ko",
    "title_en",
    "items_ko",
    "items_en",
    "use_ko",
    "use_en",
    "retention_ko",
    "retention_en",
    "recipients_ko",
    "recipients_en",
)


def create_items(apps, schema_editor):
    from lms.accounts.consent_defaults import DEFAULT_CONSENT_ITEMS

    ConsentItem = apps.get_model("accounts", "ConsentItem")
    ConsentItemVersion = apps.get_model("accounts", "ConsentItemVersion")
    for data in DEFAULT_CONSENT_ITEMS:
        item, created = ConsentItem.objects.get_or_create(
            purpose=data["purpose"],
            defaults={k: v for k, v in data.items() if k != "purpose"},
        )
        if created:
            ConsentItemVersion.objects.create(
                item=item, number=1, **{field: data[field] for field in FIELDS}
            )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_consent_records_and_mfa_grace")]

    operations = [migrations.RunPython(create_items, migrations.RunPython.noop)]
