"""Small pieces shared by the feature families: guarded arithmetic and the word statistics several
families read. Every division is guarded; undefined is nan."""

from __future__ import annotations

import math
from collections import Counter

from features import lexicon
from features.page import Page

NAN = math.nan
#: Content words are at least this long (every CJK character is a word of its own, and counts).
MIN_CONTENT_WORD_CHARS = 3
#: First code point of the CJK/kana/hangul ranges that :data:`lexicon.WORD_RE` splits per character.
CJK_START = 0x3040


def ratio(num: float, den: float) -> float:
    """``num / den``, or nan when ``den`` is zero."""
    return num / den if den else NAN


def per_1k_words(count: float, page: Page) -> float:
    """``count`` per thousand visible words; nan on a page without words."""
    n = len(page.words)
    return 1000.0 * count / n if n else NAN


def is_content_word(w: str) -> bool:
    """A word that carries topic: not a stop word, not a number, not a short word."""
    return (
        (len(w) >= MIN_CONTENT_WORD_CHARS or ord(w[0]) >= CJK_START) and w not in lexicon.STOP_WORDS and not w.isdigit()
    )


def word_counts(page: Page) -> Counter[str]:
    """How often each (lower-cased) word occurs on the page."""
    return page.memo("word_counts", lambda p: Counter(p.words))  # type: ignore[no-any-return]


def content_vocabulary(page: Page) -> frozenset[str]:
    """The distinct content words of the page."""

    def compute(p: Page) -> frozenset[str]:
        # is_content_word, inlined: this runs over every distinct word of the page.
        stop, min_chars = lexicon.STOP_WORDS, MIN_CONTENT_WORD_CHARS
        return frozenset(
            w
            for w in word_counts(p).keys() - stop
            if (len(w) >= min_chars or ord(w[0]) >= CJK_START) and not w.isdigit()
        )

    return page.memo("content_vocabulary", compute)  # type: ignore[no-any-return]


def content_words(text: str) -> list[str]:
    """Content words of a short text (a title, a heading) in order."""
    return [w for w in lexicon.WORD_RE.findall(text.lower()) if is_content_word(w)]


def line_counts(page: Page) -> Counter[str]:
    """How often each lower-cased visible line occurs on the page."""
    return page.memo("line_counts", lambda p: Counter(p.lower_lines))  # type: ignore[no-any-return]
