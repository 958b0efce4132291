"""The research center's demo content: topics, two series, people, sixteen
publications of every type with Korean PDFs, and a living-lab project.

The first publication is the center's founding document, 전북연구원 정책브리프
vol.24 (2017-12-20). Idempotent: everything is found by slug and updated.
"""

import datetime as dt

from django.core.files.base import ContentFile
from wagtail.models import Locale

from lms.accounts.models import Organization
from lms.core.demo_data import page_upsert

from .models import (
    AuthorRole,
    FileAccess,
    Licence,
    LivingLabIndexPage,
    LivingLabPage,
    LivingLabPhase,
    LivingLabStatus,
    Person,
    PublicationIndexPage,
    PublicationPage,
    PublicationPageAuthor,
    PublicationPageFile,
    PublicationType,
    Series,
    Topic,
)
from .pdf import pdf_with_text
from .services import publication_full_text_extract, research_roles_grant

FOLDER = "연구센터 출판물"

TOPICS = [
    ("social-economy", "사회적경제", "Social economy"),
    ("cooperatives", "협동조합", "Cooperatives"),
    ("local-revitalisation", "지역활성화", "Local revitalisation"),
    ("social-finance", "사회적 금융", "Social finance"),
    ("care", "돌봄", "Care"),
    ("youth", "청년", "Youth"),
]

SERIES = [
    {
        "slug": "jbri-policy-brief",
        "name": "전북연구원 정책브리프",
        "name_en": "Jeonbuk Research Institute Policy Brief",
        "issn": "2508-0008",
        "publisher": "전북연구원",
        "publisher_en": "Jeonbuk Research Institute",
    },
    {
        "slug": "issue-briefing",
        "name": "연구센터 이슈브리핑",
        "name_en": "Research Center Issue Briefing",
        "issn": "2733-1504",
        "publisher": "사회적경제 네트워크 혁신타운 연구센터",
        "publisher_en": "Innovation Town Research Center",
    },
]

PEOPLE = [
    {
        "slug": "jihoon-choi",
        "name": "최지훈",
        "name_en": "Jihoon Choi",
        "family_name_en": "Choi",
        "affiliation": "혁신타운 연구센터",
        "affiliation_en": "Innovation Town Research Center",
        "email": "researcher@campus.example",
        "orcid": "0000-0002-1825-0097",
        "user": "researcher@campus.example",
    },
    {
        "slug": "seoyeon-kim",
        "name": "김서연",
        "name_en": "Seoyeon Kim",
        "family_name_en": "Kim",
        "affiliation": "전북연구원",
        "affiliation_en": "Jeonbuk Research Institute",
        "email": "seoyeon.kim@research.example",
        "orcid": "0000-0001-5109-3700",
    },
    {
        "slug": "minjun-park",
        "name": "박민준",
        "name_en": "Minjun Park",
        "family_name_en": "Park",
        "affiliation": "혁신타운 연구센터",
        "affiliation_en": "Innovation Town Research Center",
        "email": "minjun.park@research.example",
        "orcid": "",
    },
    {
        "slug": "jeongeun-lee",
        "name": "이정은",
        "name_en": "Jeongeun Lee",
        "family_name_en": "Lee",
        "affiliation": "전북대학교 사회학과",
        "affiliation_en": "Department of Sociology, Jeonbuk National University",
        "email": "jeongeun.lee@university.example",
        "orcid": "0000-0002-9079-593X",
    },
]

