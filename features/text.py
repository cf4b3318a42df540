"""Text quality: is the visible text prose written for people?

Spam text is repetitive (stamped blocks, spun paragraphs), list-like (keywords, headlines without
sentences), decorated (hashtags, emoji) and full of stock filler. The measures follow the usual web-corpus
quality heuristics (Gopher, C4), computed from the page's visible lines and its word counts.
"""

from __future__ import annotations

import zlib

import numpy as np

from features import lexicon
from features._common import (
    NAN,
    distinct_count,
    line_counts,
    per_1k_words,
    ratio,
    top_count,
    word_counts,
    word_table,
)
from features.page import Page

#: Word-based ratios are undefined (nan) on pages with fewer words than this.
MIN_WORDS = 20
#: Keyword-density ratios need at least this many content words.
MIN_CONTENT_WORDS = 50
#: Lines of at least this many words are judged for sentence-ending punctuation.
MIN_SENTENCE_LINE_WORDS = 5
#: n-gram duplication is measured on word n-grams of this length, over at most this many words.
NGRAM = 3
MAX_NGRAM_WORDS = 20_000
#: Word codes below this make base-code 3-grams that fit in an int64 (``2**21 ** 3 == 2**63``).
MAX_EXACT_NGRAM_BASE = 2**21
#: Spam-vertical phrases per thousand words below this count as none: two in a hundred words is keyword
#: stuffing by the usual rule of thumb (a density of 2-3 %), fewer is a page that talks about the trade.
MIN_MONEY_PER_1K = 20.0
#: The compression ratio is undefined below this many bytes and computed on at most this many.
MIN_COMPRESS_BYTES = 200
MAX_COMPRESS_BYTES = 100_000
#: zlib's fastest level: it finds the same repeated blocks as the default level 6 at half the cost (0.12
#: against 0.24 ms a page; the two ratios correlate at 0.99 over the corpus).
COMPRESS_LEVEL = 1


def phrase_hits(page: Page) -> dict[str, int]:
    """Hits of the stock-phrase families (filler, clickbait, parked) in the visible words, one pass."""

    def compute(p: Page) -> dict[str, int]:
        table = word_table(p)
        return lexicon.PHRASES.count(p.words, (table.index, table.ids), p.lower_text)

    return page.memo("phrase_hits", compute)  # type: ignore[no-any-return]


def word_count(page: Page) -> float:
    """Visible words on the page (CJK characters count one each)."""
    return float(len(page.words))


def stopword_ratio(page: Page) -> float:
    """Fraction of (non-CJK, non-number) words that are stop words: prose has 30-55%, keyword lists
    and headline walls far fewer (nan for short or CJK-only pages)."""
    table = word_table(page)
    alpha = int(table.counts[table.alpha].sum())
    if alpha < MIN_WORDS:
        return NAN
    return int(table.counts[table.stop].sum()) / alpha


def compression_ratio(page: Page) -> float:
    """zlib-compressed size over raw size of the visible text. Repeated templates compress far better
    than prose (low values)."""
    data = page.text.encode("utf-8")[:MAX_COMPRESS_BYTES]
    if len(data) < MIN_COMPRESS_BYTES:
        return NAN
    return len(zlib.compress(data, COMPRESS_LEVEL)) / len(data)


def duplicate_line_ratio(page: Page) -> float:
    """Fraction of visible lines that repeat an earlier line verbatim."""
    n = len(page.lines)
    return ratio(n - len(line_counts(page)), n)


def duplicate_ngram_ratio(page: Page) -> float:
    """Fraction of word 3-gram occurrences that repeat an earlier one: spun and stamped text repeats
    itself."""
    words = page.words[:MAX_NGRAM_WORDS]
    if len(words) < MIN_WORDS:
        return NAN
    total = len(words) - NGRAM + 1
    table = word_table(page)
    ids, base = table.ids[: len(words)], len(table.index)
    if base >= MAX_EXACT_NGRAM_BASE:  # only a huge tree given to Page.from_tree: recode these words densely
        ids = np.unique(ids, return_inverse=True)[1].reshape(-1)
        base = int(ids.max()) + 1
    # A 3-gram is coded as a three-digit number in base ``base``: equal numbers are equal 3-grams.
    codes = (ids[:-2] * base + ids[1:-1]) * base + ids[2:]
    return 1.0 - distinct_count(codes) / total


