"""Demo social learning for `seed_demo`: cohorts, forums, groups, mentoring,
peer review. Idempotent: everything is found by natural keys (titles, slugs,
names) and only made when missing; writes go through the services.

It lives in the "2기" (Cohort 2) run of the start-up course, where learner@,
learner2@ and learner3@ are enrolled and instructor@ teaches.
"""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from courses.models import (
    AssignmentPage,
    CourseModulePage,
    CoursePage,
    LatePolicy,
    LessonPage,
    SubmissionType,
)
from lms.accounts.demo import DEMO_PASSWORD
from lms.accounts.models import Organization, Role, User
from lms.learning.models import CourseRun, Submission
from lms.learning.services import submission_create

from .models import (
    Cohort,
    FillStrategy,
    LessonCohortRestriction,
    MentoringSlot,
    MentorProfile,
    NotificationPreference,
    PeerReview,
    PeerReviewSettings,
    Post,
    RunCohortSettings,
    StudyGroup,
    Thread,
    ThreadKind,
)
from .roles import community_permissions_grant
from .services import (
    booking_create,
    cohorts_fill,
    forum_for_cohort,
    forum_for_group,
    forum_for_run,
    meeting_create,
    peer_review_assign,
    peer_review_submit,
    post_accept,
    post_create,
    post_endorse,
    slot_create,
    study_group_create,
    study_group_invite,
    study_group_join,
    thread_create,
)

COURSE = "social-enterprise-startup-basics"
RUN = "2기"
INSTRUCTOR = "instructor@campus.example"
STAFF = "staff@campus.example"
LEARNER, LEARNER2, LEARNER3, LEARNER5 = (
    "learner@campus.example",
    "learner2@campus.example",
    "learner3@campus.example",
    "learner5@campus.example",
)
MENTOR = (
    "mentor@campus.example",
    "장혜원",
    "Hyewon Jang",
    "돌봄과 나눔 사회적협동조합",
)

ASSIGNMENT_SLUG = "one-page-idea-peer-review"
REGIONAL_LESSON_SLUG = "jeonbuk-field-visit"


def _mentor_user() -> User:
    email, name_ko, name_en, organization = MENTOR
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            name_ko=name_ko,
            name_en=name_en,
            organization=Organization.objects.filter(name=organization).first(),
        )
    user.groups.add(Group.objects.get(name=Role.LEARNER.value))
    EmailAddress.objects.get_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _at(days: int, hour: int, minute: int = 0) -> dt.datetime:
    day = timezone.localdate() + dt.timedelta(days=days)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _thread(*, forum, author, title, body, kind=ThreadKind.DISCUSSION, pin=False):
    """The thread of that title in the forum, made if missing; (thread, new)."""
    thread = Thread.objects.filter(forum=forum, title=title).first()
    if thread is not None:
        return thread, False
    return (
        thread_create(
            author=author, forum=forum, title=title, body=body, kind=kind, pin=pin
        ),
        True,
    )


def _english(page, **fields):
    """The English translation of a demo page, made once and kept up to date."""
    english = page.get_translation_or_none(Locale.objects.get(language_code="en"))
    if english is None:
        english = page.copy_for_translation(
            Locale.objects.get(language_code="en"), copy_parents=False, alias=False
        )
    english = type(page).objects.get(pk=english.pk)
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return english


def _reply(thread, author, body, parent=None) -> Post:
    return post_create(author=author, thread=thread, body=body, parent=parent)


