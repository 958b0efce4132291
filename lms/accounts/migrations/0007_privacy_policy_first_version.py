import datetime

from django.db import migrations


def create_policy(apps, schema_editor):
    from lms.accounts.consent_defaults import PRIVACY_POLICY_EN, PRIVACY_POLICY_KO

    PrivacyPolicyVersion = apps.get_model("accounts", "PrivacyPolicyVersion")
    PrivacyPolicyVersion.objects.get_or_create(
        number=1,
        defaults={
            "effective_from": datetime.date(2026, 12, 1),
            "body_ko": PRIVACY_POLICY_KO,
            "body_en": PRIVACY_POLICY_EN,
        },
    )


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_privacy_policy_versions")]

    operations = [migrations.RunPython(create_policy, migrations.RunPython.noop)]
