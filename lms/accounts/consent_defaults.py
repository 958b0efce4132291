# ruff: noqa: E501 (the Korean consent texts read better unbroken)
"""The consent items Campus starts with (PIPA art. 15, 17, 22), in both languages.

Written by the data migration `0005_consent_items_default`; staff change them
afterwards in the admin, and every change of text becomes a new version.
"""

DEFAULT_CONSENT_ITEMS = [
    {
        "purpose": "learning",
        "required": True,
        "order": 0,
        "title_ko": "[필수] 학습 서비스 제공을 위한 개인정보 수집·이용",
        "title_en": "[Required] Collection and use of personal data for learning",
        "items_ko": "이메일 주소, 비밀번호(암호화), 이름, 소속 기관, 학습 기록(수강 신청, "
        "진도, 출석, 과제, 성적), 접속 기록(IP 주소, 브라우저), 카카오·네이버·구글로 "
        "가입한 경우 해당 서비스의 회원 번호와 별명",
        "items_en": "E-mail address, password (hashed), name, organization, learning "
        "records (enrolments, progress, attendance, assignments, grades), access "
        "records (IP address, browser); when signing up with Kakao, Naver or "
        "Google, that service's member number and nickname",
        "use_ko": "회원 식별과 로그인, 과정 운영(수강·출석·평가), 수료증 발급과 진위 확인, "
        "숙박 배정, 서비스 안내와 민원 처리",
        "use_en": "Identifying members and signing in, running courses (enrolment, "
        "attendance, assessment), issuing and verifying certificates, lodging, "
        "service notices and enquiries",
        "retention_ko": "회원 탈퇴 시까지(수료증 번호와 발급 기록은 진위 확인을 위해 "
        "이름 없이 보존)",
        "retention_en": "Until the account is deleted (certificate serials and "
        "issue records are kept without the name so that they stay verifiable)",
        "recipients_ko": "",
        "recipients_en": "",
    },
    {
        "purpose": "partners",
        "required": False,
        "order": 10,
        "title_ko": "[선택] 협력 대학에 대한 개인정보 제3자 제공",
        "title_en": "[Optional] Provision of personal data to partner universities",
        "items_ko": "이름, 이메일 주소, 소속 기관, 수강 과정과 진도, 성적, 수료 여부",
        "items_en": "Name, e-mail address, organization, courses taken and "
        "progress, grades, completion",
        "use_ko": "협력 대학의 학점 인정, 연계 과정 운영과 학습 이력 확인",
        "use_en": "Credit recognition, joint courses and confirmation of learning "
        "records by partner universities",
        "retention_ko": "제공받은 대학의 이용 목적 달성 시 또는 동의 철회 시까지",
        "retention_en": "Until the receiving university's purpose is met or the "
        "consent is withdrawn",
        "recipients_ko": "교육센터와 협약을 맺은 협력 대학(목록은 개인정보 처리방침에 게시)",
        "recipients_en": "Partner universities under agreement with the education "
        "center (listed in the privacy policy)",
    },
    {
        "purpose": "marketing",
        "required": False,
        "order": 20,
        "title_ko": "[선택] 교육·행사 소식 수신(이메일, 문자)",
        "title_en": "[Optional] News of courses and events (e-mail, SMS)",
        "items_ko": "이메일 주소, 휴대전화 번호",
        "items_en": "E-mail address, mobile phone number",
        "use_ko": "새 과정, 행사, 소식지 안내",
        "use_en": "News of new courses, events and the newsletter",
        "retention_ko": "동의 철회 또는 회원 탈퇴 시까지",
        "retention_en": "Until the consent is withdrawn or the account deleted",
        "recipients_ko": "",
        "recipients_en": "",
    },
    {
        "purpose": "photos",
        "required": False,
        "order": 30,
        "title_ko": "[선택] 교육 현장 사진의 홍보물 게재",
        "title_en": "[Optional] Photos from courses in publications",
        "items_ko": "교육·행사 중 촬영된 사진과 영상",
        "items_en": "Photos and video taken during courses and events",
        "use_ko": "교육센터 누리집, 소식지, 보고서 게재",
        "use_en": "The education center's website, newsletter and reports",
        "retention_ko": "게재일로부터 3년 또는 동의 철회 시까지",
        "retention_en": "Three years from publication or until the consent is "
        "withdrawn",
        "recipients_ko": "",
        "recipients_en": "",
    },
]

PRIVACY_POLICY_KO = """사회적경제 네트워크 혁신타운 교육센터(이하 "센터")는 「개인정보 보호법」에 따라 Campus 이용자의 개인정보를 보호하고 관련 고충을 신속하게 처리하기 위하여 다음과 같이 개인정보 처리방침을 둡니다.

1. 처리 목적: 회원 식별과 로그인, 교육 과정 운영(수강·출석·평가), 수료증 발급과 진위 확인, 숙박 배정, 안내와 민원 처리. 선택 동의 시 교육·행사 소식 발송, 협력 대학 제공, 홍보물 사진 게재.
2. 처리 항목과 보유 기간: 가입 화면의 항목별 동의 내용과 같습니다. 회원 탈퇴 시 지체 없이 파기하며, 수료증 번호와 발급 기록은 진위 확인을 위해 이름 없이 보존합니다.
3. 제3자 제공: 이용자가 선택 동의한 경우에만 협력 대학에 제공하며, 동의를 철회하면 그때부터 제공하지 않습니다.
4. 처리 위탁: 이메일 발송 등 위탁 업무가 생기면 수탁자와 업무 내용을 이 방침에 공개합니다.
5. 이용자의 권리: 언제든 내 정보 화면에서 개인정보를 열람·내려받기하고, 선택 동의를 철회하고, 계정 삭제를 요청할 수 있습니다.
6. 안전성 확보 조치: 비밀번호 암호화, 로그인 잠금, 직원 2단계 인증, 접근 기록 보관.
7. 만 14세 미만 아동: 법정대리인의 동의를 받은 뒤에 수강 신청을 할 수 있습니다.
8. 개인정보 보호책임자: 교육센터 운영팀(연락처는 누리집 하단에 게시).
"""

PRIVACY_POLICY_EN = """The education center of the Social Economy Network Innovation Town ("the center") publishes this privacy policy under Korea's Personal Information Protection Act, to protect the personal data of Campus users and to handle their concerns promptly.

1. Purposes: identifying members and signing in, running courses (enrolment, attendance, assessment), issuing and verifying certificates, lodging, notices and enquiries; with optional consent, news of courses and events, provision to partner universities, photos in publications.
2. Items and retention: as listed item by item on the sign-up form. Data is destroyed without delay when the account is deleted; certificate serials and issue records are kept without the name so that they stay verifiable.
3. Provision to third parties: to partner universities only with the person's optional consent, and no longer from the moment it is withdrawn.
4. Processors: should any work (such as sending e-mail) be entrusted to others, they and the work are listed in this policy.
5. Your rights: on your profile page you may see and download your data, withdraw optional consents and ask for your account to be deleted, at any time.
6. Safeguards: hashed passwords, sign-in lock-out, two-factor sign-in for staff, access logs.
7. Children under 14: may enrol once a legal guardian has consented.
8. Privacy officer: the education center's operations team (contact at the foot of every page).
"""