def seed_forums(*, run: CourseRun, people: dict[str, User]) -> None:
    forum = forum_for_run(run=run)
    instructor, learner, learner2, learner3 = (
        people[INSTRUCTOR],
        people[LEARNER],
        people[LEARNER2],
        people[LEARNER3],
    )
    _thread(
        forum=forum,
        author=instructor,
        kind=ThreadKind.ANNOUNCEMENT,
        pin=True,
        title="2기 오리엔테이션과 팀 실습 안내",
        body=(
            "안녕하세요, 책임강사 김민준입니다.\n\n"
            "- **오리엔테이션**: 첫 주 토요일 오전 10시, 교육센터 강의동 201호\n"
            "- **팀 실습**: 매주 2교시, 권역별 코호트로 진행합니다\n\n"
            "궁금한 점은 이 포럼에 *질문*으로 남겨 주세요. "
            "(Questions are welcome in English too.)"
        ),
    )
    question, new = _thread(
        forum=forum,
        author=learner,
        kind=ThreadKind.QUESTION,
        title="인증 요건 중 '사회적 목적 실현'은 어떻게 증빙하나요?",
        body=(
            "사회적기업 인증 신청을 준비하고 있습니다. 취약계층 고용 비율 말고 "
            "**지역사회 공헌형**으로 신청하려면 어떤 자료를 준비해야 할까요?"
        ),
    )
    if new:
        answer = _reply(
            question,
            learner2,
            "저희는 지역사회 공헌형으로 인증을 받았어요. @이하늘 님, "
            "다음 세 가지를 준비하시면 됩니다.\n\n"
            "1. 지역 주민 대상 서비스 제공 실적\n"
            "2. 사회서비스 제공 계획서\n"
            "3. 지자체 추천서 (있으면 유리)",
        )
        _reply(
            question,
            learner3,
            "마을기업에서 전환할 때도 같은 자료를 썼습니다. 실적은 최근 6개월치가 "
            "필요했어요.",
        )
        _reply(question, learner, "자세히 알려 주셔서 감사합니다!", parent=answer)
        post_endorse(user=instructor, post=answer)
        post_accept(user=learner, post=answer)
    discussion, new = _thread(
        forum=forum,
        author=learner2,
        title="우리 지역의 사회적경제 네트워크 사례를 나눠요",
        body=(
            "전북 지역에서는 **로컬푸드 공동 물류**를 함께 운영하고 있습니다. "
            "다른 지역은 어떤 협력 사례가 있는지 궁금합니다.\n\n"
            "> 함께 일하면 멀리 갑니다."
        ),
    )
    if new:
        _reply(
            discussion,
            learner3,
            "전남에서는 마을기업 다섯 곳이 공동 브랜드로 온라인 판매를 해요.",
        )


def seed_cohorts(*, run: CourseRun, people: dict[str, User]) -> dict[str, Cohort]:
    RunCohortSettings.objects.get_or_create(
        run=run, defaults={"auto_assign": FillStrategy.REGION}
    )
    cohorts_fill(run=run, strategy=FillStrategy.REGION, actor=people[INSTRUCTOR])
    by_key = {c.auto_key: c for c in Cohort.objects.filter(run=run)}
    jeonbuk = by_key.get("region:jeonbuk")
    if jeonbuk is not None:
        forum = forum_for_cohort(cohort=jeonbuk)
        thread, new = _thread(
            forum=forum,
            author=people[LEARNER],
            title="전북 코호트 현장 방문 날짜를 정해요",
            body="다음 달 현장 방문 후보일은 둘째 주 금요일과 셋째 주 토요일입니다. "
            "편한 날을 댓글로 알려 주세요.",
        )
        if new:
            _reply(thread, people[LEARNER2], "저는 셋째 주 토요일이 좋습니다.")
    return by_key


def seed_cohort_lesson(*, course: CoursePage, cohort: Cohort | None) -> None:
    """A lesson only the Jeonbuk cohort sees: their field visit."""
    if cohort is None:
        return
    module = CourseModulePage.objects.child_of(course).order_by("path").last()
    if module is None:
        return
    lesson = (
        LessonPage.objects.child_of(module).filter(slug=REGIONAL_LESSON_SLUG).first()
    )
    if lesson is None:
        lesson = LessonPage(
            title="전북 코호트 현장 방문 안내",
            slug=REGIONAL_LESSON_SLUG,
            is_required=False,
            estimated_minutes=10,
            body=[
                (
                    "paragraph",
                    "<p>전북 코호트는 완주 로컬푸드 협동조합의 공동 물류센터를 "
                    "방문합니다. 집합 장소는 교육센터 정문입니다.</p>",
                )
            ],
        )
        module.add_child(instance=lesson)
    english = _english(
        lesson,
        title="Jeonbuk cohort: field visit",
        body=[
            (
                "paragraph",
                "<p>The Jeonbuk cohort visits the shared logistics centre of the "
                "Wanju local food cooperative. We meet at the education "
                "center's main gate.</p>",
            )
        ],
    )
    for page in (lesson, english):
        restriction, _ = LessonCohortRestriction.objects.get_or_create(
            page=page, defaults={"note": "전북 코호트 전용 / Jeonbuk cohort only"}
        )
        restriction.cohorts.add(cohort)


