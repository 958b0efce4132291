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
