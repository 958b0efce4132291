"""People: the user (e-mail login), their organization and their requests."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class OrganizationType(models.TextChoices):
    SOCIAL_ENTERPRISE = "social_enterprise", _("Social enterprise")
    COOPERATIVE = "cooperative", _("Cooperative")
    SOCIAL_COOPERATIVE = "social_cooperative", _("Social cooperative")
    VILLAGE_ENTERPRISE = "village_enterprise", _("Village enterprise")
    SELF_RELIANCE_ENTERPRISE = "self_reliance_enterprise", _("Self-reliance enterprise")
    NON_PROFIT = "non_profit", _("Non-profit organization")
    OTHER = "other", _("Other")


class Region(models.TextChoices):
    """Korea's first-level administrative divisions."""

    SEOUL = "seoul", _("Seoul")
    BUSAN = "busan", _("Busan")
    DAEGU = "daegu", _("Daegu")
    INCHEON = "incheon", _("Incheon")
    GWANGJU = "gwangju", _("Gwangju")
    DAEJEON = "daejeon", _("Daejeon")
    ULSAN = "ulsan", _("Ulsan")
    SEJONG = "sejong", _("Sejong")
    GYEONGGI = "gyeonggi", _("Gyeonggi")
    GANGWON = "gangwon", _("Gangwon")
    CHUNGBUK = "chungbuk", _("North Chungcheong")
    CHUNGNAM = "chungnam", _("South Chungcheong")
    JEONBUK = "jeonbuk", _("Jeonbuk")
    JEONNAM = "jeonnam", _("South Jeolla")
    GYEONGBUK = "gyeongbuk", _("North Gyeongsang")
    GYEONGNAM = "gyeongnam", _("South Gyeongsang")
    JEJU = "jeju", _("Jeju")


class Role(models.TextChoices):
    """Roles are auth groups of these names, created by a data migration."""

    LEARNER = "Learner", _("Learner")
    INSTRUCTOR = "Instructor", _("Instructor")
    STAFF = "Staff", _("Center staff")
    RESEARCHER = "Researcher", _("Researcher")
    PARTNER = "Partner", _("Partner university")


