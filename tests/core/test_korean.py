"""Korean particles chosen by the last sound of the word before them."""

import pytest

from lms.core.korean import particle, particles_resolve


@pytest.mark.parametrize(
    ("word", "form", "expected"),
    [
        ("이하늘 님", "으로", "이하늘 님으로"),
        ("김민준", "로", "김민준으로"),
        ("서울", "으로", "서울로"),  # ㄹ takes 로
        ("부산", "로", "부산으로"),
        ("정다은", "을", "정다은을"),
        ("박서연", "를", "박서연을"),
        ("이하늘", "를", "이하늘을"),
        ("세미나실", "이", "세미나실이"),
        ("강의동", "가", "강의동이"),
        ("오지민", "은", "오지민은"),
        ("서예린", "는", "서예린은"),
        ("윤소희", "을", "윤소희를"),
        ("윤소희", "이", "윤소희가"),
        ("윤소희", "은", "윤소희는"),
        ("윤소희", "으로", "윤소희로"),
        ("101", "으로", "101로"),  # 일: ㄹ
        ("102", "을", "102를"),  # 이
        ("103", "이", "103이"),  # 삼
        ("Campus", "를", "Campus를"),
        ("Jill", "으로", "Jill로"),
    ],
)
def test_the_particle_follows_the_final_consonant(word, form, expected):
    assert particle(word, form) == expected


def test_a_sentence_with_both_forms_keeps_the_right_one():
    assert (
        particles_resolve("이하늘 님(으)로 로그인했습니다.")
        == "이하늘 님으로 로그인했습니다."
    )
    assert particles_resolve("윤소희 님이 서울(으)로 세미나실을(를) 옮겼습니다.") == (
        "윤소희 님이 서울로 세미나실을 옮겼습니다."
    )
    assert particles_resolve("윤소희이(가) 윤소희은(는)") == "윤소희가 윤소희는"
    assert particles_resolve("Signed in as Haneul Lee.") == "Signed in as Haneul Lee."
