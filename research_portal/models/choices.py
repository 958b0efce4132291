"""The research portal's choices: publication types, languages, licences, roles."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _bilingual(korean: str, english: str) -> str:
    """The English text on the English site when there is one, else the Korean."""
    if english and (get_language() or "ko").startswith("en"):
        return english
    return korean


class PublicationType(models.TextChoices):
    RESEARCH_REPORT = "research_report", _("Research report")
    POLICY_BRIEF = "policy_brief", _("Policy brief")
    ISSUE_BRIEF = "issue_brief", _("Issue brief")
    WORKING_PAPER = "working_paper", _("Working paper")
    JOURNAL_ARTICLE = "journal_article", _("Journal article")
    BOOK = "book", _("Book or chapter")
    LIVING_LAB_REPORT = "living_lab_report", _("Living-lab report")
    DATASET = "dataset", _("Dataset")
    PRESENTATION = "presentation", _("Presentation")


class PublicationLanguage(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")


class Licence(models.TextChoices):
    CC_BY = "cc-by", _("CC BY 4.0")
    CC_BY_SA = "cc-by-sa", _("CC BY-SA 4.0")
    CC_BY_ND = "cc-by-nd", _("CC BY-ND 4.0")
    CC_BY_NC = "cc-by-nc", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc-by-nc-sa", _("CC BY-NC-SA 4.0")
    CC_BY_NC_ND = "cc-by-nc-nd", _("CC BY-NC-ND 4.0")
    CC0 = "cc0", _("CC0 1.0 (public domain dedication)")
    ALL_RIGHTS_RESERVED = "all-rights-reserved", _("All rights reserved")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class AuthorRole(models.TextChoices):
    AUTHOR = "author", _("Author")
    EDITOR = "editor", _("Editor")
    CONTRIBUTOR = "contributor", _("Contributor")
    RESEARCH_LEAD = "research_lead", _("Research lead")
    RESEARCH_FELLOW = "research_fellow", _("Research fellow")


# who is a creator (dc:creator, citation_author) rather than a contributor
CREATOR_ROLES = {
    AuthorRole.AUTHOR,
    AuthorRole.RESEARCH_LEAD,
    AuthorRole.RESEARCH_FELLOW,
}
