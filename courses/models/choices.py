"""The choices that course pages, the library and assessments share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningMode(models.TextChoices):
    FORMAL = "formal", _("Formal learning")
    INFORMAL = "informal", _("Informal learning")
    SOCIAL = "social", _("Social learning")


class Delivery(models.TextChoices):
    ONLINE = "online", _("Online")
    ON_SITE = "on_site", _("On-site")
    RESIDENTIAL = "residential", _("Residential")


class Level(models.TextChoices):
    INTRODUCTORY = "introductory", _("Introductory")
    INTERMEDIATE = "intermediate", _("Intermediate")
    ADVANCED = "advanced", _("Advanced")


class CourseLanguage(models.TextChoices):
    KOREAN = "ko", _("Korean")
    ENGLISH = "en", _("English")
    BILINGUAL = "ko_en", _("Korean and English")


class Licence(models.TextChoices):
    ALL_RIGHTS_RESERVED = "all_rights_reserved", _("All rights reserved")
    CC_BY = "cc_by", _("CC BY 4.0")
    CC_BY_SA = "cc_by_sa", _("CC BY-SA 4.0")
    CC_BY_NC = "cc_by_nc", _("CC BY-NC 4.0")
    CC_BY_NC_SA = "cc_by_nc_sa", _("CC BY-NC-SA 4.0")


class GradeCategory(models.TextChoices):
    """The gradebook's categories; each course weighs them (CoursePage.weight_*)."""

    QUIZ = "quiz", _("Quizzes")
    ASSIGNMENT = "assignment", _("Assignments")
    EXAM = "exam", _("Exams")
    PARTICIPATION = "participation", _("Participation")
