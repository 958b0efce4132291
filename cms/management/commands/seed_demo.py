"""Build the demo site and demo people. Safe to run again: it updates in place."""

from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Locale

from certificates.demo import seed_certificates
from cms.demo import research_services_seed, seed_site
from cms.demo_town import seed_town
from cms.roles import roles_permissions_grant
from courses.demo import seed_categories, seed_courses, seed_library
from courses.demo_assessments import seed_assessments
from lms.accounts.demo import DEMO_PASSWORD, demo_sign_in_note, seed_people
from lms.community.demo import seed_community
from lms.learning.demo import seed_assessment_activity, seed_learning
from lms.lodging.demo import seed_lodging
from lms.partners.demo import seed_partners
from lms.partners.lti.demo import seed_lti
from lms.timetable.demo import seed_timetable
from research_portal.demo import seed_research


class Command(BaseCommand):
    help = "Create or update the demo content (Korean and English) and demo accounts."

    @transaction.atomic
    def handle(self, *args, **options):
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
        partners = seed_partners(password=DEMO_PASSWORD)
        seed_lti()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(
            f"  Admin login:  {next(iter(people))} / {DEMO_PASSWORD}  "
            "at http://127.0.0.1:8000/admin/\n"
            f"{demo_sign_in_note()}\n"
            f"  Learner login:  learner@campus.example / {DEMO_PASSWORD}  "
            "at http://127.0.0.1:8000/accounts/login/\n"
            "  Course catalog:  http://127.0.0.1:8000/courses/ "
            "(English: /en/courses/)\n"
            "  Research publications:  http://127.0.0.1:8000/research/ "
            "(OAI-PMH: /oai?verb=Identify)\n"
            "  LTI demo platform (launches a lesson in an iframe):  "
            "http://127.0.0.1:8000/lti/demo/platform/\n"
            "  Other demo accounts use the same password: "
            + ", ".join(list(people)[1:])
        )
        for institution, token in partners:
            self.stdout.write(
                f"  Partner {institution.name_en}:  API token {token}\n"
                f"    dashboard http://127.0.0.1:8000/partners/{institution.slug}/ "
                f"({institution.contact_email} / {DEMO_PASSWORD}); "
                "API docs http://127.0.0.1:8000/api/docs/"
            )