def line_end_punct_ratio(page: Page) -> float:
    """Of the lines with at least five words, the fraction ending like a sentence. Headline walls,
    keyword lists and link rows do not."""
    end = lexicon.LINE_END_PUNCT
    min_spaces = MIN_SENTENCE_LINE_WORDS - 1
    judged = ended = 0
    for line in page.lines:
        if line.count(" ") >= min_spaces:
            judged += 1
            ended += line[-1] in end
    return ratio(ended, judged)


def mean_line_words(page: Page) -> float:
    """Mean words per visible line: long for prose, short for lists of links and teasers."""
    return ratio(len(page.words), len(page.lines))


def hashtags_per_1k_words(page: Page) -> float:
    """Hashtags ("#trending") per thousand words: SEO filler and social copy."""
    text = page.lower_text
    return per_1k_words(len(lexicon.HASHTAG_RE.findall(text)) if "#" in text else 0, page)


def emoji_per_1k_words(page: Page) -> float:
    """Emoji per thousand words ("Share on : 👇", "🔥 Trending")."""
    return per_1k_words(len(lexicon.EMOJI_RE.findall(page.text)), page)


def filler_phrase_count(page: Page) -> float:
    """Stock phrases of generated filler and autoblogs ("In this article, we will discuss", "Listed
    here the latest Trending News", "The post ... appeared first on")."""
    return float(phrase_hits(page).get("filler", 0))


def clickbait_phrase_count(page: Page) -> float:
    """Curiosity-gap headline phrases of made-for-ads teaser grids ("You won't believe ...")."""
    return float(phrase_hits(page).get("clickbait", 0))


def money_phrase_hits(page: Page) -> int:
    """Occurrences of the spam verticals' phrases in the visible text, links included (casino, "slot gacor",
    "buy viagra", "payday loans", "replica watches", "essay writing service", ...:
    :data:`lexicon.MONEY_ANCHOR_PHRASES` and the unspaced Thai, Chinese, Japanese and Korean ones)."""
    text = page.lower_text
    hits = len(lexicon.MONEY_UNSPACED_RE.findall(text))
    counts = word_counts(page)
    if any(
        all(w in counts for w in rest)
        for first in lexicon.MONEY_FIRST_WORDS.intersection(counts)
        for rest in lexicon.MONEY_PHRASE_WORDS[first]
    ):
        hits += len(lexicon.MONEY_SPACED_RE.findall(text))
    return hits


def money_phrase_per_1k_words(page: Page) -> float:
    """Phrases of the spam verticals (casino, "buy viagra", "payday loans", "replica watches", ...) per thousand
    visible words, when they make at least :data:`MIN_MONEY_PER_1K` of them; 0 below. A pharmacy or
    casino doorway repeats what it sells in every sentence, and a block of sold links names it in every
    anchor. A story or a blog post about gambling or a drug names it a few times in a thousand words (at
    most 14 on any of the 3,763 real pages of ../shared/corpus): mentioning a trade is not selling it
    (nan below :data:`MIN_WORDS` words)."""
    if len(page.words) < MIN_WORDS:
        return NAN
    density = per_1k_words(money_phrase_hits(page), page)
    return density if density >= MIN_MONEY_PER_1K else 0.0


def top_word_ratio(page: Page) -> float:
    """Share of the most frequent content word among all content words: keyword density, high on
    doorway pages stuffed with one phrase."""
    table = word_table(page)
    counts = table.counts[table.content]
    total = int(counts.sum())
    if total < MIN_CONTENT_WORDS:
        return NAN
    return int(counts.max()) / total


def top_bigram_per_1k_words(page: Page) -> float:
    """Occurrences of the most frequent pair of adjacent content words per thousand words: a stuffed
    keyword phrase ("cheap flights london") repeats as a unit."""
    table = word_table(page)
    ids = table.ids[table.content[table.ids]]
    if len(ids) < MIN_CONTENT_WORDS:
        return NAN
    # A pair is coded as a two-digit number in base len(index): equal numbers are equal pairs.
    top = top_count(ids[:-1] * len(table.index) + ids[1:])
    return per_1k_words(top, page)