TOWN_COMPONENTS = {
    "ko": (
        "혁신타운의 6대 구성 요소",
        "구성 요소",
        "기능",
        [
            (
                "교육센터",
                "강의동·도서관·사무실·숙박동; 사회적경제 창업가와 경영 전문가 양성, 대학·학교 연계",
            ),
            ("연구센터", "사회적경제 조사·연구, 출판사업, 리빙랩 프로그램 운영"),
            ("조직타운", "사회적경제 조직의 사무실과 회의실, 조직 간 협업과 네트워킹"),
            (
                "이노베이션 팹랩",
                "시제품 제작 공방, 소규모 생산시설(미니 플랜트), 창업 보육 사무실",
            ),
            ("금융센터", "사회적 금융 상품, 융자·투자 상담과 재무 컨설팅"),
            (
                "지역순환 교류시설",
                "장터, 식당, 공연장, 광장: 지역 주민과 사회적경제 기업이 만나는 곳",
            ),
        ],
    ),
    "en": (
        "The six components of the Innovation Town",
        "Component",
        "What it does",
        [
            (
                "Education center",
                "Lecture halls, a library, offices and lodging; trains social entrepreneurs and business experts with universities and schools",
            ),
            (
                "Research center",
                "Research and surveys on the social economy, publishing, living-lab programmes",
            ),
            (
                "Organization town",
                "Offices and meeting rooms of social-economy organizations, for working together",
            ),
            (
                "Innovation fab lab",
                "A prototyping workshop, a mini plant and start-up offices",
            ),
            (
                "Finance center",
                "Social finance products, loan and investment counseling, financial consulting",
            ),
            (
                "Exchange facilities",
                "A market, a restaurant, a stage and a plaza where residents and social enterprises meet",
            ),
        ],
    ),
}