def seed_groups(*, people: dict[str, User]) -> None:
    learner, learner2, learner3, learner5 = (
        people[LEARNER],
        people[LEARNER2],
        people[LEARNER3],
        people[LEARNER5],
    )
    group = StudyGroup.objects.filter(name="사회적경제 마케팅 스터디").first()
    if group is None:
        group = study_group_create(
            creator=learner2,
            name="사회적경제 마케팅 스터디",
            description="가치를 전하는 브랜딩과 온라인 판매를 함께 공부합니다. "
            "격주 목요일 저녁, 조직타운과 온라인에서 만납니다.",
            member_limit=6,
        )
        study_group_join(user=learner, group=group)
        study_group_join(user=learner3, group=group)
        meeting_create(
            organizer=learner2,
            group=group,
            title="브랜드 스토리 쓰기 실습",
            starts_at=_at(6, 19),
            ends_at=_at(6, 21),
            place="조직타운 3층 회의실 2",
        )
        meeting_create(
            organizer=learner2,
            group=group,
            title="온라인 판매 채널 비교",
            starts_at=_at(20, 19, 30),
            ends_at=_at(20, 21),
            online_url="https://meet.example.org/campus-marketing",
        )
        forum = forum_for_group(group=group)
        thread, _new = _thread(
            forum=forum,
            author=learner2,
            title="첫 모임 전에 읽어 올 자료",
            body="『사회적 가치를 파는 브랜드』 1–3장을 읽어 와 주세요. "
            "@한도윤 님은 사례 발표를 맡아 주실 수 있을까요?",
        )
        _reply(thread, learner3, "네, 전남 공동 브랜드 사례를 준비하겠습니다.")
    care = StudyGroup.objects.filter(name="돌봄 협동조합 운영자 모임").first()
    if care is None:
        care = study_group_create(
            creator=learner5,
            name="돌봄 협동조합 운영자 모임",
            description="돌봄 사회적협동조합을 운영하는 사람들이 경험을 나눕니다.",
            member_limit=8,
            join_policy="invitation",
        )
        study_group_invite(organizer=learner5, group=care, email=LEARNER)


def seed_mentoring(*, people: dict[str, User]) -> None:
    instructor, mentor = people[INSTRUCTOR], _mentor_user()
    MentorProfile.objects.get_or_create(
        user=instructor,
        defaults={
            "headline": "사회적기업 창업 코치, 인증 컨설팅 10년",
            "bio": "예비 사회적기업 100여 곳의 인증과 사업계획을 도왔습니다.",
            "expertise": "사회적기업 인증, 사업계획서, 비즈니스 모델",
        },
    )
    MentorProfile.objects.get_or_create(
        user=mentor,
        defaults={
            "headline": "돌봄 사회적협동조합 대표, 12년 운영",
            "bio": "지역 돌봄 협동조합을 세우고 조합원 200명 규모로 키웠습니다.",
            "expertise": "협동조합 운영, 조합원 참여, 사회서비스 바우처",
        },
    )
    specs = [
        (instructor, 3, 14, 2, "인증 준비 상담", "교육센터 2층 멘토링실", ""),
        (
            instructor,
            5,
            10,
            1,
            "사업계획서 검토",
            "",
            "https://meet.example.org/mentor-kim",
        ),
        (mentor, 4, 10, 3, "협동조합 운영 고민 상담", "금융센터 1층 상담실", ""),
    ]
    for person, days, hour, places, topic, place, url in specs:
        if MentoringSlot.objects.filter(
            mentor=person, topic=topic, starts_at__gte=timezone.now()
        ).exists():
            continue
        slot = slot_create(
            mentor=person,
            starts_at=_at(days, hour),
            ends_at=_at(days, hour + 1),
            places=places,
            topic=topic,
            place=place,
            online_url=url,
        )
        if topic == "인증 준비 상담":
            booking_create(
                learner=people[LEARNER],
                slot=slot,
                note="지역사회 공헌형 인증 서류를 함께 검토받고 싶습니다.",
            )


RUBRIC = [
    {
        "type": "criterion",
        "value": {
            "criterion": "사회문제 정의",
            "levels": [
                {"label": "미흡", "points": "0", "description": "문제가 모호함"},
                {"label": "보통", "points": "5", "description": ""},
                {
                    "label": "우수",
                    "points": "10",
                    "description": "근거와 대상이 분명함",
                },
            ],
        },
    },
    {
        "type": "criterion",
        "value": {
            "criterion": "지속가능한 수익 구조",
            "levels": [
                {"label": "미흡", "points": "0", "description": ""},
                {"label": "보통", "points": "5", "description": ""},
                {"label": "우수", "points": "10", "description": ""},
            ],
        },
    },
]

