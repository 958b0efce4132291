"""Build the demo site and demo people. Safe to run again: it updates in place.

It prints a short summary and, last, the demo logins. The e-mails the demo's
stories would send (a certificate issued, a forum reply, …) are held back while
it seeds: they would bury the logins under screens of console output, and no
demo person has a real mailbox. The data written is the same either way.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core import mail
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings
from wagtail.models import Locale, Page

from certificates.demo import seed_certificates
from certificates.models import Certificate
from cms.demo import research_services_seed, seed_site
from cms.demo_town import seed_town
from cms.roles import roles_permissions_grant
from courses.demo import seed_categories, seed_courses, seed_library, seed_readings
from courses.demo_assessments import seed_assessments
from courses.models import CoursePage, LessonPage, LibraryResource
from lms.accounts.demo import DEMO_PASSWORD, demo_sign_in_note, seed_people
from lms.accounts.models import User
from lms.community.demo import seed_community
from lms.community.models import Post
from lms.learning.demo import seed_assessment_activity, seed_learning
from lms.learning.models import CourseRun, Enrollment
from lms.lodging.demo import seed_lodging
from lms.lodging.models import Stay
from lms.partners.demo import seed_partners
from lms.partners.lti.demo import seed_lti
from lms.timetable.demo import seed_timetable
from lms.timetable.models import LectureSession
from research_portal.demo import seed_research
from research_portal.models import PublicationPage

LOCMEM_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# what the summary counts, in the order it prints them
SUMMARY = (
    ("pages", Page.objects.filter(depth__gt=1)),
    ("courses (Korean and English pages)", CoursePage.objects.all()),
    ("lessons", LessonPage.objects.all()),
    ("course runs", CourseRun.objects.all()),
    ("enrolments", Enrollment.objects.all()),
    ("lecture sessions", LectureSession.objects.all()),
    ("lodging stays", Stay.objects.all()),
    ("certificates", Certificate.objects.all()),
    ("forum posts", Post.objects.all()),
    ("library resources", LibraryResource.objects.all()),
    ("publications", PublicationPage.objects.all()),
    ("people", User.objects.all()),
)


@contextmanager
def outbound_mail_held() -> Iterator[list]:
    """Keep the e-mails sent inside the block in memory instead of delivering
    them; yields the list they are kept in (Django's `mail.outbox`)."""
    with override_settings(EMAIL_BACKEND=LOCMEM_BACKEND):
        outbox = mail.outbox = getattr(mail, "outbox", [])
        before = len(outbox)
        held: list = []
        try:
            yield held
        finally:
            held.extend(outbox[before:])


def seed_demo() -> tuple[dict[str, User], list]:
    """Every app's demo content; the demo people by e-mail (the admin first)
    and the partners' institutions with their API tokens."""
    home_ko = seed_site()
    home_en = home_ko.get_translation(Locale.objects.get(language_code="en"))
    people = seed_people()
    roles_permissions_grant()  # page permissions need the home pages
    categories = seed_categories()
    courses = seed_courses(
        home_ko=home_ko, home_en=home_en, people=people, categories=categories
    )
    seed_learning(courses=courses, people=people)
    seed_assessments(courses=courses)
    seed_assessment_activity(people=people)
    seed_timetable(people=people)
    seed_lodging(people=people)
    seed_library(categories=categories)
    seed_certificates(people=people)
    seed_community(courses=courses, people=people)
    seed_town(people=people)
    research = seed_research(home_ko=home_ko, home_en=home_en, people=people)
    research_services_seed(
        publications=research["index_ko"], living_labs=research["labs_ko"]
    )
    seed_readings()
    partners = seed_partners(password=DEMO_PASSWORD)
    seed_lti()
    return people, partners


class Command(BaseCommand):
    help = "Create or update the demo content (Korean and English) and demo accounts."

    def handle(self, *args, **options):
        # the e-mails are sent when the transaction commits, so the block
        # that holds them back wraps the transaction
        with outbound_mail_held() as held, transaction.atomic():
            people, partners = seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        for label, queryset in SUMMARY:
            self.stdout.write(f"  {queryset.count():>5}  {label}")
        self.stdout.write(
            f"  {len(held):>5}  e-mails to demo people, held back (not sent)\n"
            "  Course catalog:  http://127.0.0.1:8000/courses/ "
            "(English: /en/courses/)\n"
            "  Research publications:  http://127.0.0.1:8000/research/ "
            "(OAI-PMH: /oai?verb=Identify)\n"
            "  LTI demo platform (launches a lesson in an iframe):  "
            "http://127.0.0.1:8000/lti/demo/platform/\n"
            "  API docs:  http://127.0.0.1:8000/api/docs/"
        )
        self._logins(people, partners)

    def _logins(self, people: dict[str, User], partners) -> None:
        admin, *others = people
        others.remove("learner@campus.example")
        self.stdout.write(
            self.style.SUCCESS("Logins")
            + f" (password {DEMO_PASSWORD} for every demo account):\n"
            f"  Admin:    {admin}  at http://127.0.0.1:8000/admin/\n"
            f"{demo_sign_in_note()}"
        )
        for institution, token in partners:
            self.stdout.write(
                f"  Partner {institution.name_en}:  {institution.contact_email}  "
                f"dashboard http://127.0.0.1:8000/partners/{institution.slug}/\n"
                f"    API token {token}"
            )
        self.stdout.write(
            "  Others:   " + ", ".join(others) + "\n"
            "  Learner:  learner@campus.example  "
            "at http://127.0.0.1:8000/accounts/login/"
        )