PUBLICATIONS = [
    {
        "slug": "jbri-policy-brief-24",
        "type": PublicationType.POLICY_BRIEF,
        "title": "사회혁신과 지역활성화를 위한 사회적경제 네트워크 혁신타운 조성방안",
        "title_en": "Building a Social Economy Network Innovation Town for Social Innovation and Local Revitalisation",
        "date": dt.date(2017, 12, 20),
        "series": ("jbri-policy-brief", "24", ""),
        "abstract": (
            "사회적경제 조직이 한곳에서 배우고 연구하고 일할 수 있는 거점으로서 사회적경제 "
            "네트워크 혁신타운의 조성 방향을 제안한다. 교육센터, 연구센터, 조직타운, "
            "이노베이션 팹랩, 금융센터, 지역순환 교류시설의 여섯 구성 요소가 서로 연계되어 "
            "사회혁신과 지역활성화를 이끄는 모델을 제시하고, 단계별 조성 전략과 운영 "
            "거버넌스를 검토한다."
        ),
        "abstract_en": (
            "Proposes how to build a Social Economy Network Innovation Town, a hub where "
            "social-economy organizations learn, research and work together. It sets out "
            "six linked components (education center, research center, organization town, "
            "innovation fab lab, finance center and exchange facilities) as a model for "
            "social innovation and local revitalisation, with a phased building strategy "
            "and a governance for running the town."
        ),
        "keywords": "사회적경제, 혁신타운, 사회혁신, 지역활성화, 네트워크",
        "topics": ["social-economy", "local-revitalisation"],
        "authors": [
            ("seoyeon-kim", AuthorRole.AUTHOR),
            ("jihoon-choi", AuthorRole.RESEARCH_FELLOW),
        ],
        "publisher": "전북연구원",
        "place": "전주",
        "pages": "24",
        "licence": Licence.CC_BY_NC_ND,
        "table": True,
        "text": [
            "사회적경제 네트워크 혁신타운은 사회적기업, 협동조합, 마을기업, 자활기업이 함께 성장하는 거점이다.",
            "교육센터는 창업가와 경영 전문가를 양성하고, 연구센터는 조사·연구와 출판, 리빙랩을 운영한다.",
            "조직타운, 이노베이션 팹랩, 금융센터, 지역순환 교류시설이 타운의 나머지 구성 요소이다.",
        ],
    },
    {
        "slug": "jbri-policy-brief-31",
        "type": PublicationType.POLICY_BRIEF,
        "title": "사회적경제 기업 판로 확대를 위한 공공구매 활성화 방안",
        "title_en": "Public procurement to widen the markets of social-economy enterprises",
        "date": dt.date(2019, 6, 14),
        "series": ("jbri-policy-brief", "31", ""),
        "abstract": "지방자치단체의 사회적경제 기업 제품 우선구매 실적을 분석하고, 공공구매 목표제와 통합 구매 플랫폼 도입을 제안한다.",
        "abstract_en": "Analyses how local governments buy from social-economy enterprises and proposes procurement targets and a shared purchasing platform.",
        "keywords": "공공구매, 우선구매, 판로",
        "topics": ["social-economy"],
        "authors": [("seoyeon-kim", AuthorRole.AUTHOR)],
        "publisher": "전북연구원",
        "place": "전주",
        "pages": "20",
        "licence": Licence.CC_BY_NC_ND,
        "text": [
            "공공구매는 사회적경제 기업의 가장 확실한 판로이다.",
            "우선구매 목표제를 도입한 시군의 구매액이 크게 늘었다.",
        ],
    },
    {
        "slug": "social-economy-survey-2023",
        "type": PublicationType.RESEARCH_REPORT,
        "title": "전라북도 사회적경제 실태조사 2023",
        "title_en": "Survey of the social economy in Jeollabuk-do, 2023",
        "date": dt.date(2024, 2, 28),
        "abstract": "도내 사회적기업, 협동조합, 마을기업, 자활기업 1,240곳의 고용, 매출, 사회적 가치 창출을 조사하였다.",
        "abstract_en": "Surveys employment, turnover and social value of 1,240 social enterprises, cooperatives, village enterprises and self-reliance enterprises in the province.",
        "keywords": "실태조사, 고용, 매출, 사회적 가치",
        "topics": ["social-economy", "cooperatives"],
        "authors": [
            ("jihoon-choi", AuthorRole.RESEARCH_LEAD),
            ("minjun-park", AuthorRole.RESEARCH_FELLOW),
            ("jeongeun-lee", AuthorRole.CONTRIBUTOR),
        ],
        "publisher": "사회적경제 네트워크 혁신타운 연구센터",
        "place": "전주",
        "pages": "186",
        "isbn": "9791196123000",
        "licence": Licence.CC_BY,
        "funder": "전라북도",
        "project": "사회적경제 실태조사",
        "text": [
            "조사 대상 1,240곳 가운데 사회적협동조합은 212곳이었다.",
            "고용 인원은 전년 대비 6.8% 늘었다.",
        ],
    },
    {
        "slug": "care-cooperatives-2023",
        "type": PublicationType.RESEARCH_REPORT,
        "title": "사회적협동조합의 지역 돌봄 서비스 운영 실태와 과제",
        "title_en": "Local care services run by social cooperatives: practice and tasks",
        "date": dt.date(2023, 9, 15),
        "abstract": "노인·아동 돌봄을 제공하는 사회적협동조합의 운영 방식과 인력 구조, 지자체와의 협력 사례를 분석하였다.",
        "abstract_en": "Analyses how social cooperatives providing elderly and child care are run, their staff, and how they work with local government.",
        "keywords": "사회적협동조합, 돌봄, 지역사회 통합돌봄",
        "topics": ["cooperatives", "care"],
        "authors": [
            ("minjun-park", AuthorRole.AUTHOR),
            ("jihoon-choi", AuthorRole.AUTHOR),
        ],
        "publisher": "사회적경제 네트워크 혁신타운 연구센터",
        "place": "전주",
        "pages": "112",
        "licence": Licence.CC_BY_NC,
        "text": [
            "돌봄 사회적협동조합은 요양보호사와 이용자가 함께 조합원이 되는 다중이해관계자 구조를 갖는다."
        ],
    },
    {
        "slug": "issue-briefing-1",
        "type": PublicationType.ISSUE_BRIEF,
        "title": "마을기업으로 들어오는 청년들: 인력 유입 현황과 지원 과제",
        "title_en": "Young people joining village enterprises: who comes and what helps",
        "date": dt.date(2024, 5, 10),
        "series": ("issue-briefing", "", "1"),
        "abstract": "최근 3년간 마을기업에 취업한 청년의 규모와 경로, 정착을 돕는 지원 과제를 정리하였다.",
        "abstract_en": "How many young people joined village enterprises in the last three years, how they came, and what helps them stay.",
        "keywords": "마을기업, 청년, 일자리",
        "topics": ["youth", "local-revitalisation"],
        "authors": [("jihoon-choi", AuthorRole.AUTHOR)],
        "pages": "8",
        "licence": Licence.CC_BY,
        "text": ["마을기업 청년 취업자는 3년 사이 두 배로 늘었다."],
    },
    {
        "slug": "issue-briefing-2",
        "type": PublicationType.ISSUE_BRIEF,
        "title": "상환 실적으로 본 지역 사회적 금융의 가능성",
        "title_en": "What repayment records say about local social finance",
        "date": dt.date(2024, 11, 20),
        "series": ("issue-briefing", "", "2"),
        "abstract": "사회적경제 기업 대상 융자의 상환율과 연체 요인을 분석하고, 지역 사회적 금융 기금의 확대 방향을 제시한다.",
        "abstract_en": "Analyses repayment and arrears of loans to social-economy enterprises and how a local social finance fund could grow.",
        "keywords": "사회적 금융, 융자, 상환율",
        "topics": ["social-finance"],
        "authors": [("minjun-park", AuthorRole.AUTHOR)],
        "pages": "12",
        "licence": Licence.CC_BY,
        "text": ["사회적 금융 융자의 상환율은 97.2%로 일반 소상공인 대출보다 높았다."],
    },
    {
        "slug": "network-effect-indicators",
        "type": PublicationType.WORKING_PAPER,
        "title": "사회적경제 네트워크 효과 측정을 위한 지표 개발 시론",
        "title_en": "Towards indicators of social-economy network effects",
        "date": dt.date(2024, 3, 1),
        "abstract": "조직 간 거래, 공동 사업, 인력 교류를 바탕으로 네트워크 효과를 측정하는 지표 체계를 제안한다.",
        "abstract_en": "Proposes indicators of network effects built on trade, joint projects and staff exchange between organizations.",
        "keywords": "네트워크, 지표, 사회적 가치 측정",
        "topics": ["social-economy"],
        "authors": [
            ("jeongeun-lee", AuthorRole.AUTHOR),
            ("jihoon-choi", AuthorRole.AUTHOR),
        ],
        "pages": "34",
        "licence": Licence.CC_BY,
        "text": [
            "네트워크 효과 지표는 거래, 공동 사업, 인력 교류의 세 영역으로 구성된다."
        ],
    },
    {
        "slug": "networks-regional-revitalisation",
        "type": PublicationType.JOURNAL_ARTICLE,
        "language": "en",
        "title": "사회적경제 네트워크와 지역 재생: 전라북도 사례",
        "title_en": "Social economy networks and regional revitalisation: the case of Jeollabuk-do",
        "date": dt.date(2023, 6, 30),
        "abstract": "전라북도 사회적경제 네트워크의 구조와 지역 재생 효과를 사회 연결망 분석으로 검토한다.",
        "abstract_en": "Examines the structure of social-economy networks in Jeollabuk-do and their effect on regional revitalisation with social network analysis.",
        "keywords": "social network analysis, regional revitalisation, social economy",
        "topics": ["social-economy", "local-revitalisation"],
        "authors": [
            ("seoyeon-kim", AuthorRole.AUTHOR),
            ("jeongeun-lee", AuthorRole.AUTHOR),
        ],
        "container_title": "Journal of Social Economy Studies",
        "volume": "12",
        "number": "2",
        "pages": "45-67",
        "issn": "2508-0008",
        "doi": "10.12345/jses.2023.12.2.45",
        "licence": Licence.CC_BY,
        "text": [
            "Social economy networks in Jeollabuk-do grew denser between 2015 and 2022."
        ],
    },
    {
        "slug": "self-reliance-growth-paths",
        "type": PublicationType.JOURNAL_ARTICLE,
        "title": "자활기업의 성장 경로에 관한 질적 연구",
        "title_en": "Growth paths of self-reliance enterprises: a qualitative study",
        "date": dt.date(2022, 4, 30),
        "abstract": "자활기업 대표 15명과의 심층 면접으로 자활기업이 시장에 자리 잡는 경로를 유형화하였다.",
        "abstract_en": "Interviews with fifteen heads of self-reliance enterprises sort the paths by which such enterprises find their market.",
        "keywords": "자활기업, 질적 연구, 성장 경로",
        "topics": ["social-economy"],
        "authors": [("minjun-park", AuthorRole.AUTHOR)],
        "container_title": "사회적경제와 정책연구",
        "volume": "9",
        "number": "1",
        "pages": "101-128",
        "licence": Licence.CC_BY_NC,
        "text": [
            "자활기업의 성장 경로는 공공 위탁형, 시장 진입형, 네트워크 협력형으로 나뉜다."
        ],
    },
    {
        "slug": "social-economy-field-guide",
        "type": PublicationType.BOOK,
        "title": "사회적경제 현장 안내서",
        "title_en": "A field guide to the social economy",
        "date": dt.date(2022, 12, 1),
        "abstract": "사회적기업, 협동조합, 마을기업, 자활기업을 처음 시작하는 이들을 위해 설립부터 운영까지를 안내한다.",
        "abstract_en": "Guides newcomers through founding and running social enterprises, cooperatives, village enterprises and self-reliance enterprises.",
        "keywords": "안내서, 설립, 운영",
        "topics": ["social-economy", "cooperatives"],
        "authors": [
            ("jihoon-choi", AuthorRole.EDITOR),
            ("seoyeon-kim", AuthorRole.AUTHOR),
            ("minjun-park", AuthorRole.AUTHOR),
        ],
        "publisher": "사회적경제 네트워크 혁신타운 연구센터",
        "place": "전주",
        "pages": "240",
        "isbn": "9791196123017",
        "licence": Licence.ALL_RIGHTS_RESERVED,
        "text": [
            "협동조합을 설립하려면 다섯 명 이상의 발기인이 창립총회를 열어야 한다."
        ],
    },
    {
        "slug": "cooperatives-local-economy-chapter",
        "type": PublicationType.BOOK,
        "language": "en",
        "title": "한국 지역경제 속의 협동조합",
        "title_en": "Cooperatives in Korea's local economy",
        "date": dt.date(2021, 10, 15),
        "abstract": "한국 지역경제에서 협동조합이 맡아 온 역할을 정리한 영문 단행본의 한 장.",
        "abstract_en": "A chapter on the part cooperatives have played in Korea's local economies.",
        "keywords": "cooperatives, local economy, Korea",
        "topics": ["cooperatives"],
        "authors": [("jeongeun-lee", AuthorRole.AUTHOR)],
        "container_title": "Social Economy in East Asia",
        "publisher": "Campus Academic Press",
        "place": "Seoul",
        "pages": "77-98",
        "isbn": "9791196123024",
        "licence": Licence.ALL_RIGHTS_RESERVED,
        "text": [
            "Cooperatives in Korea grew quickly after the Framework Act on Cooperatives of 2012."
        ],
    },
    {
        "slug": "village-care-living-lab-report-1",
        "type": PublicationType.LIVING_LAB_REPORT,
        "title": "마을 돌봄 리빙랩 1차년도 결과보고서",
        "title_en": "Village care living lab: first-year report",
        "date": dt.date(2024, 12, 15),
        "abstract": "주민, 돌봄 사회적협동조합, 연구센터가 함께 설계한 마을 돌봄 모델의 1차년도 실험 결과를 담았다.",
        "abstract_en": "Results of the first year of a village care model designed by residents, a care cooperative and the research center.",
        "keywords": "리빙랩, 마을 돌봄, 주민 참여",
        "topics": ["care", "local-revitalisation"],
        "authors": [
            ("jihoon-choi", AuthorRole.RESEARCH_LEAD),
            ("minjun-park", AuthorRole.RESEARCH_FELLOW),
        ],
        "pages": "64",
        "licence": Licence.CC_BY,
        "funder": "행정안전부",
        "project": "마을 돌봄 리빙랩",
        "text": ["리빙랩 참여 주민 42명이 돌봄 수요 지도를 함께 만들었다."],
    },
    {
        "slug": "youth-food-living-lab-interim",
        "type": PublicationType.LIVING_LAB_REPORT,
        "title": "청년 먹거리 순환 리빙랩 중간보고",
        "title_en": "Youth food circulation living lab: interim report",
        "date": dt.date(2025, 6, 30),
        "abstract": "청년 농부와 지역 식당이 함께 로컬푸드 순환 구조를 실험한 중간 결과이다. 본문은 최종 보고 전까지 공개가 유예된다.",
        "abstract_en": "Interim results of young farmers and local restaurants testing a local food loop. The full text is embargoed until the final report.",
        "keywords": "리빙랩, 로컬푸드, 청년 농부",
        "topics": ["youth", "local-revitalisation"],
        "authors": [("jihoon-choi", AuthorRole.RESEARCH_LEAD)],
        "pages": "40",
        "licence": Licence.CC_BY_NC,
        "embargo_until": dt.date(2027, 6, 30),
        "text": ["청년 농부 12명과 지역 식당 8곳이 로컬푸드 순환 실험에 참여하였다."],
    },
    {
        "slug": "town-tenants-dataset-2025",
        "type": PublicationType.DATASET,
        "title": "혁신타운 입주기관 현황 데이터 2025",
        "title_en": "Innovation Town tenant organizations, 2025 (data)",
        "date": dt.date(2025, 3, 31),
        "abstract": "조직타운 입주기관의 유형, 고용, 업종을 정리한 데이터와 코드북이다.",
        "abstract_en": "Data and codebook on the type, staff and sector of the organization town's tenants.",
        "keywords": "데이터, 입주기관, 코드북",
        "topics": ["social-economy"],
        "authors": [("minjun-park", AuthorRole.AUTHOR)],
        "licence": Licence.CC_BY,
        "text": [
            "입주기관 58곳 가운데 사회적협동조합 14곳, 사회적기업 21곳, 마을기업 9곳이다."
        ],
    },
    {
        "slug": "innovation-town-forum-2025",
        "type": PublicationType.PRESENTATION,
        "title": "사회적경제 혁신타운 조성 경과 보고 (2025 사회적경제 포럼 발표)",
        "title_en": "Building the Innovation Town: progress report (2025 social economy forum)",
        "date": dt.date(2025, 10, 22),
        "abstract": "2017년 정책브리프 이후 혁신타운 조성의 경과와 과제를 포럼에서 발표한 자료이다.",
        "abstract_en": "Slides presented at the forum on the progress of the town since the 2017 policy brief.",
        "keywords": "혁신타운, 발표, 포럼",
        "topics": ["social-economy", "local-revitalisation"],
        "authors": [("jihoon-choi", AuthorRole.AUTHOR)],
        "licence": Licence.CC_BY,
        "text": ["혁신타운의 여섯 공간 가운데 교육센터와 연구센터가 먼저 문을 열었다."],
    },
    {
        "slug": "social-finance-demand-2025",
        "type": PublicationType.RESEARCH_REPORT,
        "language": "en",
        "title": "협동조합의 사회적 금융 수요 조사 2025",
        "title_en": "Survey of social finance demand among cooperatives, 2025",
        "date": dt.date(2025, 9, 1),
        "abstract": "협동조합 300곳의 자금 수요와 사회적 금융 이용 경험을 조사하였다.",
        "abstract_en": "Surveys the funding needs of 300 cooperatives and their experience of social finance.",
        "keywords": "social finance, cooperatives, survey",
        "topics": ["social-finance", "cooperatives"],
        "authors": [
            ("minjun-park", AuthorRole.AUTHOR),
            ("jihoon-choi", AuthorRole.EDITOR),
        ],
        "publisher": "Innovation Town Research Center",
        "place": "Jeonju",
        "pages": "58",
        "licence": Licence.CC_BY,
        "text": [
            "Two in three cooperatives asked for working capital of under 50 million won."
        ],
    },
]

