"""Demo courses, categories, the learning library and the course review workflow.

Korean first, English as translations of the Korean pages and snippets.
Idempotent: pages are found by slug and locale, snippets by slug and locale,
library files by folder and file name, resources by title; all updated in place.
"""

import csv
import io
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import (
    CourseCategory,
    CourseIndexPage,
    CourseLanguage,
    CourseModulePage,
    CoursePage,
    CoursePageInstructor,
    Delivery,
    LearningMode,
    LessonPage,
    Level,
    LibraryResource,
    Licence,
    ResourceKind,
)

# ---------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------

CATEGORIES = [
    ("social-enterprise-startup", "사회적기업 창업", "Social-enterprise start-up"),
    ("cooperative-management", "협동조합 경영", "Cooperative management"),
    ("social-finance", "사회적 금융", "Social finance"),
    ("marketing-and-sales", "마케팅과 판로", "Marketing and sales"),
    ("local-food", "로컬푸드", "Local food"),
    ("care-services", "돌봄 서비스", "Care services"),
    ("social-value", "사회적가치 측정", "Social-value measurement"),
]

CATALOG = {
    "ko": (
        "교육과정",
        "<p>사회적경제 조직의 창업과 경영, 사회적 금융, 판로와 지역순환 경제를 배우는 "
        "교육센터의 과정입니다. 이수 요건과 수료증이 있는 <b>형식학습</b>, 누구나 "
        "자유롭게 듣는 <b>비형식학습</b>, 동료와 함께 배우는 <b>소셜러닝</b> 과정을 "
        "온라인·집합·합숙으로 운영합니다.</p>",
    ),
    "en": (
        "Courses",
        "<p>The education center's courses on starting and running social-economy "
        "organizations, social finance, market access and the local circular "
        "economy. <b>Formal</b> courses have requirements and a certificate, "
        "<b>informal</b> courses are open to anyone at their own pace, and "
        "<b>social</b> courses are learned together with peers; online, on-site "
        "or residential.</p>",
    ),
}

# ---------------------------------------------------------------------------
# Courses: each lesson is (slug, minutes, required, ko, en) where ko and en are
# (title, [paragraphs], extra) and extra is a callout ("tip"|"info"|"warning",
# text) or a link ("link", title, url, description) or None.
# ---------------------------------------------------------------------------

