"""Every privacy policy version becomes a page: a Korean one and its English
translation (one translation key), under a policy page per language that sits
directly under Wagtail's root. Written with the migration's own models, so the
tree's paths are set here as treebeard would set them."""

import uuid

from django.db import migrations
from django.utils import timezone
from django.utils.html import escape, linebreaks

STEP = 4
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TITLES = {"ko": "개인정보 처리방침", "en": "Privacy policy"}


def _step(number: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, len(ALPHABET))
        digits = ALPHABET[digit] + digits
    return digits.rjust(STEP, "0")


def _add_child(Page, parent, model, **fields):
    last = (
        Page.objects.filter(depth=parent.depth + 1, path__startswith=parent.path)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    position = int(last[-STEP:], len(ALPHABET)) + 1 if last else 1
    page = model.objects.create(
        path=parent.path + _step(position),
        depth=parent.depth + 1,
        numchild=0,
        url_path=f"{parent.url_path}{fields['slug']}/",
        **fields,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + 1)
    parent.numchild += 1
    return page


def _html(text: str) -> str:
    # Draftail reads self-closed line breaks only
    return linebreaks(escape(text)).replace("<br>", "<br/>")


def versions_to_pages(apps, schema_editor):
    Version = apps.get_model("accounts", "PrivacyPolicyVersion")
    IndexPage = apps.get_model("accounts", "PrivacyPolicyIndexPage")
    VersionPage = apps.get_model("accounts", "PrivacyPolicyPage")
    Page = apps.get_model("wagtailcore", "Page")
    Locale = apps.get_model("wagtailcore", "Locale")
    ContentType = apps.get_model("contenttypes", "ContentType")
    root = Page.objects.filter(depth=1).first()
    if root is None or IndexPage.objects.exists():
        return
    index_type = ContentType.objects.get_or_create(
        app_label="accounts", model="privacypolicyindexpage"
    )[0]
    version_type = ContentType.objects.get_or_create(
        app_label="accounts", model="privacypolicypage"
    )[0]
    now = timezone.now()
    published = {"live": True, "first_published_at": now, "last_published_at": now}
    index_key = uuid.uuid4()
    version_keys = {}
    for code in ("ko", "en"):
        locale = Locale.objects.get_or_create(language_code=code)[0]
        index = _add_child(
            Page,
            root,
            IndexPage,
            title=TITLES[code],
            draft_title=TITLES[code],
            slug="privacy-policy",
            content_type=index_type,
            locale=locale,
            translation_key=index_key,
            **published,
        )
        for version in Version.objects.order_by("number"):
            key = version_keys.setdefault(version.number, uuid.uuid4())
            _add_child(
                Page,
                index,
                VersionPage,
                title=TITLES[code],
                draft_title=TITLES[code],
                slug=f"v{version.number}",
                content_type=version_type,
                locale=locale,
                translation_key=key,
                number=version.number,
                effective_from=version.effective_from,
                body=_html(getattr(version, f"body_{code}")),
                changes=getattr(version, f"changes_{code}"),
                **published,
            )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0009_privacy_policy_pages"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(versions_to_pages, migrations.RunPython.noop)]