class Organization(models.Model):
    """A social-economy organization that learners belong to."""

    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    type = models.CharField(
        _("type"), max_length=32, choices=OrganizationType.choices, db_index=True
    )
    region = models.CharField(
        _("region"), max_length=16, choices=Region.choices, db_index=True
    )
    registration_number = models.CharField(
        _("registration number"),
        max_length=32,
        blank=True,
        help_text=_("Business or corporate registration number, if any."),
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"), "region", name="organization_unique_name_per_region"
            )
        ]

    def __str__(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name


class UserManager(BaseUserManager):
    """Users are identified by e-mail; there is no username."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who uses Campus: learner, instructor, staff, researcher, partner."""

    class Language(models.TextChoices):
        KOREAN = "ko", _("Korean")
        ENGLISH = "en", _("English")

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name_ko = models.CharField(_("name (Korean)"), max_length=100, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.KOREAN,
    )
    birth_date = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        help_text=_(
            "Optional; asked where a course requires an age. Under 14, a legal "
            "guardian's consent is needed before enrolling."
        ),
    )
    mfa_required_since = models.DateTimeField(
        _("two-factor sign-in required since"),
        null=True,
        blank=True,
        help_text=_(
            "Set at the first sign-in that owed a second factor; the grace "
            "period counts from here. Clear it to give a new grace period."
        ),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name to show in the current language, falling back to e-mail."""
        if get_language() == "en":
            return self.name_en or self.name_ko or self.email
        return self.name_ko or self.name_en or self.email

    # Wagtail and Django admin call these
    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.value).exists()


class AccountDeletionRequest(models.Model):
    """A learner's request to delete their account, acted on by center staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        COMPLETED = "completed", _("Processed")
        REJECTED = "rejected", _("Rejected")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="deletion_requests",
    )
    reason = models.TextField(_("reason"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    staff_notified_at = models.DateTimeField(_("staff notified"), null=True, blank=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    processed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("processed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    staff_note = models.TextField(_("staff note"), blank=True)

    class Meta:
        verbose_name = _("account deletion request")
        verbose_name_plural = _("account deletion requests")
        ordering = ["-requested_at"]
        constraints = [
            # at most one open request per user
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="pending"),
                name="deletion_request_one_pending_per_user",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.email} ({self.get_status_display()})"


class ConsentPurpose(models.TextChoices):
    """What a consent item is for; code asks `consent_given(user, purpose)`."""

    LEARNING = "learning", _("Collection and use for learning")
    MARKETING = "marketing", _("News and event notices by e-mail and SMS")
    PARTNERS = "partners", _("Provision to partner universities")
    PHOTOS = "photos", _("Photos in publications")


class ConsentItem(models.Model):
    """One item a person consents to under PIPA, with its current text.

    Staff edit the text in both languages; every change of text is frozen as a
    new `ConsentItemVersion`, and consents point at the version the person saw.
    """

    purpose = models.CharField(
        _("purpose"), max_length=32, choices=ConsentPurpose.choices, unique=True
    )
    required = models.BooleanField(
        _("required"),
        default=False,
        help_text=_("Sign-up is refused without a required item."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    items_ko = models.TextField(_("items collected (Korean)"))
    items_en = models.TextField(_("items collected (English)"))
    use_ko = models.TextField(_("purpose of use (Korean)"))
    use_en = models.TextField(_("purpose of use (English)"))
    retention_ko = models.CharField(_("retention (Korean)"), max_length=300)
    retention_en = models.CharField(_("retention (English)"), max_length=300)
    recipients_ko = models.CharField(
        _("recipients (Korean)"),
        max_length=500,
        blank=True,
        help_text=_("For provision to third parties: who receives the data."),
    )
    recipients_en = models.CharField(
        _("recipients (English)"), max_length=500, blank=True
    )

    class Meta:
        verbose_name = _("consent item")
        verbose_name_plural = _("consent items")
        ordering = ["-required", "order", "pk"]

    def __str__(self) -> str:
        return self.title_en if get_language() == "en" else self.title_ko


# the text fields a version freezes; a change to any of them is a new version
CONSENT_TEXT_FIELDS = (
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


class ConsentItemVersion(models.Model):
    """The text of a consent item as people saw it, frozen."""

    item = models.ForeignKey(
        ConsentItem,
        verbose_name=_("consent item"),
        on_delete=models.PROTECT,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    required = models.BooleanField(_("required"))
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200)
    items_ko = models.TextField(_("items collected (Korean)"))
    items_en = models.TextField(_("items collected (English)"))
    use_ko = models.TextField(_("purpose of use (Korean)"))
    use_en = models.TextField(_("purpose of use (English)"))
    retention_ko = models.CharField(_("retention (Korean)"), max_length=300)
    retention_en = models.CharField(_("retention (English)"), max_length=300)
    recipients_ko = models.CharField(
        _("recipients (Korean)"), max_length=500, blank=True
    )
    recipients_en = models.CharField(
        _("recipients (English)"), max_length=500, blank=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent item version")
        verbose_name_plural = _("consent item versions")
        ordering = ["item", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "number"], name="consent_item_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    def _localized(self, field: str) -> str:
        suffix = "en" if get_language() == "en" else "ko"
        return getattr(self, f"{field}_{suffix}") or getattr(self, f"{field}_ko")

    @property
    def title(self) -> str:
        return self._localized("title")

    @property
    def items(self) -> str:
        return self._localized("items")

    @property
    def use(self) -> str:
        return self._localized("use")

    @property
    def retention(self) -> str:
        return self._localized("retention")

    @property
    def recipients(self) -> str:
        return self._localized("recipients")


class Consent(models.Model):
    """One act of giving or withdrawing consent to a version of an item.

    Rows are never changed: the history is the list, and the latest row per
    item says where the person stands now.
    """

    class Method(models.TextChoices):
        FORM = "form", _("Sign-up form")
        PROVIDER = "provider", _("Sign-up with Kakao, Naver or Google")
        PROFILE = "profile", _("Profile page")
        RENEWAL = "renewal", _("Asked again at sign-in")
        PAPER = "paper", _("On paper, recorded by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="consents",
    )
    version = models.ForeignKey(
        ConsentItemVersion,
        verbose_name=_("version"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    # denormalised from the version so that "where does this person stand on
    # this purpose" is one indexed lookup
    item = models.ForeignKey(
        ConsentItem,
        verbose_name=_("consent item"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    given = models.BooleanField(_("given"))
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    recorded_at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(
                fields=["user", "item", "-recorded_at"], name="consent_user_item_idx"
            )
        ]

    def __str__(self) -> str:
        state = "given" if self.given else "withdrawn"
        return f"{self.user_id} {self.version} {state}"


class GuardianConsent(models.Model):
    """A legal guardian's consent for a child under 14 (PIPA art. 22-2)."""

    class Method(models.TextChoices):
        PAPER = "paper", _("On paper, recorded by staff")
        PHONE = "phone", _("By phone, recorded by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("child"),
        on_delete=models.CASCADE,
        related_name="guardian_consents",
    )
    guardian_name = models.CharField(_("guardian's name"), max_length=100)
    guardian_contact = models.CharField(
        _("guardian's contact"),
        max_length=200,
        help_text=_("Phone number or e-mail address of the guardian."),
    )
    relationship = models.CharField(_("relationship"), max_length=50, blank=True)
    method = models.CharField(_("how"), max_length=16, choices=Method.choices)
    recorded_at = models.DateTimeField(_("when"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("guardian's consent")
        verbose_name_plural = _("guardians' consents")
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return f"{self.guardian_name} ({self.recorded_at:%Y-%m-%d})"


# the privacy policy is a Wagtail page type (one page per version)
from .privacy_pages import PrivacyPolicyIndexPage, PrivacyPolicyPage  # noqa: E402, F401