COURSES = [
    {
        "slug": "social-enterprise-startup-basics",
        "category": "social-enterprise-startup",
        "learning_mode": LearningMode.FORMAL,
        "delivery": Delivery.ON_SITE,
        "level": Level.INTRODUCTORY,
        "course_language": CourseLanguage.KOREAN,
        "credit_hours": Decimal("24"),
        "licence": Licence.CC_BY_NC_SA,
        "is_open": False,
        "instructor": ("instructor@campus.example", "책임강사", "Lead instructor"),
        "tags": ["창업", "start-up", "사업계획"],
        "prerequisites": [],
        "ko": {
            "title": "사회적기업 창업 기초",
            "summary": "사회문제를 비즈니스로 푸는 사회적기업의 개념부터 인증 요건, "
            "비즈니스 모델, 사업계획서 작성까지 창업의 첫걸음을 6주 동안 함께 준비합니다.",
            "description": [
                "사회적기업을 세우려는 예비 창업가와 창업 3년 이내의 팀을 위한 집합 "
                "과정입니다. 매주 토요일 교육센터 강의동에서 강의와 팀 실습을 진행하며, "
                "과정이 끝나면 각 팀이 사업계획서를 발표하고 선배 창업가와 금융센터 "
                "상담역의 피드백을 받습니다.",
                "출석 80% 이상, 모든 필수 차시 이수, 최종 사업계획서 제출을 마치면 "
                "24시간 이수증이 발급되며, 이 이수 기록은 예비사회적기업 지정 신청 시 "
                "교육 이수 실적으로 활용할 수 있습니다.",
            ],
            "callout": (
                "info",
                "팀 단위 신청을 권장합니다. 한 팀은 2–4명이며, 팀원 모두가 각자 "
                "신청해 주세요.",
            ),
            "outcomes": [
                "사회적기업의 개념과 인증 요건을 설명할 수 있다",
                "해결하려는 사회문제와 수혜 대상을 구체적으로 정의할 수 있다",
                "사회적 비즈니스 모델 캔버스로 수익 구조와 사회적 성과를 설계할 수 있다",
                "법인 형태를 비교해 우리 팀에 맞는 형태를 고를 수 있다",
                "심사에 제출할 수 있는 사업계획서 초안을 완성할 수 있다",
            ],
        },
        "en": {
            "title": "Social enterprise start-up basics",
            "summary": "Your first steps in starting a social enterprise over six "
            "weeks: what a social enterprise is, the certification requirements, the "
            "business model and writing the business plan.",
            "description": [
                "An on-site course for would-be founders and for teams in their first "
                "three years. Every Saturday we meet in the education center's lecture "
                "building for lectures and team work; at the end each team presents "
                "its business plan and gets feedback from experienced founders and "
                "the finance center's counselors.",
                "With at least 80% attendance, every required lesson done and the "
                "final business plan handed in, you receive a 24-hour certificate, "
                "which counts as training when applying to be designated a "
                "pre-certified social enterprise.",
            ],
            "callout": (
                "info",
                "We recommend signing up as a team of two to four. Each team "
                "member signs up separately.",
            ),
            "outcomes": [
                "Explain what a social enterprise is and how certification works",
                "Define the social problem you address and who benefits",
                "Design revenue and social outcomes with a social business model canvas",
                "Compare legal forms and choose the right one for your team",
                "Complete a first draft of a business plan ready for review",
            ],
        },
        "modules": [
            {
                "slug": "what-is-a-social-enterprise",
                "ko": (
                    "1. 사회적기업이란",
                    "사회적경제의 주체들과 사회적기업의 인증 요건을 살펴봅니다.",
                ),
                "en": (
                    "1. What is a social enterprise",
                    "The actors of the social economy and what certification requires.",
                ),
                "lessons": [
                    (
                        "social-economy-and-social-enterprise",
                        20,
                        True,
                        (
                            "사회적경제와 사회적기업",
                            [
                                "사회적경제는 이윤의 극대화보다 사람과 공동체의 필요를 먼저 생각하는 "
                                "경제 활동입니다. 우리나라에서는 사회적기업, 협동조합, 마을기업, "
                                "자활기업이 대표적인 주체이며, 각각 근거 법률과 지원 부처가 다릅니다.",
                                "사회적기업은 취약계층에게 일자리나 사회서비스를 제공하거나 지역사회에 "
                                "공헌하는 것을 주된 목적으로 하면서 영업 활동으로 수익을 내는 "
                                "기업입니다. 좋은 일을 하는 단체가 아니라, 지속 가능한 사업으로 "
                                "사회문제를 푸는 기업이라는 점이 핵심입니다.",
                            ],
                            (
                                "tip",
                                "우리 지역의 사회적기업 세 곳을 찾아 각각 어떤 사회문제를 풀고 "
                                "어떻게 돈을 버는지 한 줄씩 적어 보세요.",
                            ),
                        ),
                        (
                            "The social economy and social enterprises",
                            [
                                "The social economy is economic activity that puts the "
                                "needs of people and communities before maximising "
                                "profit. In Korea its main actors are social enterprises, "
                                "cooperatives, village enterprises and self-reliance "
                                "enterprises, each with its own law and ministry.",
                                "A social enterprise earns its income by trading while "
                                "its main purpose is to provide jobs or social services "
                                "to vulnerable people or to contribute to its community. "
                                "The point is that it is a business that solves a social "
                                "problem sustainably, not a charity.",
                            ],
                            (
                                "tip",
                                "Find three social enterprises in your region and write "
                                "one line each on the problem they solve and how they "
                                "earn money.",
                            ),
                        ),
                    ),
                    (
                        "certification-requirements",
                        25,
                        True,
                        (
                            "인증 요건과 유형",
                            [
                                "사회적기업으로 인증받으려면 조직 형태, 유급 근로자 고용, 사회적 "
                                "목적의 실현, 이해관계자가 참여하는 의사결정 구조, 일정 수준 이상의 "
                                "영업 활동 수입, 정관, 이윤의 사회적 목적 재투자 등의 요건을 갖추어야 "
                                "합니다.",
                                "사회적 목적에 따라 일자리 제공형, 사회서비스 제공형, 지역사회 "
                                "공헌형, 혼합형, 기타형으로 나뉩니다. 어떤 유형으로 신청할지는 "
                                "처음부터 정해 두고 그에 맞는 실적을 쌓는 것이 좋습니다.",
                            ],
                            (
                                "link",
                                "한국사회적기업진흥원",
                                "https://www.socialenterprise.or.kr/",
                                "인증 제도와 신청 절차, 최신 공고를 확인할 수 있습니다.",
                            ),
                        ),
                        (
                            "Certification requirements and types",
                            [
                                "To be certified, a social enterprise needs a suitable "
                                "legal form, paid employees, a realised social purpose, "
                                "decision-making that involves its stakeholders, enough "
                                "trading income, articles of association and the "
                                "reinvestment of profit in its social purpose.",
                                "By social purpose, enterprises are certified as job "
                                "creation, social service, community contribution, mixed "
                                "or other types. Decide early which type you will apply "
                                "for, and build the matching track record.",
                            ],
                            (
                                "link",
                                "Korea Social Enterprise Promotion Agency",
                                "https://www.socialenterprise.or.kr/",
                                "Certification, how to apply and current calls (in "
                                "Korean).",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "designing-the-business-model",
                "ko": (
                    "2. 비즈니스 모델 설계",
                    "사회문제를 정의하고 수익과 사회적 성과가 함께 나는 구조를 설계합니다.",
                ),
                "en": (
                    "2. Designing the business model",
                    "Define the problem and design a model that earns and does good.",
                ),
                "lessons": [
                    (
                        "defining-the-social-problem",
                        30,
                        True,
                        (
                            "사회문제 정의하기",
                            [
                                "좋은 사회적기업은 문제를 좁고 구체적으로 정의합니다. '노인 "
                                "빈곤'보다 '읍면 지역에서 혼자 사는 70세 이상 어르신의 겨울철 "
                                "난방비 부담'처럼 누가, 어디서, 어떤 어려움을 겪는지 드러나야 "
                                "해결책과 성과 지표가 보입니다.",
                                "문제를 정의했다면 당사자 다섯 명 이상을 직접 만나 보세요. 책상에서 "
                                "세운 가정이 현장에서 틀리는 경우가 많고, 인터뷰 기록은 나중에 "
                                "사업계획서의 가장 설득력 있는 근거가 됩니다.",
                            ],
                            (
                                "warning",
                                "해결책부터 정하고 문제를 끼워 맞추지 마세요. 심사위원이 가장 "
                                "먼저 알아보는 약점입니다.",
                            ),
                        ),
                        (
                            "Defining the social problem",
                            [
                                "Good social enterprises define their problem narrowly. "
                                "Not 'poverty in old age' but 'the cost of heating in "
                                "winter for people over 70 who live alone in rural "
                                "townships': who, where and what difficulty, so that a "
                                "solution and its measures become visible.",
                                "Then meet at least five of the people concerned. "
                                "Assumptions made at a desk are often wrong in the field, "
                                "and your interview notes will later be the most "
                                "convincing evidence in your business plan.",
                            ],
                            (
                                "warning",
                                "Do not pick a solution first and fit a problem to it. "
                                "Reviewers spot this weakness first.",
                            ),
                        ),
                    ),
                    (
                        "social-business-model-canvas",
                        40,
                        True,
                        (
                            "사회적 비즈니스 모델 캔버스",
                            [
                                "사회적 비즈니스 모델 캔버스는 일반 캔버스에 '사회적 가치 제안', "
                                "'수혜자', '임팩트 측정', '잉여금 재투자' 칸을 더한 도구입니다. "
                                "돈을 내는 고객과 혜택을 받는 수혜자가 다를 수 있다는 점을 "
                                "분명히 보여 줍니다.",
                                "이번 차시에서는 팀별로 캔버스를 채우고, 수익이 나는 활동과 "
                                "사회적 성과가 나는 활동이 서로를 강화하는지, 아니면 서로 "
                                "부딪히는지를 점검합니다.",
                            ],
                            (
                                "tip",
                                "자료실의 '사업계획서 서식'에 캔버스 항목이 정리되어 있습니다.",
                            ),
                        ),
                        (
                            "The social business model canvas",
                            [
                                "The social business model canvas adds 'social value "
                                "proposition', 'beneficiaries', 'impact measures' and "
                                "'surplus reinvestment' to the usual canvas. It makes "
                                "clear that the customers who pay and the people who "
                                "benefit may not be the same.",
                                "In this lesson each team fills in its canvas and checks "
                                "whether the activities that earn money and those that "
                                "create social outcomes strengthen or undermine each "
                                "other.",
                            ],
                            (
                                "tip",
                                "The 'business plan template' in the library lists the "
                                "canvas items.",
                            ),
                        ),
                    ),
                    (
                        "founders-stories",
                        15,
                        False,
                        (
                            "선배 창업가 이야기 (선택)",
                            [
                                "두레공방 협동조합은 폐목재로 가구를 만들며 경력단절 여성 여덟 명을 "
                                "고용하고 있습니다. 처음 2년은 공공기관 납품에만 기대다가 매출이 "
                                "흔들렸고, 온라인 판매와 목공 교육을 더하면서 수익 구조가 "
                                "안정되었습니다.",
                                "선배들이 공통으로 꼽는 교훈은 '첫 고객을 빨리 만나라'와 '보조금이 "
                                "끝난 뒤의 인건비를 미리 계산하라'입니다.",
                            ],
                            None,
                        ),
                        (
                            "Founders' stories (optional)",
                            [
                                "Dure Workshop Cooperative makes furniture from waste "
                                "wood and employs eight women returning to work. For its "
                                "first two years it relied on public procurement and its "
                                "sales wavered; adding online sales and woodworking "
                                "classes made its income stable.",
                                "The lessons founders mention most are 'meet your first "
                                "customer early' and 'work out the wage bill for when "
                                "the grants end'.",
                            ],
                            None,
                        ),
                    ),
                ],
            },
            {
                "slug": "getting-ready-to-start",
                "ko": ("3. 창업 준비", "법인 형태를 고르고 사업계획서를 완성합니다."),
                "en": (
                    "3. Getting ready to start",
                    "Choose a legal form and finish the business plan.",
                ),
                "lessons": [
                    (
                        "choosing-a-legal-form",
                        25,
                        True,
                        (
                            "법인 형태 고르기",
                            [
                                "사회적기업은 상법상 회사, 협동조합, 사회적협동조합, 비영리법인 등 "
                                "여러 형태로 설립할 수 있습니다. 투자 유치가 중요하면 주식회사, "
                                "구성원이 함께 소유하고 운영하려면 협동조합, 공익사업 비중이 크면 "
                                "사회적협동조합이 적합합니다.",
                                "형태에 따라 배당, 잔여재산 처리, 세제 혜택, 설립 절차가 달라지므로 "
                                "팀원들이 무엇을 중요하게 여기는지 먼저 합의하세요.",
                            ],
                            (
                                "info",
                                "금융센터에서 법인 형태별 세무 상담을 예약할 수 있습니다.",
                            ),
                        ),
                        (
                            "Choosing a legal form",
                            [
                                "A social enterprise can be a company under the "
                                "Commercial Act, a cooperative, a social cooperative or "
                                "a non-profit corporation. A company suits teams that "
                                "need investors, a cooperative suits members who own and "
                                "run it together, and a social cooperative suits "
                                "mostly public-interest work.",
                                "Dividends, what happens to assets on dissolution, tax "
                                "relief and the founding procedure all differ, so agree "
                                "first on what matters to your team.",
                            ],
                            (
                                "info",
                                "You can book tax advice on legal forms at the finance "
                                "center.",
                            ),
                        ),
                    ),
                    (
                        "writing-the-business-plan",
                        45,
                        True,
                        (
                            "사업계획서 쓰기",
                            [
                                "사업계획서는 문제, 해결책, 시장과 고객, 수익 구조, 사회적 성과, "
                                "조직과 인력, 재무 계획의 순서로 씁니다. 각 장은 앞 장의 주장에 "
                                "근거를 더하는 방식으로 이어져야 합니다.",
                                "재무 계획에는 최소 3년의 추정 손익과 월별 현금 흐름을 넣고, "
                                "인건비 지원이 끝나는 시점을 표시하세요. 마지막 주에 발표할 "
                                "계획서는 10쪽 이내로 준비합니다.",
                            ],
                            (
                                "tip",
                                "초안은 동료 팀과 바꿔 읽고 '가장 믿기 어려운 문장'을 하나씩 "
                                "표시해 주세요.",
                            ),
                        ),
                        (
                            "Writing the business plan",
                            [
                                "Write the plan in this order: problem, solution, market "
                                "and customers, revenue model, social outcomes, "
                                "organization and people, financial plan. Each section "
                                "should add evidence to the claims of the one before.",
                                "The financial plan has at least three years of "
                                "projected income and a monthly cash flow, and marks "
                                "when wage subsidies end. Keep the plan you present in "
                                "the last week to ten pages.",
                            ],
                            (
                                "tip",
                                "Swap drafts with another team and each mark 'the "
                                "hardest sentence to believe'.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "cooperative-accounting-and-finance",
        "category": "cooperative-management",
        "learning_mode": LearningMode.FORMAL,
        "delivery": Delivery.ONLINE,
        "level": Level.INTERMEDIATE,
        "course_language": CourseLanguage.KOREAN,
        "credit_hours": Decimal("20"),
        "licence": Licence.CC_BY_NC_SA,
        "is_open": False,
        "instructor": ("instructor2@campus.example", "강사", "Instructor"),
        "tags": ["회계", "accounting", "협동조합"],
        "prerequisites": [],
        "ko": {
            "title": "협동조합 회계와 재무",
            "summary": "출자금과 적립금, 배당, 재무제표 읽기와 현금흐름 관리까지 "
            "협동조합 임원과 실무자가 꼭 알아야 할 회계와 재무를 온라인으로 배웁니다.",
            "description": [
                "협동조합은 조합원이 출자하고 함께 운영하는 만큼 회계도 일반 회사와 "
                "다릅니다. 이 과정은 협동조합기본법에 따른 출자금·적립금·배당의 처리와 "
                "총회에 보고할 재무제표를 읽고 설명하는 방법을 다룹니다.",
                "매주 새 차시가 열리며, 각 모듈 끝의 과제를 제출하고 모든 필수 차시를 "
                "마치면 20시간 이수증을 받습니다.",
            ],
            "callout": (
                "tip",
                "엑셀이나 스프레드시트를 쓸 수 있는 컴퓨터로 수강하세요. 실습 서식은 "
                "자료실에서 내려받습니다.",
            ),
            "outcomes": [
                "출자금, 법정적립금, 임의적립금의 차이를 설명할 수 있다",
                "이용실적 배당과 출자 배당의 한도를 계산할 수 있다",
                "손익계산서와 재무상태표를 읽고 총회에서 설명할 수 있다",
                "월별 현금흐름표로 자금 부족 시점을 미리 찾을 수 있다",
            ],
        },
        "en": {
            "title": "Cooperative accounting and finance",
            "summary": "Member shares, reserves, dividends, reading financial "
            "statements and managing cash flow: the accounting and finance every "
            "cooperative board member and manager needs, online.",
            "description": [
                "Because members invest in and run a cooperative together, its "
                "accounting differs from a company's. This course covers member "
                "shares, reserves and dividends under the Framework Act on "
                "Cooperatives, and how to read and explain the financial statements "
                "reported to the general assembly.",
                "A new lesson opens every week. Hand in the assignment at the end of "
                "each module and finish every required lesson to receive a 20-hour "
                "certificate.",
            ],
            "callout": (
                "tip",
                "Take this course on a computer with a spreadsheet program. Download "
                "the worksheets from the library.",
            ),
            "outcomes": [
                "Explain member shares, statutory reserves and voluntary reserves",
                "Calculate the limits of patronage and share dividends",
                "Read an income statement and balance sheet and explain them to "
                "members",
                "Spot a coming cash shortfall with a monthly cash-flow plan",
            ],
        },
        "modules": [
            {
                "slug": "cooperative-accounting-basics",
                "ko": (
                    "1. 협동조합 회계의 기초",
                    "출자금과 적립금, 잉여금 배분의 원칙을 익힙니다.",
                ),
                "en": (
                    "1. Cooperative accounting basics",
                    "Member shares, reserves and how surplus is distributed.",
                ),
                "lessons": [
                    (
                        "member-shares-and-capital",
                        25,
                        True,
                        (
                            "출자금과 자본",
                            [
                                "조합원의 출자금은 협동조합 자본의 중심입니다. 한 조합원의 출자는 "
                                "총 출자좌수의 30%를 넘을 수 없고, 출자 규모와 관계없이 누구나 "
                                "한 표의 의결권을 가집니다.",
                                "탈퇴 조합원에게 돌려줄 출자금은 자본이면서 잠재적인 부채이기도 "
                                "합니다. 조합원 탈퇴가 몰릴 때를 대비해 정관에 환급 시기와 방법을 "
                                "정해 두어야 합니다.",
                            ],
                            (
                                "info",
                                "출자금 변동은 조합원 명부와 반드시 일치해야 합니다. 분기마다 "
                                "대조해 보세요.",
                            ),
                        ),
                        (
                            "Member shares and capital",
                            [
                                "Members' shares are the core of a cooperative's "
                                "capital. No member may hold more than 30% of all "
                                "shares, and every member has one vote however much "
                                "they invested.",
                                "Shares repaid to members who leave are capital but "
                                "also a potential liability. The articles should say "
                                "when and how shares are repaid, in case many members "
                                "leave at once.",
                            ],
                            (
                                "info",
                                "Changes in member shares must match the register of "
                                "members. Reconcile them every quarter.",
                            ),
                        ),
                    ),
                    (
                        "reserves-and-dividends",
                        30,
                        True,
                        (
                            "적립금과 배당",
                            [
                                "협동조합은 결산 잉여금의 10% 이상을 자기자본의 3배가 될 때까지 "
                                "법정적립금으로 쌓아야 합니다. 사회적협동조합은 30% 이상이며 "
                                "배당을 할 수 없습니다.",
                                "일반 협동조합의 배당은 이용실적 배당이 전체 배당의 절반 이상이어야 "
                                "하고, 출자 배당은 출자금의 10%를 넘을 수 없습니다. 배당보다 "
                                "교육과 지역사회 기여에 먼저 쓰는 조합이 많습니다.",
                            ],
                            (
                                "link",
                                "협동조합 (기획재정부 협동조합 누리집)",
                                "https://www.coop.go.kr/",
                                "협동조합기본법, 표준 정관례와 회계 안내서를 찾을 수 있습니다.",
                            ),
                        ),
                        (
                            "Reserves and dividends",
                            [
                                "A cooperative must put at least 10% of its annual "
                                "surplus into a statutory reserve until the reserve is "
                                "three times its equity. A social cooperative puts in at "
                                "least 30% and may not pay dividends.",
                                "In an ordinary cooperative, patronage dividends must be "
                                "at least half of all dividends, and dividends on shares "
                                "may not exceed 10% of paid-in shares. Many cooperatives "
                                "spend on education and their community first.",
                            ],
                            (
                                "link",
                                "Cooperatives portal (Ministry of Economy and Finance)",
                                "https://www.coop.go.kr/",
                                "The Framework Act, model articles and accounting "
                                "guides (in Korean).",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "reading-financial-statements",
                "ko": (
                    "2. 재무제표 읽기와 자금 관리",
                    "총회 보고용 재무제표를 읽고 현금흐름을 관리합니다.",
                ),
                "en": (
                    "2. Financial statements and cash",
                    "Read the statements for the general assembly and manage cash.",
                ),
                "lessons": [
                    (
                        "income-statement-and-balance-sheet",
                        35,
                        True,
                        (
                            "손익계산서와 재무상태표",
                            [
                                "손익계산서는 한 해 동안 얼마를 벌고 썼는지, 재무상태표는 결산일에 "
                                "무엇을 가지고 있고 누구에게 빚지고 있는지를 보여 줍니다. 두 표는 "
                                "당기순이익을 통해 연결됩니다.",
                                "보조금 수입은 영업 수익과 구분해 표시하세요. 조합원과 심사기관 "
                                "모두 '보조금을 빼고도 사업이 유지되는가'를 가장 궁금해합니다.",
                            ],
                            (
                                "tip",
                                "지난해 우리 조합의 재무제표에서 영업 수익 대비 인건비 비율을 "
                                "계산해 과제 게시판에 올려 주세요.",
                            ),
                        ),
                        (
                            "The income statement and the balance sheet",
                            [
                                "The income statement shows what was earned and spent "
                                "during the year; the balance sheet shows what the "
                                "cooperative owns and owes on the closing date. Net "
                                "income links the two.",
                                "Show grant income separately from trading income. "
                                "Members and reviewers alike most want to know whether "
                                "the business would last without grants.",
                            ],
                            (
                                "tip",
                                "From last year's statements of your cooperative, work "
                                "out wages as a share of trading income and post it on "
                                "the assignment board.",
                            ),
                        ),
                    ),
                    (
                        "cash-flow-management",
                        30,
                        True,
                        (
                            "현금흐름 관리",
                            [
                                "흑자인데도 문을 닫는 조합이 있습니다. 공공기관 납품 대금은 두세 "
                                "달 뒤에 들어오는데 인건비와 재료비는 매달 나가기 때문입니다.",
                                "월별 현금흐름표에 들어올 돈과 나갈 돈을 날짜 기준으로 적고, "
                                "잔액이 석 달 치 고정비 아래로 떨어지는 달을 표시하세요. 그 달이 "
                                "오기 전에 사회적 금융의 운전자금 대출을 알아봐야 합니다.",
                            ],
                            (
                                "info",
                                "자료실의 '월별 손익·현금흐름 관리 서식'(CSV)을 내려받아 "
                                "실습하세요.",
                            ),
                        ),
                        (
                            "Managing cash flow",
                            [
                                "Some cooperatives close while in profit: public bodies "
                                "pay two or three months after delivery, while wages and "
                                "materials are paid every month.",
                                "List money in and out by date in a monthly cash-flow "
                                "plan, and mark the months when the balance falls below "
                                "three months of fixed costs. Look into a working-capital "
                                "loan from a social lender before that month comes.",
                            ],
                            (
                                "info",
                                "Download the 'monthly income and cash-flow worksheet' "
                                "(CSV) from the library to practise.",
                            ),
                        ),
                    ),
                    (
                        "audit-and-general-assembly",
                        20,
                        False,
                        (
                            "감사와 총회 준비 (선택)",
                            [
                                "감사는 결산 전에 장부와 증빙을 대조하고 감사보고서를 총회에 "
                                "제출합니다. 감사가 임원과 가족 관계이거나 실무를 겸하면 독립성이 "
                                "떨어집니다.",
                                "총회 자료에는 재무제표와 함께 잉여금 처분안 또는 결손금 처리안, "
                                "다음 해 사업계획과 예산을 담습니다.",
                            ],
                            None,
                        ),
                        (
                            "Audit and the general assembly (optional)",
                            [
                                "The auditor checks the books against receipts before "
                                "closing and reports to the general assembly. An auditor "
                                "related to a board member or doing day-to-day work is "
                                "not independent.",
                                "The assembly papers hold the financial statements, the "
                                "proposal for the surplus or the loss, and next year's "
                                "plan and budget.",
                            ],
                            None,
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "introduction-to-social-value-measurement",
        "category": "social-value",
        "learning_mode": LearningMode.INFORMAL,
        "delivery": Delivery.ONLINE,
        "level": Level.INTRODUCTORY,
        "course_language": CourseLanguage.BILINGUAL,
        "credit_hours": Decimal("6"),
        "licence": Licence.CC_BY,
        "is_open": True,
        "instructor": ("instructor2@campus.example", "강사", "Instructor"),
        "tags": ["사회적가치", "impact", "SROI"],
        "prerequisites": [],
        "ko": {
            "title": "사회적가치 측정 입문",
            "summary": "우리 조직이 만드는 변화를 어떻게 보여 줄까요? 변화이론과 "
            "지표 선택, SROI의 기본을 누구나 자유롭게 배우는 공개 과정입니다.",
            "description": [
                "지원기관과 투자자, 조합원은 점점 더 '그래서 무엇이 달라졌는가'를 "
                "묻습니다. 이 과정은 측정 전문가가 아닌 실무자를 위해 사회적가치를 "
                "정의하고, 변화이론을 그리고, 현실적인 지표를 고르는 방법을 안내합니다.",
                "가입하지 않아도 모든 차시를 읽을 수 있으며, 로그인하면 진도가 저장됩니다.",
            ],
            "callout": ("info", "한국어와 영어 자료를 함께 제공합니다."),
            "outcomes": [
                "산출, 성과, 임팩트를 구분할 수 있다",
                "우리 조직의 변화이론을 한 장으로 그릴 수 있다",
                "수집 가능한 지표 세 가지를 고를 수 있다",
            ],
        },
        "en": {
            "title": "Introduction to social-value measurement",
            "summary": "How do you show the change your organization makes? An open "
            "course for anyone on theories of change, choosing indicators and the "
            "basics of SROI.",
            "description": [
                "Funders, investors and members increasingly ask 'so what changed?'. "
                "This course is for practitioners, not measurement experts: how to "
                "define social value, draw a theory of change and choose indicators you "
                "can actually collect.",
                "Every lesson is open without signing up; sign in to keep track of "
                "your progress.",
            ],
            "callout": ("info", "Materials come in Korean and English."),
            "outcomes": [
                "Tell outputs, outcomes and impact apart",
                "Draw your organization's theory of change on one page",
                "Choose three indicators you can collect",
            ],
        },
        "modules": [
            {
                "slug": "why-measure",
                "ko": ("1. 왜 측정하는가", "사회적가치의 개념과 변화이론."),
                "en": (
                    "1. Why measure",
                    "What social value is, and theories of change.",
                ),
                "lessons": [
                    (
                        "what-is-social-value",
                        15,
                        True,
                        (
                            "사회적가치란",
                            [
                                "사회적가치는 조직의 활동으로 사람과 공동체, 환경에 생긴 의미 "
                                "있는 변화입니다. 교육을 몇 번 했는지(산출)가 아니라 참여자의 "
                                "삶이 어떻게 달라졌는지(성과)가 측정의 대상입니다.",
                                "또 우리가 없었어도 일어났을 변화는 빼야 합니다. 이를 "
                                "'기여도'라고 하며, 정직한 측정의 출발점입니다.",
                            ],
                            (
                                "tip",
                                "우리 조직의 활동 하나를 골라 산출 하나, 성과 하나를 적어 "
                                "보세요.",
                            ),
                        ),
                        (
                            "What is social value",
                            [
                                "Social value is the meaningful change that an "
                                "organization's activities make for people, communities "
                                "and the environment. Not how many workshops you ran "
                                "(outputs) but how participants' lives changed "
                                "(outcomes).",
                                "Change that would have happened anyway must be taken "
                                "out. This is attribution, and it is where honest "
                                "measurement starts.",
                            ],
                            (
                                "tip",
                                "Pick one of your organization's activities and write "
                                "one output and one outcome.",
                            ),
                        ),
                    ),
                    (
                        "theory-of-change",
                        25,
                        True,
                        (
                            "변화이론 그리기",
                            [
                                "변화이론은 '투입 → 활동 → 산출 → 성과 → 임팩트'의 연결을 "
                                "그림으로 보여 주고, 각 화살표 뒤에 숨은 가정을 드러냅니다.",
                                "예를 들어 자활기업의 직업훈련은 '훈련 이수 → 자격 취득 → 취업 → "
                                "소득 안정'으로 이어진다고 가정합니다. 가장 약한 화살표가 어디인지 "
                                "찾는 것이 측정 계획의 시작입니다.",
                            ],
                            (
                                "link",
                                "Social Value International",
                                "https://www.socialvalueint.org/",
                                "사회적가치 측정의 원칙과 국제 자료(영어).",
                            ),
                        ),
                        (
                            "Drawing a theory of change",
                            [
                                "A theory of change draws the chain 'inputs → "
                                "activities → outputs → outcomes → impact' and exposes "
                                "the assumptions behind each arrow.",
                                "A self-reliance enterprise's job training, for example, "
                                "assumes 'training completed → qualification → job → "
                                "stable income'. Finding the weakest arrow is where a "
                                "measurement plan starts.",
                            ],
                            (
                                "link",
                                "Social Value International",
                                "https://www.socialvalueint.org/",
                                "Principles of social value and international "
                                "resources.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "how-to-measure",
                "ko": ("2. 어떻게 측정하는가", "지표 고르기와 SROI 개요."),
                "en": (
                    "2. How to measure",
                    "Choosing indicators, and an overview of SROI.",
                ),
                "lessons": [
                    (
                        "choosing-indicators",
                        20,
                        True,
                        (
                            "지표 고르기",
                            [
                                "좋은 지표는 성과를 직접 보여 주고, 적은 비용으로 꾸준히 모을 수 "
                                "있어야 합니다. 처음에는 세 개면 충분합니다.",
                                "돌봄 서비스라면 '이용자 수'보다 '혼자 외출할 수 있게 된 이용자 "
                                "비율', '보호자의 돌봄 시간 감소' 같은 지표가 변화를 더 잘 "
                                "보여 줍니다.",
                            ],
                            (
                                "warning",
                                "모을 수 없는 지표는 계획서에 쓰지 마세요. 다음 해 보고서에서 "
                                "빈칸이 됩니다.",
                            ),
                        ),
                        (
                            "Choosing indicators",
                            [
                                "A good indicator shows the outcome directly and can be "
                                "collected steadily at little cost. Three are enough to "
                                "start with.",
                                "For a care service, 'share of users who can now go out "
                                "on their own' or 'fewer hours of care by family' show "
                                "change better than 'number of users'.",
                            ],
                            (
                                "warning",
                                "Do not promise indicators you cannot collect; they "
                                "become blanks in next year's report.",
                            ),
                        ),
                    ),
                    (
                        "sroi-overview",
                        20,
                        False,
                        (
                            "SROI 개요 (선택)",
                            [
                                "사회적 투자수익률(SROI)은 성과에 화폐 가치를 매겨 투입 대비 "
                                "사회적 가치를 비율로 보여 줍니다. '1원을 투입해 3.2원의 사회적 "
                                "가치'처럼 표현합니다.",
                                "숫자 하나가 주는 설득력이 크지만, 화폐화의 가정에 따라 결과가 크게 "
                                "달라집니다. 가정을 모두 공개하는 것이 신뢰의 조건입니다.",
                            ],
                            None,
                        ),
                        (
                            "An overview of SROI (optional)",
                            [
                                "Social return on investment (SROI) puts a money value "
                                "on outcomes and shows social value as a ratio to what "
                                "was invested, such as '3.2 won of social value for "
                                "each won invested'.",
                                "One number is persuasive, but the result depends "
                                "heavily on the assumptions behind the valuation. "
                                "Publishing every assumption is what makes it credible.",
                            ],
                            None,
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "local-food-market-access-residential",
        "category": "local-food",
        "learning_mode": LearningMode.FORMAL,
        "delivery": Delivery.RESIDENTIAL,
        "level": Level.INTERMEDIATE,
        "course_language": CourseLanguage.KOREAN,
        "credit_hours": Decimal("32"),
        "licence": Licence.ALL_RIGHTS_RESERVED,
        "is_open": False,
        "instructor": ("instructor@campus.example", "책임강사", "Lead instructor"),
        "tags": ["로컬푸드", "판로", "local food"],
        "prerequisites": [],
        "ko": {
            "title": "로컬푸드 판로 개척 합숙 과정",
            "summary": "직매장, 꾸러미, 공공급식까지 로컬푸드 판로를 3박 4일 합숙으로 "
            "익히고, 마지막 날 교류시설 장터에서 직접 판매해 봅니다.",
            "description": [
                "농업법인, 마을기업, 사회적협동조합에서 유통과 판매를 맡은 실무자를 위한 "
                "합숙 과정입니다. 교육센터 숙박동에 머물며 낮에는 강의와 현장 방문, "
                "저녁에는 팀별 상품 기획 실습을 합니다.",
                "마지막 날 지역순환 교류시설의 토요 장터에서 팀이 기획한 상품을 직접 "
                "판매하고 결과를 함께 돌아봅니다. 숙박과 식사는 교육비에 포함됩니다.",
            ],
            "callout": (
                "warning",
                "숙박동은 2인 1실입니다. 신청 후 숙박 배정 안내를 꼭 확인해 주세요.",
            ),
            "outcomes": [
                "로컬푸드 유통 경로별 수수료와 물류 구조를 비교할 수 있다",
                "공공급식 납품의 요건과 절차를 설명할 수 있다",
                "소비자 조사를 바탕으로 상품 구성과 포장을 기획할 수 있다",
                "바이어 상담에 쓸 상품 소개서와 가격표를 만들 수 있다",
            ],
        },
        "en": {
            "title": "Local food market access: residential course",
            "summary": "Farm shops, veg boxes and public catering: learn the routes "
            "to market for local food in four days and three nights, and sell at the "
            "exchange plaza market on the last day.",
            "description": [
                "A residential course for the people who handle distribution and sales "
                "in farming corporations, village enterprises and social cooperatives. "
                "You stay in the education center's lodging building: lectures and "
                "field visits by day, team product planning in the evening.",
                "On the last day teams sell the products they planned at the Saturday "
                "market of the exchange facilities, and we review the results "
                "together. Lodging and meals are included in the fee.",
            ],
            "callout": (
                "warning",
                "Rooms in the lodging building are shared by two. Watch for your "
                "room assignment after signing up.",
            ),
            "outcomes": [
                "Compare the fees and logistics of each local-food channel",
                "Explain the requirements and procedure for supplying public catering",
                "Plan a product range and packaging from customer research",
                "Make a product sheet and price list for buyer meetings",
            ],
        },
        "modules": [
            {
                "slug": "local-food-distribution",
                "ko": (
                    "1. 로컬푸드 유통 구조",
                    "직매장, 꾸러미, 공공급식의 구조와 조건.",
                ),
                "en": (
                    "1. How local food is distributed",
                    "Farm shops, veg boxes and public catering.",
                ),
                "lessons": [
                    (
                        "farm-shops-and-veg-boxes",
                        40,
                        True,
                        (
                            "직매장과 꾸러미",
                            [
                                "로컬푸드 직매장은 생산자가 직접 가격을 정하고 진열하며, 판매액의 "
                                "10–15% 정도를 수수료로 냅니다. 매일 출하와 재고 회수가 필요해 "
                                "매장과 가까운 생산자에게 유리합니다.",
                                "꾸러미는 정기 구독 고객에게 제철 농산물을 묶어 보내는 방식으로, "
                                "수요를 미리 알 수 있지만 품목 구성과 배송 관리에 손이 많이 "
                                "갑니다.",
                            ],
                            (
                                "tip",
                                "둘째 날 오후에는 인근 로컬푸드 직매장을 방문합니다. 진열대 "
                                "한 칸의 하루 매출을 물어보세요.",
                            ),
                        ),
                        (
                            "Farm shops and veg boxes",
                            [
                                "In a local-food farm shop the growers set their own "
                                "prices and stock the shelves, paying a fee of about "
                                "10–15% of sales. Daily deliveries and taking back "
                                "unsold stock favour growers close to the shop.",
                                "Veg boxes send a mix of seasonal produce to "
                                "subscribers. Demand is known in advance, but planning "
                                "the mix and delivery takes work.",
                            ],
                            (
                                "tip",
                                "On the second afternoon we visit a nearby farm shop. "
                                "Ask how much one shelf sells in a day.",
                            ),
                        ),
                    ),
                    (
                        "public-catering",
                        40,
                        True,
                        (
                            "공공급식 납품",
                            [
                                "학교와 어린이집, 공공기관 급식은 물량이 크고 안정적이지만, "
                                "식단에 맞춘 계획 생산과 안전성 검사, 정해진 규격의 전처리와 "
                                "배송을 요구합니다.",
                                "대부분의 시군은 공공급식지원센터를 통해 생산자 조직과 계약합니다. "
                                "개별 농가보다 협동조합이나 영농조합법인으로 함께 참여하는 것이 "
                                "현실적입니다.",
                            ],
                            (
                                "info",
                                "공공급식지원센터 담당자가 셋째 날 오전 특강을 맡습니다.",
                            ),
                        ),
                        (
                            "Supplying public catering",
                            [
                                "School, nursery and public-sector catering buys large "
                                "and steady volumes, but asks for production planned to "
                                "the menu, safety testing, and preparation and delivery "
                                "to set standards.",
                                "Most counties contract growers' organizations through "
                                "a public catering support center. Taking part together "
                                "as a cooperative or farming association is more "
                                "realistic than alone.",
                            ],
                            (
                                "info",
                                "A manager from the public catering support center "
                                "gives a talk on the third morning.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "opening-new-markets",
                "ko": (
                    "2. 판로 개척 실습",
                    "상품 기획부터 바이어 상담과 장터 판매까지.",
                ),
                "en": (
                    "2. Opening new markets",
                    "From product planning to buyer meetings and the market stall.",
                ),
                "lessons": [
                    (
                        "product-planning-and-packaging",
                        60,
                        True,
                        (
                            "상품 기획과 포장",
                            [
                                "같은 사과라도 1인 가구를 위한 소포장, 선물용 세트, 가공용 "
                                "못난이 사과는 고객도 가격도 다릅니다. 팀별로 고객 한 집단을 정해 "
                                "상품을 다시 구성해 봅니다.",
                                "포장에는 생산자와 산지, 수확일, 보관 방법을 적고, 우리 조직이 "
                                "지역에 하는 일을 한 문장으로 담으세요. 소비자는 이야기가 있는 "
                                "상품을 기억합니다.",
                            ],
                            None,
                        ),
                        (
                            "Product planning and packaging",
                            [
                                "The same apples are different products as small packs "
                                "for one-person households, gift boxes or 'ugly' apples "
                                "for processing, with different customers and prices. "
                                "Each team chooses one customer group and reworks its "
                                "range.",
                                "Put the grower, the origin, the harvest date and how "
                                "to store it on the pack, and one sentence on what your "
                                "organization does for the region. Customers remember "
                                "products with a story.",
                            ],
                            None,
                        ),
                    ),
                    (
                        "buyer-meetings",
                        45,
                        True,
                        (
                            "바이어 상담 준비",
                            [
                                "바이어는 품질만큼 공급의 안정성을 봅니다. 월별 공급 가능 물량, "
                                "최소 주문 단위, 납품 주기, 단가와 결제 조건을 한 장에 정리하세요.",
                                "상담은 10분입니다. 처음 1분에 우리 상품이 바이어의 어떤 문제를 "
                                "풀어 주는지 말하고, 나머지는 질문에 답하는 데 씁니다.",
                            ],
                            (
                                "tip",
                                "자료실의 '로컬푸드 출하 계획표'로 공급 가능 물량을 정리하세요.",
                            ),
                        ),
                        (
                            "Preparing for buyer meetings",
                            [
                                "Buyers look at reliability of supply as much as "
                                "quality. Put monthly volumes, minimum order, delivery "
                                "cycle, unit price and payment terms on one page.",
                                "A meeting lasts ten minutes. Say in the first minute "
                                "which of the buyer's problems your product solves, and "
                                "spend the rest answering questions.",
                            ],
                            (
                                "tip",
                                "Use the 'local food supply plan' in the library to set "
                                "out your volumes.",
                            ),
                        ),
                    ),
                    (
                        "market-day-review",
                        30,
                        True,
                        (
                            "장터 판매와 돌아보기",
                            [
                                "마지막 날 오전 교류광장 장터에서 팀별로 판매대를 운영합니다. 판매 "
                                "수량, 고객 질문, 가격 반응을 기록해 두세요.",
                                "오후에는 팀마다 '다시 한다면 바꿀 세 가지'를 발표하고, 과정 "
                                "수료와 함께 숙박동을 퇴실합니다.",
                            ],
                            (
                                "info",
                                "퇴실은 마지막 날 17시까지입니다. 열쇠는 숙박동 안내데스크에 "
                                "반납해 주세요.",
                            ),
                        ),
                        (
                            "Market day and review",
                            [
                                "On the last morning each team runs a stall at the "
                                "exchange plaza market. Record what sold, what customers "
                                "asked and how they reacted to prices.",
                                "In the afternoon each team presents 'three things we "
                                "would change', and you check out of the lodging "
                                "building on completing the course.",
                            ],
                            (
                                "info",
                                "Check-out is by 17:00 on the last day. Return your key "
                                "to the lodging desk.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "running-a-care-social-cooperative",
        "category": "care-services",
        "learning_mode": LearningMode.SOCIAL,
        "delivery": Delivery.ON_SITE,
        "level": Level.INTERMEDIATE,
        "course_language": CourseLanguage.KOREAN,
        "credit_hours": Decimal("16"),
        "licence": Licence.CC_BY_NC_SA,
        "is_open": False,
        "instructor": ("instructor@campus.example", "진행자", "Facilitator"),
        "tags": ["돌봄", "사회적협동조합", "care"],
        "prerequisites": [],
        "ko": {
            "title": "돌봄 사회적협동조합 운영 실무",
            "summary": "돌봄 사회적협동조합의 실무자들이 모여 조합원 구조, 돌봄 노동자 "
            "처우, 서비스 품질의 고민을 나누고 함께 해법을 찾는 동료 학습 모임입니다.",
            "description": [
                "지역사회 통합돌봄이 확대되면서 돌봄 사회적협동조합의 역할이 커지고 "
                "있습니다. 이 과정은 강의보다 사례 나눔과 토론이 중심인 소셜러닝 "
                "과정으로, 격주 목요일 저녁 교육센터 세미나실에서 만납니다.",
                "참가 신청은 운영진이 검토해 승인합니다. 같은 지역의 조합이 함께 "
                "참여할 수 있도록 신청 사유에 조합 소개를 적어 주세요.",
            ],
            "callout": (
                "info",
                "매 모임마다 한 조합이 자기 조합의 고민 하나를 사례로 가져옵니다.",
            ),
            "outcomes": [
                "다중이해관계자 조합원 구조의 장단점을 설명할 수 있다",
                "돌봄 노동자의 처우 개선 방안을 우리 조합 예산에 맞춰 세울 수 있다",
                "이용자 안전과 서비스 품질 점검표를 만들어 운영할 수 있다",
            ],
        },
        "en": {
            "title": "Running a care social cooperative",
            "summary": "A peer-learning group where staff of care social "
            "cooperatives share their questions about membership, care workers' "
            "conditions and quality of service, and look for answers together.",
            "description": [
                "As integrated community care grows, so does the role of care social "
                "cooperatives. This is a social-learning course built on shared cases "
                "and discussion rather than lectures; we meet every other Thursday "
                "evening in a seminar room of the education center.",
                "Requests to join are reviewed and approved by the organizers. Please "
                "introduce your cooperative in your request, so that cooperatives from "
                "the same area can join together.",
            ],
            "callout": (
                "info",
                "At each meeting one cooperative brings one of its own problems as a "
                "case.",
            ),
            "outcomes": [
                "Explain the pros and cons of multi-stakeholder membership",
                "Plan better conditions for care workers within your budget",
                "Build and use a checklist for user safety and quality of service",
            ],
        },
        "modules": [
            {
                "slug": "care-and-social-cooperatives",
                "ko": ("1. 돌봄과 사회적협동조합", "지역사회 통합돌봄과 조합원 구조."),
                "en": (
                    "1. Care and social cooperatives",
                    "Integrated community care and membership.",
                ),
                "lessons": [
                    (
                        "integrated-community-care",
                        30,
                        True,
                        (
                            "지역사회 통합돌봄",
                            [
                                "지역사회 통합돌봄은 어르신과 장애인이 살던 곳에서 의료, 요양, "
                                "돌봄, 주거 지원을 함께 받도록 하는 정책입니다. 시군구가 서비스를 "
                                "연계하고, 민간 제공기관이 실제 서비스를 맡습니다.",
                                "사회적협동조합은 이용자와 돌봄 노동자, 지역 주민이 함께 조합원이 "
                                "될 수 있어 지역에 뿌리내린 제공기관으로 주목받습니다.",
                            ],
                            (
                                "tip",
                                "첫 모임 전에 우리 시군의 통합돌봄 담당 부서와 연계 서비스 "
                                "목록을 확인해 오세요.",
                            ),
                        ),
                        (
                            "Integrated community care",
                            [
                                "Integrated community care lets older and disabled "
                                "people receive medical care, long-term care, everyday "
                                "care and housing support where they live. Local "
                                "governments link the services; providers deliver them.",
                                "In a social cooperative, users, care workers and local "
                                "residents can all be members, which makes it a provider "
                                "rooted in its community.",
                            ],
                            (
                                "tip",
                                "Before the first meeting, find out which office of your "
                                "local government runs integrated care and which "
                                "services it links.",
                            ),
                        ),
                    ),
                    (
                        "multi-stakeholder-membership",
                        30,
                        True,
                        (
                            "다중이해관계자 조합원 구조",
                            [
                                "이용자 조합원, 직원 조합원, 후원 조합원이 함께하면 서로의 "
                                "입장을 이해하기 쉽지만, 이해가 부딪힐 때 의사결정이 느려질 수 "
                                "있습니다.",
                                "많은 조합이 이사회에 조합원 유형별 자리를 배정하고, 임금과 "
                                "이용료처럼 이해가 갈리는 안건은 사전 간담회를 거칩니다. 각 조합의 "
                                "방식을 나눠 봅시다.",
                            ],
                            None,
                        ),
                        (
                            "Multi-stakeholder membership",
                            [
                                "With user, worker and supporter members together, each "
                                "understands the others more easily, but decisions can "
                                "slow down when interests clash.",
                                "Many cooperatives reserve board seats for each kind of "
                                "member and hold meetings in advance on items where "
                                "interests divide, such as wages and fees. Let us share "
                                "how each cooperative does it.",
                            ],
                            None,
                        ),
                    ),
                ],
            },
            {
                "slug": "day-to-day-operations",
                "ko": ("2. 운영 실무", "돌봄 노동자 처우와 서비스 품질."),
                "en": (
                    "2. Day-to-day operations",
                    "Care workers' conditions and quality of service.",
                ),
                "lessons": [
                    (
                        "care-workers-conditions",
                        40,
                        True,
                        (
                            "돌봄 노동자의 처우",
                            [
                                "돌봄 인력의 이직은 서비스 품질을 가장 크게 떨어뜨립니다. 시급 "
                                "외에도 이동 시간 인정, 고정 근무 시간 보장, 동료 모임과 교육이 "
                                "이직을 줄입니다.",
                                "이번 모임에서는 각 조합의 인건비 구조를 익명으로 비교하고, "
                                "1년 안에 실행할 수 있는 개선안 하나씩을 정합니다.",
                            ],
                            (
                                "info",
                                "조합별 자료는 참가자끼리만 공유하며 외부에 공개하지 않습니다.",
                            ),
                        ),
                        (
                            "Care workers' conditions",
                            [
                                "Staff turnover harms quality of care more than "
                                "anything. Besides the hourly wage, paid travel time, "
                                "guaranteed hours, peer meetings and training reduce "
                                "turnover.",
                                "At this meeting we compare wage structures "
                                "anonymously, and each cooperative chooses one "
                                "improvement it can make within a year.",
                            ],
                            (
                                "info",
                                "Each cooperative's figures are shared only among "
                                "participants.",
                            ),
                        ),
                    ),
                    (
                        "safety-and-quality",
                        30,
                        True,
                        (
                            "이용자 안전과 서비스 품질",
                            [
                                "낙상, 투약 실수, 학대 의심 상황은 발생했을 때의 대응 절차를 미리 "
                                "정하고 모든 돌봄 노동자가 알고 있어야 합니다.",
                                "분기마다 이용자와 보호자에게 짧은 만족도 조사를 하고, 결과와 "
                                "개선 조치를 총회에 보고하세요. 조합원이 품질을 함께 감시하는 "
                                "것이 협동조합의 강점입니다.",
                            ],
                            (
                                "warning",
                                "학대가 의심되면 조합 내부 판단을 기다리지 말고 즉시 관계 "
                                "기관에 신고해야 합니다.",
                            ),
                        ),
                        (
                            "User safety and quality of service",
                            [
                                "Falls, medication errors and suspected abuse need a "
                                "response procedure agreed in advance that every care "
                                "worker knows.",
                                "Run a short satisfaction survey of users and families "
                                "every quarter and report results and actions to the "
                                "general assembly. Members watching quality together "
                                "is a cooperative's strength.",
                            ],
                            (
                                "warning",
                                "If you suspect abuse, report it to the authorities at "
                                "once; do not wait for an internal decision.",
                            ),
                        ),
                    ),
                    (
                        "case-clinic",
                        60,
                        False,
                        (
                            "사례 클리닉 (선택)",
                            [
                                "한 조합이 가져온 실제 고민을 놓고 참가자 모두가 질문하고 "
                                "조언합니다. 발표 조합은 15분 동안 상황을 설명하고, 이어서 "
                                "질문만 하는 시간과 조언만 하는 시간을 나눠 진행합니다.",
                                "기록은 발표 조합이 가져가며, 다음 모임에서 무엇을 해 봤는지 "
                                "짧게 나눕니다.",
                            ],
                            None,
                        ),
                        (
                            "Case clinic (optional)",
                            [
                                "Everyone questions and advises on a real problem "
                                "brought by one cooperative. The presenters describe the "
                                "situation in fifteen minutes, then there is a round of "
                                "questions only and a round of advice only.",
                                "The presenting cooperative keeps the notes and tells "
                                "the group at the next meeting what it tried.",
                            ],
                            None,
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "understanding-impact-investing",
        "category": "social-finance",
        "learning_mode": LearningMode.INFORMAL,
        "delivery": Delivery.ONLINE,
        "level": Level.INTRODUCTORY,
        "course_language": CourseLanguage.BILINGUAL,
        "credit_hours": Decimal("4"),
        "licence": Licence.CC_BY_SA,
        "is_open": True,
        "instructor": ("instructor2@campus.example", "강사", "Instructor"),
        "tags": ["임팩트투자", "impact investing", "사회적금융"],
        "prerequisites": [],
        "ko": {
            "title": "임팩트 투자 이해",
            "summary": "사회적 금융과 임팩트 투자의 지형, 투자자가 보는 것, 투자 유치 "
            "이후의 임팩트 보고까지 짧게 정리한 공개 과정입니다.",
            "description": [
                "사회적경제 조직이 성장하려면 보조금만으로는 부족합니다. 이 과정은 "
                "사회적 금융의 종류와 임팩트 투자의 구조를 이해하고, 우리 조직에 맞는 "
                "자금이 무엇인지 판단하도록 돕습니다.",
                "차시는 언제든 자유롭게 볼 수 있으며, 금융센터 상담역과 함께하는 "
                "온라인 라운드테이블은 정원이 작아 따로 신청을 받습니다.",
            ],
            "callout": (
                "tip",
                "과정을 마친 뒤 금융센터의 투자 유치 상담을 예약해 보세요.",
            ),
            "outcomes": [
                "보조금, 융자, 투자의 차이와 각각의 조건을 설명할 수 있다",
                "임팩트 투자자가 검토하는 항목을 점검표로 정리할 수 있다",
                "투자 이후 임팩트 보고의 기본 구성을 알 수 있다",
            ],
        },
        "en": {
            "title": "Understanding impact investing",
            "summary": "A short open course on social finance and impact investing: "
            "what is out there, what investors look for, and reporting impact once "
            "you are funded.",
            "description": [
                "Grants alone will not let a social-economy organization grow. This "
                "course explains the kinds of social finance and how impact investing "
                "works, so you can judge which money suits your organization.",
                "The lessons are open at any time. The online roundtable with the "
                "finance center's counselors has few places and is booked separately.",
            ],
            "callout": (
                "tip",
                "When you finish, book an investment counseling session at the "
                "finance center.",
            ),
            "outcomes": [
                "Explain grants, loans and investment and the terms of each",
                "Put what impact investors review into a checklist",
                "Know the basic contents of an impact report after investment",
            ],
        },
        "modules": [
            {
                "slug": "the-social-finance-landscape",
                "ko": (
                    "1. 사회적 금융의 지형",
                    "보조금, 융자, 투자와 임팩트 투자의 구조.",
                ),
                "en": (
                    "1. The social finance landscape",
                    "Grants, loans, investment and how impact investing works.",
                ),
                "lessons": [
                    (
                        "what-is-social-finance",
                        20,
                        True,
                        (
                            "사회적 금융이란",
                            [
                                "사회적 금융은 사회적 가치를 만드는 조직에 자금을 공급하는 "
                                "금융입니다. 정책자금 융자, 신용보증, 사회가치기금의 대출과 투자, "
                                "크라우드펀딩, 협동조합의 조합원 출자가 모두 여기에 속합니다.",
                                "보조금은 갚지 않지만 용도가 정해져 있고, 융자는 갚아야 하지만 "
                                "용도가 자유롭고, 투자는 갚지 않는 대신 지분과 의사결정에 "
                                "영향을 줍니다.",
                            ],
                            (
                                "info",
                                "어떤 돈이든 '언제, 무엇으로 갚거나 돌려줄지'를 먼저 "
                                "생각하세요.",
                            ),
                        ),
                        (
                            "What social finance is",
                            [
                                "Social finance supplies money to organizations that "
                                "create social value: public loans, credit guarantees, "
                                "loans and investment from social value funds, "
                                "crowdfunding and members' shares in cooperatives.",
                                "Grants are not repaid but are tied to a purpose; loans "
                                "are repaid but can be used freely; investment is not "
                                "repaid but takes a share and a say in decisions.",
                            ],
                            (
                                "info",
                                "Whatever the money, think first about when and from "
                                "what you will repay or return it.",
                            ),
                        ),
                    ),
                    (
                        "impact-investing-and-loans",
                        20,
                        True,
                        (
                            "임팩트 투자와 융자",
                            [
                                "임팩트 투자는 재무적 수익과 함께 측정 가능한 사회·환경적 성과를 "
                                "의도하는 투자입니다. 투자자는 사업의 성장성과 함께 임팩트가 "
                                "사업 모델 안에 들어 있는지를 봅니다.",
                                "초기 조직에는 지분 투자보다 사회적 금융기관의 융자나 전환사채, "
                                "수익 연동형 투자가 더 맞는 경우가 많습니다.",
                            ],
                            (
                                "link",
                                "GIIN (Global Impact Investing Network)",
                                "https://thegiin.org/",
                                "임팩트 투자의 정의와 국제 동향(영어).",
                            ),
                        ),
                        (
                            "Impact investing and loans",
                            [
                                "Impact investments intend a measurable social or "
                                "environmental outcome alongside a financial return. "
                                "Investors look at growth and at whether the impact is "
                                "built into the business model.",
                                "For young organizations, loans from social lenders, "
                                "convertible notes or revenue-based investment often "
                                "fit better than equity.",
                            ],
                            (
                                "link",
                                "GIIN (Global Impact Investing Network)",
                                "https://thegiin.org/",
                                "What impact investing is, and international trends.",
                            ),
                        ),
                    ),
                ],
            },
            {
                "slug": "getting-ready-for-investment",
                "ko": ("2. 투자 유치 준비", "투자자가 보는 것과 임팩트 보고."),
                "en": (
                    "2. Getting ready for investment",
                    "What investors look at, and reporting impact.",
                ),
                "lessons": [
                    (
                        "what-investors-look-for",
                        25,
                        True,
                        (
                            "투자자가 보는 것",
                            [
                                "임팩트 투자자는 팀, 시장, 수익 모델, 임팩트의 네 가지를 봅니다. "
                                "특히 사업이 커질수록 임팩트도 커지는 구조인지, 성장 압력에 사회적 "
                                "목적이 밀려나지 않을 장치가 있는지를 묻습니다.",
                                "투자 제안서에는 지난 2년의 실적과 앞으로 3년의 계획, 필요한 금액과 "
                                "용도, 측정하고 있는 임팩트 지표를 담으세요.",
                            ],
                            None,
                        ),
                        (
                            "What investors look for",
                            [
                                "Impact investors look at the team, the market, the "
                                "revenue model and the impact. Above all they ask "
                                "whether impact grows as the business grows, and what "
                                "keeps the social purpose from being pushed aside by "
                                "pressure to grow.",
                                "Put two years of results, a three-year plan, the "
                                "amount you need and what for, and the impact "
                                "indicators you track into your proposal.",
                            ],
                            None,
                        ),
                    ),
                    (
                        "impact-reporting",
                        15,
                        False,
                        (
                            "임팩트 보고 (선택)",
                            [
                                "투자 이후에는 보통 반기나 1년마다 재무 실적과 함께 합의한 임팩트 "
                                "지표를 보고합니다. 목표에 못 미친 지표도 이유와 대응을 함께 "
                                "적으면 신뢰가 쌓입니다.",
                                "'사회적가치 측정 입문' 과정에서 지표 고르는 법을 더 자세히 "
                                "배울 수 있습니다.",
                            ],
                            (
                                "tip",
                                "투자 계약서에 보고 주기와 지표를 구체적으로 적어 두면 나중에 "
                                "분쟁을 줄일 수 있습니다.",
                            ),
                        ),
                        (
                            "Impact reporting (optional)",
                            [
                                "After investment you usually report financial results "
                                "and the agreed impact indicators every six or twelve "
                                "months. Reporting misses together with reasons and "
                                "actions builds trust.",
                                "The course 'Introduction to social-value measurement' "
                                "covers choosing indicators in more depth.",
                            ],
                            (
                                "tip",
                                "Writing the reporting cycle and indicators into the "
                                "investment agreement avoids disputes later.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
    {
        "slug": "social-enterprise-marketing-study-group",
        "category": "marketing-and-sales",
        "learning_mode": LearningMode.SOCIAL,
        "delivery": Delivery.ONLINE,
        "level": Level.INTERMEDIATE,
        "course_language": CourseLanguage.KOREAN,
        "credit_hours": Decimal("12"),
        "licence": Licence.CC_BY_NC,
        "is_open": False,
        "instructor": ("instructor2@campus.example", "멘토", "Mentor"),
        "tags": ["마케팅", "공공구매", "marketing"],
        "prerequisites": ["social-enterprise-startup-basics"],
        "ko": {
            "title": "사회적기업 마케팅 스터디",
            "summary": "'사회적기업 창업 기초'를 마친 팀이 가치 중심 브랜딩과 공공구매, "
            "온라인 판로를 함께 공부하고 서로의 마케팅 계획을 검토하는 온라인 스터디입니다.",
            "description": [
                "6주 동안 매주 화요일 저녁 화상으로 만나 읽을거리를 토론하고, 팀마다 "
                "마케팅 실험 하나를 설계해 실행하고 결과를 공유합니다. 멘토가 매주 "
                "피드백을 줍니다.",
                "협력 기관의 추천을 받은 팀만 초대 코드로 참여할 수 있으며, "
                "'사회적기업 창업 기초' 과정 이수가 필요합니다.",
            ],
            "callout": (
                "info",
                "초대 코드는 협력 기관 담당자에게 문의하세요.",
            ),
            "outcomes": [
                "우리 조직의 사회적 가치를 고객의 언어로 설명할 수 있다",
                "공공기관 우선구매 제도를 활용한 영업 계획을 세울 수 있다",
                "작은 마케팅 실험을 설계하고 결과를 측정할 수 있다",
            ],
        },
        "en": {
            "title": "Social enterprise marketing study group",
            "summary": "An online study group for teams who have finished 'Social "
            "enterprise start-up basics': value-led branding, public procurement and "
            "online sales, with peer review of each other's marketing plans.",
            "description": [
                "For six weeks we meet by video every Tuesday evening to discuss the "
                "readings; each team designs and runs one marketing experiment and "
                "shares the results. A mentor gives feedback every week.",
                "Teams recommended by a partner organization join with an invitation "
                "code, and need to have completed 'Social enterprise start-up basics'.",
            ],
            "callout": (
                "info",
                "Ask your partner organization's contact for the invitation code.",
            ),
            "outcomes": [
                "Explain your organization's social value in your customers' words",
                "Plan sales using preferential public procurement",
                "Design a small marketing experiment and measure its results",
            ],
        },
        "modules": [
            {
                "slug": "value-led-branding",
                "ko": ("1. 가치 중심 브랜딩", "우리 이야기를 고객의 언어로."),
                "en": ("1. Value-led branding", "Our story in our customers' words."),
                "lessons": [
                    (
                        "telling-our-story",
                        30,
                        True,
                        (
                            "우리 이야기 만들기",
                            [
                                "'착한 기업이니 사 주세요'는 한 번은 통해도 두 번은 통하지 "
                                "않습니다. 고객이 다시 사는 이유는 품질과 편리함이고, 사회적 "
                                "가치는 그 선택을 자랑스럽게 만드는 이유입니다.",
                                "이번 주에는 팀마다 고객 인터뷰 세 건을 하고, 고객이 우리 상품을 "
                                "설명할 때 쓰는 단어를 모아 옵니다.",
                            ],
                            (
                                "tip",
                                "고객이 쓴 단어를 그대로 상세 페이지 첫 문장에 써 보세요.",
                            ),
                        ),
                        (
                            "Telling our story",
                            [
                                "'Buy from us because we are good' works once, not "
                                "twice. Customers come back for quality and "
                                "convenience; social value is what makes them proud of "
                                "that choice.",
                                "This week each team interviews three customers and "
                                "collects the words they use to describe the product.",
                            ],
                            (
                                "tip",
                                "Use your customers' own words in the first sentence of "
                                "your product page.",
                            ),
                        ),
                    ),
                    (
                        "ethical-consumers",
                        20,
                        False,
                        (
                            "윤리적 소비자 이해 (선택)",
                            [
                                "윤리적 소비에 관심이 있다고 답하는 사람은 많지만 실제 구매로 "
                                "이어지는 비율은 훨씬 낮습니다. 가격 차이와 구하기 어려움이 가장 "
                                "큰 이유입니다.",
                                "그래서 사회적기업의 첫 고객은 개인보다 가치 소비를 제도로 "
                                "만든 기관, 기업의 ESG 구매 담당자인 경우가 많습니다.",
                            ],
                            None,
                        ),
                        (
                            "Understanding ethical consumers (optional)",
                            [
                                "Many people say they care about ethical consumption, "
                                "but far fewer buy accordingly; price differences and "
                                "availability are the main reasons.",
                                "So a social enterprise's first customers are often not "
                                "individuals but institutions that have made value-led "
                                "buying a rule, and companies' ESG buyers.",
                            ],
                            None,
                        ),
                    ),
                ],
            },
            {
                "slug": "public-procurement-and-online-sales",
                "ko": ("2. 공공구매와 온라인 판로", "우선구매 제도와 온라인 판매."),
                "en": (
                    "2. Public procurement and online sales",
                    "Preferential procurement and selling online.",
                ),
                "lessons": [
                    (
                        "preferential-public-procurement",
                        30,
                        True,
                        (
                            "공공기관 우선구매",
                            [
                                "공공기관은 사회적기업 제품을 우선 구매하도록 권장되며, 기관마다 "
                                "구매 목표와 실적을 공개합니다. 목표를 채우지 못한 기관의 "
                                "담당자를 찾는 것이 영업의 출발점입니다.",
                                "공공 조달 쇼핑몰 등록, 견적과 수의계약 한도, 납품 후 대금 지급 "
                                "시기를 미리 알아 두세요.",
                            ],
                            (
                                "link",
                                "한국사회적기업진흥원",
                                "https://www.socialenterprise.or.kr/",
                                "공공기관 우선구매 제도와 판로 지원 사업 안내.",
                            ),
                        ),
                        (
                            "Preferential public procurement",
                            [
                                "Public bodies are encouraged to buy from social "
                                "enterprises first, and each publishes its target and "
                                "results. Finding the buyers at bodies that missed their "
                                "target is where selling starts.",
                                "Learn in advance about registering on the public "
                                "procurement mall, quotation and direct-contract limits, "
                                "and when payment arrives after delivery.",
                            ],
                            (
                                "link",
                                "Korea Social Enterprise Promotion Agency",
                                "https://www.socialenterprise.or.kr/",
                                "Preferential procurement and market-access support "
                                "(in Korean).",
                            ),
                        ),
                    ),
                    (
                        "marketing-experiment",
                        40,
                        True,
                        (
                            "마케팅 실험 설계",
                            [
                                "실험은 작게, 측정은 분명하게 합니다. '상세 페이지 첫 문장을 "
                                "바꾸면 2주 동안 구매 전환율이 오를까?'처럼 하나만 바꾸고 하나만 "
                                "잽니다.",
                                "마지막 모임에서 팀마다 실험 결과와 다음 실험 계획을 발표하고, "
                                "다른 팀이 동료 검토 의견을 남깁니다.",
                            ],
                            (
                                "info",
                                "실험 결과가 나빠도 괜찮습니다. 배운 점을 기록하는 것이 "
                                "목적입니다.",
                            ),
                        ),
                        (
                            "Designing a marketing experiment",
                            [
                                "Keep experiments small and measures clear: 'will "
                                "changing the first sentence of the product page raise "
                                "conversion over two weeks?' Change one thing, measure "
                                "one thing.",
                                "At the last meeting each team presents its results and "
                                "its next experiment, and other teams leave peer "
                                "reviews.",
                            ],
                            (
                                "info",
                                "A disappointing result is fine: the point is to record "
                                "what you learned.",
                            ),
                        ),
                    ),
                ],
            },
        ],
    },
]


def _locale(code: str) -> Locale:
    locale, _ = Locale.objects.get_or_create(language_code=code)
    return locale


def _upsert(parent: Page, model, slug: str, locale: Locale, source, **fields):
    """Create or update a child page of `parent`, as a translation of `source`."""
    page = model.objects.filter(locale=locale, slug=slug).child_of(parent).first()
    if page is None:
        if source is not None:
            page = source.copy_for_translation(locale, copy_parents=False, alias=False)
            page = model.objects.get(pk=page.pk)
        else:
            page = model(slug=slug, locale=locale, **fields)
            parent.add_child(instance=page)
    page.slug = slug
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def seed_categories() -> dict[str, dict[str, CourseCategory]]:
    """The catalog's categories: {slug: {"ko": category, "en": category}}."""
    ko, en = _locale("ko"), _locale("en")
    categories = {}
    for order, (slug, name_ko, name_en) in enumerate(CATEGORIES, start=1):
        korean = CourseCategory.objects.filter(slug=slug, locale=ko).first()
        if korean is None:
            korean = CourseCategory(slug=slug, locale=ko)
        korean.name, korean.sort_order = name_ko, order
        korean.save()
        english = CourseCategory.objects.filter(
            translation_key=korean.translation_key, locale=en
        ).first()
        if english is None:
            english = korean.copy_for_translation(en)
        english.slug, english.name, english.sort_order = slug, name_en, order
        english.save()
        categories[slug] = {"ko": korean, "en": english}
    return categories


def _body(paragraphs: list[str], extra) -> list:
    body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    if extra is None:
        return body
    if extra[0] == "link":
        _kind, title, url, description = extra
        body.append(("link", {"title": title, "url": url, "description": description}))
    else:
        kind, text = extra
        body.append(("callout", {"kind": kind, "text": f"<p>{text}</p>"}))
    return body


def seed_courses(*, home_ko, home_en, people, categories=None) -> list[CoursePage]:
    """The catalog and its courses; Korean courses first, then their translations."""
    ko, en = _locale("ko"), _locale("en")
    categories = categories or seed_categories()
    homes = {"ko": home_ko, "en": home_en}
    catalogs = {}
    for code, locale in (("ko", ko), ("en", en)):
        title, intro = CATALOG[code]
        catalogs[code] = _upsert(
            homes[code],
            CourseIndexPage,
            "courses",
            locale,
            catalogs.get("ko"),
            title=title,
            intro=intro,
            show_in_menus=True,
        )

    pages: dict[str, dict[str, CoursePage]] = {"ko": {}, "en": {}}
    for spec in COURSES:
        email, role_ko, role_en = spec["instructor"]
        for code, locale in (("ko", ko), ("en", en)):
            text = spec[code]
            course = _upsert(
                catalogs[code],
                CoursePage,
                spec["slug"],
                locale,
                pages["ko"].get(spec["slug"]),
                title=text["title"],
                summary=text["summary"],
                description=_body(text["description"], text["callout"]),
                learning_outcomes=[("outcome", item) for item in text["outcomes"]],
                learning_mode=spec["learning_mode"],
                delivery=spec["delivery"],
                category=categories[spec["category"]][code],
                level=spec["level"],
                course_language=spec["course_language"],
                credit_hours=spec["credit_hours"],
                licence=spec["licence"],
                is_open=spec["is_open"],
                prerequisites=[pages[code][slug] for slug in spec["prerequisites"]],
                instructor_links=[
                    CoursePageInstructor(
                        user=people[email], role=role_ko if code == "ko" else role_en
                    )
                ],
                show_in_menus=False,
            )
            # tags are not translated: both languages share them; tags are
            # cluster tags, so they go live with a published revision
            if set(course.tags.names()) != set(spec["tags"]):
                course.tags.set(spec["tags"])
                course.save_revision().publish()
            pages[code][spec["slug"]] = course
            for module_spec in spec["modules"]:
                module_title, module_summary = module_spec[code]
                source_module = (
                    None
                    if code == "ko"
                    else CourseModulePage.objects.child_of(pages["ko"][spec["slug"]])
                    .filter(slug=module_spec["slug"])
                    .first()
                )
                module = _upsert(
                    course,
                    CourseModulePage,
                    module_spec["slug"],
                    locale,
                    source_module,
                    title=module_title,
                    summary=module_summary,
                )
                for slug, minutes, required, *texts in module_spec["lessons"]:
                    title, paragraphs, extra = texts[0] if code == "ko" else texts[1]
                    source_lesson = (
                        None
                        if source_module is None
                        else LessonPage.objects.child_of(source_module)
                        .filter(slug=slug)
                        .first()
                    )
                    _upsert(
                        module,
                        LessonPage,
                        slug,
                        locale,
                        source_lesson,
                        title=title,
                        body=_body(paragraphs, extra),
                        estimated_minutes=minutes,
                        is_required=required,
                    )
    seed_review_workflow(catalogs=list(catalogs.values()))
    return [*pages["ko"].values(), *pages["en"].values()]


def seed_review_workflow(*, catalogs: list[CourseIndexPage]) -> Workflow:
    """Instructors' edits to courses need the approval of center staff."""
    staff = Group.objects.get(name="Staff")
    workflow, _ = Workflow.objects.get_or_create(
        name="교육과정 검토 · Course review", defaults={"active": True}
    )
    task = GroupApprovalTask.objects.filter(name="센터 승인 · Staff approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="센터 승인 · Staff approval")
    task.groups.set([staff])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for catalog in catalogs:
        WorkflowPage.objects.update_or_create(
            page=catalog.page_ptr, defaults={"workflow": workflow}
        )
    return workflow


# ---------------------------------------------------------------------------
# The learning library (자료실)
# ---------------------------------------------------------------------------

# folder name, public, kind
FOLDERS = {
    "guides": ("가이드 Guides", True),
    "templates": ("서식 Templates", True),
    "talks": ("강연 영상 Recorded talks", True),
    "staff": ("직원 전용 Staff only", False),
}

HANGUL_FONTS = [
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansKR-Regular.ttf",
]


def _pdf(title: str, lines: list[str]) -> bytes:
    """A small A4 PDF; Hangul in an embedded TrueType font when one is installed."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    candidates = [getattr(settings, "CAMPUS_PDF_FONT", ""), *HANGUL_FONTS]
    font = next((path for path in candidates if path and Path(path).is_file()), None)
    if font:
        if "CampusSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("CampusSans", font))
        name = "CampusSans"
    else:  # not embedded: shows as boxes where no Korean font is installed
        name = "HYGothic-Medium"
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(UnicodeCIDFont(name))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    pdf.setTitle(title)
    pdf.setAuthor("Campus")
    width, height = A4
    y = height - 72
    pdf.setFont(name, 16)
    pdf.drawString(56, y, title)
    y -= 32
    pdf.setFont(name, 10.5)
    for line in lines:
        if y < 72:
            pdf.showPage()
            pdf.setFont(name, 10.5)
            y = height - 72
        pdf.drawString(56, y, line)
        y -= 18
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # with a BOM, as Excel expects


def _text(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


LIBRARY = [
    {
        "title": "사회적기업 인증 준비 가이드",
        "title_en": "Preparing for social enterprise certification",
        "description": "인증 요건 일곱 가지와 신청 서류, 준비 일정을 한눈에 정리한 안내서입니다. "
        "'사회적기업 창업 기초' 과정의 참고 자료입니다.",
        "description_en": "The seven requirements, the application papers and a "
        "timeline on one page (in Korean), for the course 'Social enterprise "
        "start-up basics'.",
        "kind": ResourceKind.GUIDE,
        "category": ("social-enterprise-startup", "ko"),
        "language": CourseLanguage.KOREAN,
        "tags": ["인증", "창업"],
        "folder": "guides",
        "filename": "social-enterprise-certification-guide.pdf",
        "content": lambda: _pdf(
            "사회적기업 인증 준비 가이드",
            [
                "1. 조직 형태: 법인 또는 비영리민간단체 등 법이 정한 조직",
                "2. 유급 근로자를 고용하여 영업 활동을 할 것",
                "3. 사회적 목적의 실현: 일자리 제공, 사회서비스 제공, 지역사회 공헌 등",
                "4. 이해관계자가 참여하는 의사결정 구조",
                "5. 영업 활동을 통한 수입이 노무비의 일정 비율 이상",
                "6. 정관 또는 규약을 갖출 것",
                "7. 이윤의 3분의 2 이상을 사회적 목적에 사용 (상법상 회사의 경우)",
                "",
                "준비 일정 (예시)",
                "- 6개월 전: 사회적 목적과 유형 결정, 실적 기록 시작",
                "- 3개월 전: 정관 정비, 이해관계자 참여 구조 마련",
                "- 1개월 전: 신청 서류 작성, 권역 지원기관 사전 상담",
                "",
                "문의: 혁신타운 교육센터 강의동 1층",
            ],
        ),
    },
    {
        "title": "협동조합 설립 체크리스트",
        "title_en": "Cooperative start-up checklist",
        "description": "발기인 첫 모임부터 설립 등기까지, 협동조합 기본법에 따른 "
        "설립 절차를 점검표로 정리했습니다(영문 자료).",
        "description_en": "From the first meeting of founding members to "
        "registration: the steps of founding a cooperative under the Framework "
        "Act on Cooperatives, as a checklist.",
        "kind": ResourceKind.GUIDE,
        "category": ("cooperative-management", "ko"),
        "language": CourseLanguage.ENGLISH,
        "tags": ["cooperative", "start-up"],
        "folder": "guides",
        "filename": "cooperative-start-up-checklist.pdf",
        "content": lambda: _pdf(
            "Cooperative start-up checklist",
            [
                "[ ] At least five founding members agree on purpose and business",
                "[ ] Draft the articles of association (use the model articles)",
                "[ ] Announce the founding general meeting at least 7 days ahead",
                "[ ] Hold the founding meeting: adopt articles, elect board and auditor",
                "[ ] Report the founding to the province or city (ordinary cooperative)",
                "    or apply for authorisation to the ministry (social cooperative)",
                "[ ] Collect members' shares into the cooperative's account",
                "[ ] Register the cooperative at the registry office within 14 days",
                "[ ] Register the business with the tax office",
                "[ ] Open the books: register of members, minutes, accounts",
                "",
                "Book a free consultation at the education center, lecture building.",
            ],
        ),
    },
    {
        "title": "사회적가치 측정 빠른 안내",
        "title_en": "Social value quick guide",
        "description": "산출·성과·임팩트의 구분, 변화이론 그리기, 지표 고르기를 두 쪽에 담은 "
        "한영 병기 요약본입니다.",
        "description_en": "Outputs, outcomes and impact, drawing a theory of "
        "change and choosing indicators: a two-page bilingual summary.",
        "kind": ResourceKind.GUIDE,
        "category": ("social-value", "ko"),
        "language": CourseLanguage.BILINGUAL,
        "tags": ["사회적가치", "impact"],
        "folder": "guides",
        "filename": "social-value-quick-guide.pdf",
        "content": lambda: _pdf(
            "사회적가치 측정 빠른 안내 · Social value quick guide",
            [
                "산출 Output: 우리가 한 일 (교육 12회, 참여자 180명)",
                "성과 Outcome: 참여자에게 생긴 변화 (참여자의 40%가 6개월 안에 취업)",
                "임팩트 Impact: 우리가 없었으면 일어나지 않았을 변화",
                "",
                "변화이론 Theory of change",
                "투입 → 활동 → 산출 → 성과 → 임팩트",
                "inputs → activities → outputs → outcomes → impact",
                "",
                "좋은 지표의 조건 What makes a good indicator",
                "- 성과를 직접 보여 준다 / shows the outcome directly",
                "- 적은 비용으로 꾸준히 모을 수 있다 / cheap to collect, steadily",
                "- 처음에는 세 개면 충분하다 / three are enough to start",
            ],
        ),
    },
    {
        "title": "사업계획서 서식",
        "title_en": "Business plan template",
        "description": "사회적 비즈니스 모델 캔버스 항목과 사업계획서 목차, 항목별 작성 "
        "요령을 담은 서식입니다. 텍스트 파일이라 어떤 편집기로도 열 수 있습니다.",
        "description_en": "The headings of a business plan with the social "
        "business model canvas and tips for each (in Korean); a text file that "
        "any editor opens.",
        "kind": ResourceKind.TEMPLATE,
        "category": ("social-enterprise-startup", "ko"),
        "language": CourseLanguage.KOREAN,
        "tags": ["사업계획", "서식"],
        "folder": "templates",
        "filename": "business-plan-template-ko.txt",
        "content": lambda: _text(
            [
                "사업계획서 서식 (사회적기업 창업 기초)",
                "=====================================",
                "",
                "1. 해결하려는 사회문제",
                "   - 누가, 어디서, 어떤 어려움을 겪고 있습니까?",
                "   - 당사자 인터뷰에서 들은 말을 두 개 이상 적으세요.",
                "2. 해결책과 사회적 가치 제안",
                "3. 시장과 고객 (돈을 내는 사람) / 수혜자 (혜택을 받는 사람)",
                "4. 수익 구조: 무엇을, 누구에게, 얼마에 팝니까?",
                "5. 사회적 성과와 측정 지표 (세 개 이내)",
                "6. 조직과 인력: 팀원, 법인 형태, 의사결정 구조",
                "7. 재무 계획: 3년 추정 손익, 월별 현금흐름, 인건비 지원 종료 시점",
                "8. 잉여금 재투자 계획",
                "",
                "작성 요령: 10쪽 이내, 각 장은 앞 장의 주장에 근거를 더하도록 쓰세요.",
            ]
        ),
    },
    {
        "title": "월별 손익·현금흐름 관리 서식",
        "title_en": "Monthly profit and cash-flow sheet",
        "description": "협동조합의 월별 수입과 지출, 현금 잔액을 기록하는 CSV 서식입니다. "
        "엑셀에서 바로 열립니다. '협동조합 회계와 재무' 실습용.",
        "description_en": "A CSV sheet of a cooperative's monthly income, "
        "spending and cash balance (in Korean) that opens in Excel, for the "
        "course 'Cooperative accounting and finance'.",
        "kind": ResourceKind.TEMPLATE,
        "category": ("cooperative-management", "ko"),
        "language": CourseLanguage.KOREAN,
        "tags": ["회계", "현금흐름", "서식"],
        "folder": "templates",
        "filename": "monthly-cash-flow-ko.csv",
        "content": lambda: _csv(
            [
                [
                    "월",
                    "영업수익",
                    "보조금수입",
                    "조합원출자",
                    "인건비",
                    "재료비",
                    "임차료",
                    "기타비용",
                    "월말잔액",
                ],
                [
                    "1월",
                    "4200000",
                    "1500000",
                    "300000",
                    "3800000",
                    "900000",
                    "600000",
                    "250000",
                    "450000",
                ],
                [
                    "2월",
                    "3900000",
                    "1500000",
                    "0",
                    "3800000",
                    "850000",
                    "600000",
                    "230000",
                    "370000",
                ],
                ["3월", "", "", "", "", "", "", "", ""],
            ]
        ),
    },
    {
        "title": "로컬푸드 공급 계획표",
        "title_en": "Local food supply plan",
        "description": "품목별 월 공급량, 최소 주문량, 단가를 적는 CSV 서식입니다. "
        "구매처 상담과 공공급식 입찰에 씁니다(한영 병기).",
        "description_en": "A CSV worksheet for monthly volumes, minimum orders "
        "and prices of each product, for buyer meetings and public catering bids.",
        "kind": ResourceKind.TEMPLATE,
        "category": ("local-food", "ko"),
        "language": CourseLanguage.BILINGUAL,
        "tags": ["local food", "로컬푸드"],
        "folder": "templates",
        "filename": "local-food-supply-plan.csv",
        "content": lambda: _csv(
            [
                [
                    "품목 product",
                    "규격 pack",
                    "단가 unit price (KRW)",
                    "최소주문 min. order",
                    "3월 Mar (kg)",
                    "4월 Apr (kg)",
                    "5월 May (kg)",
                    "6월 Jun (kg)",
                ],
                ["시금치 spinach", "1 kg", "6500", "10", "200", "350", "120", "0"],
                ["딸기 strawberries", "500 g", "9000", "20", "400", "600", "300", "0"],
                ["감자 potatoes", "10 kg", "28000", "5", "0", "0", "150", "800"],
            ]
        ),
    },
    {
        "title": "강연 녹취: 돌봄 사회적협동조합 10년",
        "title_en": "Talk: ten years of a care social cooperative",
        "description": "'돌봄과 나눔 사회적협동조합' 이사장이 교육센터 초청 강연에서 들려준 "
        "10년의 운영 경험을 정리한 녹취록입니다.",
        "description_en": "Transcript (in Korean) of a talk at the education "
        "center by the chair of a care social cooperative on its first ten years.",
        "kind": ResourceKind.RECORDED_TALK,
        "category": ("care-services", "ko"),
        "language": CourseLanguage.KOREAN,
        "tags": ["돌봄", "강연"],
        "folder": "talks",
        "filename": "talk-care-cooperative-ten-years-ko.txt",
        "content": lambda: _text(
            [
                "강연 녹취: 돌봄 사회적협동조합 10년",
                "연사: 돌봄과 나눔 사회적협동조합 이사장 / 장소: 교육센터 강의동 대강당",
                "",
                "처음에는 요양보호사 다섯 명이 모여 '우리가 일하고 싶은 일터'를 만들자는 ",
                "마음으로 시작했습니다. 이용자 가족이 조합원으로 들어오면서 서비스에 대한 ",
                "쓴소리가 총회에서 나오기 시작했고, 그게 우리를 키웠습니다.",
                "",
                "가장 어려웠던 때는 인건비 지원이 끝난 세 번째 해였습니다. 이동 시간을 ",
                "근무로 인정하고 고정 근무 시간을 보장하는 대신, 방문 일정을 동네 단위로 ",
                "묶어 이동을 줄였습니다. 이직률이 절반으로 줄었습니다.",
                "",
                "후배 조합에 드리고 싶은 말은 하나입니다. 돌봄 노동자가 떠나지 않는 조합이 ",
                "좋은 돌봄을 합니다.",
            ]
        ),
    },
    {
        "title": "강연 녹취: 보조금 너머의 사회적금융",
        "title_en": "Talk: social finance beyond grants",
        "description": "금융센터 수석 상담역이 사회적경제 조직을 위한 융자, 보증, 임팩트 "
        "투자를 이야기한 강연의 녹취록입니다(영문 자료).",
        "description_en": "Transcript of a talk by the finance center's lead "
        "counselor on loans, guarantees and impact investment for social-economy "
        "organizations.",
        "kind": ResourceKind.RECORDED_TALK,
        "category": ("social-finance", "ko"),
        "language": CourseLanguage.ENGLISH,
        "tags": ["social finance", "talk"],
        "folder": "talks",
        "filename": "talk-social-finance-beyond-grants-en.txt",
        "content": lambda: _text(
            [
                "Talk: social finance beyond grants",
                "Speaker: lead counselor, finance center / Lecture building, main hall",
                "",
                "Most organizations that come to us ask first about grants. Grants are",
                "good for starting, but they are tied to a purpose and they end.",
                "",
                "Our first question back is always: when will money come in, and when",
                "does it go out? Most of the loans we arrange are working capital that",
                "bridges the months between delivering to a public body and being paid.",
                "",
                "Equity investment suits few of the organizations we see. A revenue-based",
                "loan, repaid as a share of sales, often fits a growing cooperative",
                "better, and keeps the members in charge.",
            ]
        ),
    },
    {
        "title": "사회적기업 현황과 통계",
        "title_en": "Social enterprises in figures",
        "description": "한국사회적기업진흥원이 공개하는 인증 사회적기업 현황과 통계 자료로 "
        "연결합니다.",
        "description_en": "A link to the figures on certified social enterprises "
        "that the Korea Social Enterprise Promotion Agency publishes (in Korean).",
        "kind": ResourceKind.REPORT,
        "category": ("social-enterprise-startup", "ko"),
        "language": CourseLanguage.KOREAN,
        "tags": ["통계"],
        "url": "https://www.socialenterprise.or.kr/",
    },
    {
        "title": "강사 운영 매뉴얼 (직원용)",
        "title_en": "Operations manual for instructors (staff only)",
        "description": "과정 개설, 교육 회차 관리, 출석과 수료 처리, 숙박 배정 절차를 정리한 "
        "직원과 강사용 내부 매뉴얼입니다.",
        "description_en": "How to open a course, run its course runs, record "
        "attendance and completion, and assign lodging: the internal manual "
        "for staff and instructors (in Korean).",
        "kind": ResourceKind.GUIDE,
        "category": None,
        "language": CourseLanguage.KOREAN,
        "tags": ["운영"],
        "folder": "staff",
        "filename": "instructor-operations-manual.pdf",
        "content": lambda: _pdf(
            "강사 운영 매뉴얼 (직원용)",
            [
                "1. 과정 개설: 교육과정 아래에 과정 페이지를 만들고 검토를 요청합니다.",
                "   교육센터 직원이 승인하면 게시됩니다.",
                "2. 차수 관리: 차수마다 기간, 정원, 신청 방식(공개·승인·초대 코드)을 정합니다.",
                "3. 승인: 승인 방식 차수의 신청은 '신청 승인' 화면에서 처리합니다.",
                "4. 출석: 집합·합숙 과정은 강의실 QR 코드로 출석을 확인합니다.",
                "5. 수료: 필수 차시 이수와 출석 요건을 채우면 수료증이 자동 발급됩니다.",
                "6. 숙박: 합숙 차수는 숙박동 배정 후 참가자에게 안내 메일이 발송됩니다.",
                "",
                "내부용 자료입니다. 외부에 배포하지 마세요.",
            ],
        ),
    },
]


def seed_library(*, categories) -> list[LibraryResource]:
    """Library folders with their permissions, files and the resources that describe them."""
    from filer.models import File, Folder, FolderPermission

    folders = {}
    for key, (name, public) in FOLDERS.items():
        folder = Folder.objects.filter(name=name, parent=None).first()
        if folder is None:
            folder = Folder.objects.create(name=name, parent=None)
        if public:
            FolderPermission.objects.get_or_create(
                folder=folder,
                everybody=True,
                group=None,
                user=None,
                defaults={
                    "type": FolderPermission.ALL,
                    "can_read": FolderPermission.ALLOW,
                },
            )
        else:
            FolderPermission.objects.get_or_create(
                folder=folder,
                group=Group.objects.get(name="Staff"),
                everybody=False,
                user=None,
                defaults={
                    "type": FolderPermission.ALL,
                    "can_read": FolderPermission.ALLOW,
                    "can_edit": FolderPermission.ALLOW,
                    "can_add_children": FolderPermission.ALLOW,
                },
            )
        folders[key] = (folder, public)

    resources = []
    for spec in LIBRARY:
        file = None
        if "filename" in spec:
            folder, public = folders[spec["folder"]]
            file = File.objects.filter(
                folder=folder, original_filename=spec["filename"]
            ).first()
            if file is None:
                file = File.objects.create(
                    folder=folder,
                    original_filename=spec["filename"],
                    name=spec["title"],
                    is_public=public,
                    file=ContentFile(spec["content"](), name=spec["filename"]),
                )
        category = None
        if spec["category"]:
            slug, code = spec["category"]
            category = categories[slug][code]
        # found by either title: a resource once seeded under its English title
        # is updated in place
        resource = LibraryResource.objects.filter(
            title__in=[spec["title"], spec["title_en"]]
        ).first()
        if resource is None:
            resource = LibraryResource()
        resource.title, resource.title_en = spec["title"], spec["title_en"]
        resource.description = spec["description"]
        resource.description_en = spec["description_en"]
        resource.kind = spec["kind"]
        resource.category = category
        resource.file = file
        resource.url = spec.get("url", "")
        resource.language = spec["language"]
        resource.is_published = True
        resource.save()
        if set(resource.tags.names()) != set(spec["tags"]):
            resource.tags.set(spec["tags"])
        resources.append(resource)
    return resources
