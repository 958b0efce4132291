"""Korean particles that depend on the word before them.

A particle after a name or a value known only at run time takes one of two
forms by the word's last sound: 으로/로, 을/를, 이/가, 은/는, 과/와. Translators
write both forms, e.g. `%(name)s 님(으)로 로그인했습니다.`, and
`particles_resolve()` keeps the right one once the name is in. `particle()`
does the same for one word in code.
"""

import re

_HANGUL_FIRST = 0xAC00
_HANGUL_LAST = 0xD7A3
_RIEUL = 8  # the final consonant ㄹ: 서울로, not 서울으로

# the Korean reading of digits: 0 영, 1 일, 3 삼, 6 육, 7 칠, 8 팔 end in a consonant
_DIGIT_FINAL = {"0": 4, "1": _RIEUL, "2": 0, "3": 16, "4": 0, "5": 0}
_DIGIT_FINAL.update({"6": 1, "7": _RIEUL, "8": _RIEUL, "9": 0})
# English letters read aloud in Korean (엘, 엠, 엔, 알 end in a consonant)
_LATIN_FINAL = {"l": _RIEUL, "m": 16, "n": 4, "r": _RIEUL}

# (form after a final consonant, form after a vowel)
PAIRS = {
    "으로": ("으로", "로"),
    "로": ("으로", "로"),
    "을": ("을", "를"),
    "를": ("을", "를"),
    "이": ("이", "가"),
    "가": ("이", "가"),
    "은": ("은", "는"),
    "는": ("은", "는"),
    "과": ("과", "와"),
    "와": ("과", "와"),
}

_WRITTEN_BOTH = re.compile(r"(\S)(\(으\)로|을\(를\)|이\(가\)|은\(는\)|과\(와\))")
_BOTH_TO_KEY = {"(으)로": "으로", "을(를)": "을", "이(가)": "이", "은(는)": "은"}
_BOTH_TO_KEY["과(와)"] = "과"


def final_consonant(word: str) -> int:
    """The index of the last sound's final consonant (0 when it ends in a
    vowel), reading digits and Latin letters as Koreans say them."""
    stripped = word.rstrip(" )]}\"'’”.")
    if not stripped:
        return 0
    last = stripped[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        return (code - _HANGUL_FIRST) % 28
    if last in _DIGIT_FINAL:
        return _DIGIT_FINAL[last]
    return _LATIN_FINAL.get(last.lower(), 0)


def particle_form(word: str, particle: str) -> str:
    """The form of `particle` (either form may be given) that follows `word`."""
    after_consonant, after_vowel = PAIRS[particle]
    final = final_consonant(word)
    if after_consonant == "으로" and final == _RIEUL:
        return after_vowel
    return after_consonant if final else after_vowel


def particle(word: str, particle_: str) -> str:
    """`word` with the right form of the particle: 이하늘 님 + 으로 → 이하늘 님으로."""
    return word + particle_form(word, particle_)


def particles_resolve(text: str) -> str:
    """Keep the right form of every `(으)로`, `을(를)`, `이(가)`, `은(는)` and
    `과(와)` in a translated sentence, by the character before it."""

    def choose(match: re.Match) -> str:
        before = match.group(1)
        return before + particle_form(before, _BOTH_TO_KEY[match.group(2)])

    return _WRITTEN_BOTH.sub(choose, text)
