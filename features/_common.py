"""Small pieces shared by the feature families: guarded arithmetic and the word statistics several
families read. Every division is guarded; undefined is nan."""

from __future__ import annotations

import math
import operator
from collections import Counter
from dataclasses import dataclass
from itertools import compress, count, repeat

import numpy as np

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


@dataclass(frozen=True, slots=True)
class WordTable:
    """The page's distinct words, coded 0, 1, ... in order of first occurrence (the order of
    :func:`word_counts`), and what the features ask of each word as numpy arrays indexed by code: counting
    n-grams and sums over the vocabulary in numpy instead of over Python tuples and dicts."""

    #: Each distinct word's code.
    index: dict[str, int]
    #: The code of every word of the page, in order.
    ids: np.ndarray
    #: Occurrences of each distinct word.
    counts: np.ndarray
    #: Stop words.
    stop: np.ndarray
    #: Neither CJK nor a number: the words whose stop-word ratio is measured.
    alpha: np.ndarray
    #: Content words (:func:`is_content_word`).
    content: np.ndarray


def word_table(page: Page) -> WordTable:
    """The :class:`WordTable` of the page's words."""

    def compute(p: Page) -> WordTable:
        index = dict(zip(word_counts(p), count()))  # the words' hashes are cached by now: cheaper than anew
        n = len(index)
        ids = np.fromiter(map(index.__getitem__, p.words), dtype=np.int64, count=len(p.words))
        # is_content_word, vectorised: this runs over every distinct word of the page. A word's first
        # character is CJK exactly when the word sorts at or after that character.
        cjk = np.fromiter(map(operator.ge, index, repeat(chr(CJK_START))), dtype=bool, count=n)
        number = np.fromiter(map(str.isdigit, index), dtype=bool, count=n)
        stop = np.zeros(n, dtype=bool)
        stop[[index[w] for w in lexicon.STOP_WORDS.intersection(index)]] = True
        long = np.fromiter(map(len, index), dtype=np.int64, count=n) >= MIN_CONTENT_WORD_CHARS
        content = (long | cjk) & ~stop & ~number
        return WordTable(index, ids, np.bincount(ids, minlength=n), stop, ~cjk & ~number, content)

    return page.memo("word_table", compute)  # type: ignore[no-any-return]


def distinct_count(codes: np.ndarray) -> int:
    """Distinct values of an integer array (``len(np.unique(codes))`` without np.unique's overhead)."""
    if not len(codes):
        return 0
    s = np.sort(codes)
    return 1 + int(np.count_nonzero(s[1:] != s[:-1]))


def top_count(codes: np.ndarray) -> int:
    """Occurrences of the most frequent value of an integer array; 0 when it is empty."""
    if not len(codes):
        return 0
    s = np.sort(codes)
    run_ends = np.flatnonzero(s[1:] != s[:-1])
    return int(np.diff(np.concatenate(([-1], run_ends, [len(s) - 1]))).max())


def content_vocabulary(page: Page) -> frozenset[str]:
    """The distinct content words of the page."""

    def compute(p: Page) -> frozenset[str]:
        table = word_table(p)
        return frozenset(compress(table.index, table.content))

    return page.memo("content_vocabulary", compute)  # type: ignore[no-any-return]


def content_words(text: str) -> list[str]:
    """Content words of a short text (a title, a heading) in order."""
    return [w for w in lexicon.WORD_RE.findall(text.lower()) if is_content_word(w)]


def short_lower_lines(page: Page) -> list[str]:
    """The lower-cased visible lines of at most :data:`lexicon.MAX_CTA_LINE_CHARS` characters, in order: the
    only lines a label pattern can match."""
    limit = lexicon.MAX_CTA_LINE_CHARS
    return page.memo("short_lower_lines", lambda p: [low for low in p.lower_lines if len(low) <= limit])  # type: ignore[no-any-return]


def lower_anchor_texts(page: Page) -> list[str]:
    """Each analysed link's anchor text, lower-cased, in link order."""
    return page.memo("lower_anchor_texts", lambda p: [link.text.lower() for link in p.links])  # type: ignore[no-any-return]


def line_counts(page: Page) -> Counter[str]:
    """How often each lower-cased visible line occurs on the page."""
    return page.memo("line_counts", lambda p: Counter(p.lower_lines))  # type: ignore[no-any-return]