INDEX = {
    "ko": (
        "연구 성과",
        "research",
        "<p>연구센터의 연구보고서, 정책브리프, 이슈브리핑, 논문과 데이터를 찾아보세요.</p>",
    ),
    "en": (
        "Research publications",
        "research",
        "<p>Reports, policy briefs, issue briefings, articles and data from the research center.</p>",
    ),
}
LAB_INDEX = {
    "ko": (
        "리빙랩",
        "living-labs",
        "<p>주민, 기업, 연구자가 함께 지역 문제를 푸는 연구센터의 리빙랩 과제입니다.</p>",
    ),
    "en": (
        "Living labs",
        "living-labs",
        "<p>The research center's living labs, where residents, enterprises and researchers work on local problems together.</p>",
    ),
}
LAB = {
    "slug": "village-care-living-lab",
    "title": "마을 돌봄 리빙랩",
    "problem": "농촌 마을의 홀로 사는 어르신이 늘지만 돌봄 인력과 시설은 읍내에 몰려 있다. 주민이 직접 돌봄 수요를 찾고 사회적협동조합과 함께 마을 안에서 돌봄을 잇는 방법을 실험한다.",
    "problem_en": "More elderly people live alone in rural villages, while care staff and facilities are in town. Residents map care needs themselves and, with a social cooperative, test how to provide care inside the village.",
    "participants": "마을 주민 42명, 돌봄 사회적협동조합 2곳, 면사무소, 연구센터 연구진",
    "participants_en": "42 residents, two care cooperatives, the township office and the research center's team",
    "outcomes": "돌봄 수요 지도, 주민 돌봄 활동가 12명 양성, 마을 돌봄 모델 1차 설계",
    "outcomes_en": "A care needs map, twelve resident care workers trained, the first design of a village care model",
    "related_links": "사회적경제 교육과정 | /courses/\n리빙랩 워크숍 일정 | /timetable/",
    "phases": [
        (
            "문제 정의와 주민 모집",
            "Defining the problem, recruiting residents",
            dt.date(2024, 3, 1),
            dt.date(2024, 5, 31),
        ),
        (
            "공동 설계 워크숍",
            "Co-design workshops",
            dt.date(2024, 6, 1),
            dt.date(2024, 9, 30),
        ),
        ("현장 실험", "Field trial", dt.date(2024, 10, 1), dt.date(2025, 9, 30)),
        ("평가와 확산", "Evaluation and spreading", dt.date(2025, 10, 1), None),
    ],
}


