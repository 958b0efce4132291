from django.db import migrations


class Migration(migrations.Migration):
    """The versions live on as pages (0010); the old table goes."""

    dependencies = [("accounts", "0010_privacy_policy_versions_to_pages")]

    operations = [migrations.DeleteModel(name="PrivacyPolicyVersion")]