IDEAS = {
    LEARNER: "마을 공방에서 폐목재로 가구를 만들고, 경력단절 여성을 목공 강사로 "
    "고용합니다. 수익은 가구 판매와 목공 교실 수강료에서 나옵니다.",
    LEARNER2: "지역 농가의 못난이 농산물로 도시락을 만들어 돌봄 기관에 납품합니다. "
    "취약계층 어르신을 조리 인력으로 고용합니다.",
    LEARNER3: "마을기업 다섯 곳의 공동 브랜드로 온라인 판매를 하고, 판매 수수료로 "
    "공동 물류를 운영합니다.",
}


def seed_peer_review(*, course: CoursePage, people: dict[str, User]) -> None:
    """An assignment with peer review on, three submissions, reviews handed out,
    and one review already written.
    """
    module = CourseModulePage.objects.child_of(course).order_by("path").first()
    if module is None:
        return
    assignment = AssignmentPage.objects.filter(slug=ASSIGNMENT_SLUG).first()
    if assignment is None:
        assignment = AssignmentPage(
            title="사업 아이디어 한 장 요약 (동료 평가)",
            slug=ASSIGNMENT_SLUG,
            instructions=[
                (
                    "paragraph",
                    "<p>해결하려는 사회문제와 수익 구조를 한 장으로 요약해 "
                    "제출하세요. 제출 후 동료 두 명이 루브릭으로 평가합니다.</p>",
                )
            ],
            submission_type=SubmissionType.TEXT,
            grade_category="assignment",
            max_points=Decimal(20),
            is_required=False,
            due_at=timezone.now() + dt.timedelta(days=2),
            late_policy=LatePolicy.ACCEPT,
            rubric=RUBRIC,
        )
        module.add_child(instance=assignment)
        assignment = AssignmentPage.objects.get(pk=assignment.pk)
    _english(
        assignment,
        title="Your business idea on one page (peer review)",
        instructions=[
            (
                "paragraph",
                "<p>Sum up the social problem you address and how you earn your "
                "income on one page. Two peers review it with the rubric.</p>",
            )
        ],
    )
    settings, _ = PeerReviewSettings.objects.get_or_create(
        assignment=assignment,
        defaults={
            "reviewers_per_submission": 2,
            "is_anonymous": True,
            "review_days": 7,
            "instructions": "루브릭의 각 기준을 고르고, 잘한 점 하나와 "
            "보완할 점 하나를 구체적으로 적어 주세요.",
        },
    )
    for email, text in IDEAS.items():
        if not Submission.objects.filter(
            learner=people[email], assignment=assignment
        ).exists():
            submission_create(learner=people[email], assignment=assignment, text=text)
    if settings.round_started_at is None:
        peer_review_assign(assignment=assignment)
    review = (
        PeerReview.objects.filter(
            assignment=assignment,
            reviewer=people[LEARNER2],
            submission__learner=people[LEARNER],
        )
        .exclude(status="submitted")
        .first()
    )
    if review is not None:
        peer_review_submit(
            reviewer=people[LEARNER2],
            review=review,
            rubric_choices=[2, 1],
            comments="일자리와 자원순환을 함께 푸는 점이 좋습니다. 목공 교실의 "
            "예상 수강생 수를 근거와 함께 적으면 수익 구조가 더 설득력 있겠습니다.",
        )


def seed_community(*, courses: list[CoursePage], people: dict[str, User]) -> None:
    community_permissions_grant()
    course = next(
        (c for c in courses if c.slug == COURSE and c.locale.language_code == "ko"),
        None,
    )
    if course is None:
        return
    run = CourseRun.objects.filter(course=course, title_ko=RUN).first()
    if run is None:
        return
    # learner@ reads the demo's e-mails right away; the others get the digest
    NotificationPreference.objects.get_or_create(
        user=people[LEARNER], defaults={"email_mode": "immediate"}
    )
    cohorts = seed_cohorts(run=run, people=people)
    seed_cohort_lesson(course=course, cohort=cohorts.get("region:jeonbuk"))
    seed_forums(run=run, people=people)
    seed_groups(people=people)
    seed_mentoring(people=people)
    seed_peer_review(course=course, people=people)