def _upsert_index(parent, model, spec, locale, source):
    title, slug, intro = spec
    return page_upsert(
        parent,
        model,
        slug,
        locale,
        source,
        title=title,
        intro=intro,
        show_in_menus=True,
    )


def _file(folder, filename, title, render):
    from filer.models import File

    file = File.objects.filter(folder=folder, original_filename=filename).first()
    if file is None:
        file = File.objects.create(
            folder=folder,
            original_filename=filename,
            name=title,
            is_public=True,
            file=ContentFile(render(), name=filename),
        )
    return file


def _folder():
    """The research center's folder in the file library; its files are public
    (`is_public`), so it needs no folder permission of its own."""
    from filer.models import Folder

    folder = Folder.objects.filter(name=FOLDER, parent=None).first()
    if folder is None:
        folder = Folder.objects.create(name=FOLDER, parent=None)
    return folder


def _body(spec, code):
    if not spec.get("table"):
        return []
    caption, first, second, rows = TOWN_COMPONENTS[code]
    return [
        (
            "table",
            {
                "caption": caption,
                "label_heading": first,
                "text_heading": second,
                "rows": [{"label": label, "text": text} for label, text in rows],
            },
        )
    ]


def seed_research(*, home_ko, home_en, people) -> dict:
    """The research center's demo content; returns its index pages."""
    ko = Locale.objects.get(language_code="ko")
    en = Locale.objects.get(language_code="en")
    topics = {}
    for slug, name, name_en in TOPICS:
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug, defaults={"name": name, "name_en": name_en}
        )
    series = {}
    for spec in SERIES:
        series[spec["slug"]], _ = Series.objects.update_or_create(
            slug=spec["slug"], defaults={k: v for k, v in spec.items() if k != "slug"}
        )
    persons = {}
    for spec in PEOPLE:
        fields = {k: v for k, v in spec.items() if k not in ("slug", "user")}
        fields["user"] = people.get(spec["user"]) if "user" in spec else None
        persons[spec["slug"]], _ = Person.objects.update_or_create(
            slug=spec["slug"], defaults=fields
        )

    index_ko = _upsert_index(home_ko, PublicationIndexPage, INDEX["ko"], ko, None)
    index_en = _upsert_index(home_en, PublicationIndexPage, INDEX["en"], en, index_ko)
    folder = _folder()
    publications = {}
    for spec in PUBLICATIONS:
        page = (
            PublicationPage.objects.filter(locale=ko, slug=spec["slug"])
            .child_of(index_ko)
            .first()
        )
        if page is None:
            page = PublicationPage(
                slug=spec["slug"],
                locale=ko,
                title=spec["title"],
                date_published=spec["date"],
            )
            index_ko.add_child(instance=page)
        series_slug, volume, number = spec.get("series", ("", "", ""))
        page.title = spec["title"]
        page.title_en = spec["title_en"]
        page.publication_type = spec["type"]
        page.date_published = spec["date"]
        page.language = spec.get("language", "ko")
        page.abstract = spec["abstract"]
        page.abstract_en = spec["abstract_en"]
        page.body = _body(spec, "ko")
        page.body_en = _body(spec, "en")
        page.keywords = spec["keywords"]
        page.series = series.get(series_slug)
        page.volume, page.number = volume, number
        for name in ("publisher", "place", "pages", "isbn", "issn", "doi"):
            setattr(page, name, spec.get(name, ""))
        page.container_title = spec.get("container_title", "")
        page.funder = spec.get("funder", "")
        page.project = spec.get("project", "")
        page.licence = spec["licence"]
        page.topics = [topics[slug] for slug in spec["topics"]]
        page.authors = [
            PublicationPageAuthor(person=persons[slug], role=role, sort_order=i)
            for i, (slug, role) in enumerate(spec["authors"])
        ]
        pdf = _file(
            folder,
            f"{spec['slug']}.pdf",
            spec["title"],
            lambda spec=spec: pdf_with_text(
                title=spec["title"], paragraphs=[spec["abstract"], *spec["text"]]
            ),
        )
        page.files = [
            PublicationPageFile(
                file=pdf,
                label="본문 PDF",
                is_main=True,
                version="1.0",
                access=FileAccess.OPEN,
                embargo_until=spec.get("embargo_until"),
                sort_order=0,
            )
        ]
        page.save_revision().publish()
        publication_full_text_extract(page_id=page.pk)
        publications[spec["slug"]] = page

    labs_ko = _upsert_index(home_ko, LivingLabIndexPage, LAB_INDEX["ko"], ko, None)
    labs_en = _upsert_index(home_en, LivingLabIndexPage, LAB_INDEX["en"], en, labs_ko)
    lab = (
        LivingLabPage.objects.filter(locale=ko, slug=LAB["slug"])
        .child_of(labs_ko)
        .first()
    )
    if lab is None:
        lab = LivingLabPage(
            slug=LAB["slug"], locale=ko, title=LAB["title"], problem="-"
        )
        labs_ko.add_child(instance=lab)
    for name in (
        "title",
        "problem",
        "problem_en",
        "participants",
        "participants_en",
        "outcomes",
        "outcomes_en",
        "related_links",
    ):
        setattr(lab, name, LAB[name])
    lab.status = LivingLabStatus.ACTIVE
    lab.partners = list(Organization.objects.order_by("pk")[:2])
    lab.publications = [publications["village-care-living-lab-report-1"]]
    lab.phases = [
        LivingLabPhase(title=t, title_en=t_en, starts_on=s, ends_on=e, sort_order=i)
        for i, (t, t_en, s, e) in enumerate(LAB["phases"])
    ]
    lab.save_revision().publish()
    research_roles_grant()
    return {
        "index_ko": index_ko,
        "index_en": index_en,
        "labs_ko": labs_ko,
        "labs_en": labs_en,
        "publications": publications,
        "lab": lab,
    }
