"""Text quality: is the visible text prose written for people?

Spam text is repetitive (stamped blocks, spun paragraphs), list-like (keywords, headlines without
sentences), decorated (hashtags, emoji) and full of stock filler. The thresholds below follow the usual
web-corpus quality heuristics (Gopher, C4), computed once over the page's visible lines.
"""

from __future__ import annotations

import zlib
from collections import Counter

from features import lexicon
from features._common import NAN, per_1k_words, ratio
from features.page import Page
from features.sections import content_words

#: Word-based ratios are undefined (nan) on pages with fewer words than this.
MIN_WORDS = 20
#: Keyword-density ratios need at least this many content words.
MIN_CONTENT_WORDS = 50
#: Lines of at least this many words are judged for sentence-ending punctuation.
MIN_SENTENCE_LINE_WORDS = 5
#: n-gram duplication is measured on word n-grams of this length, over at most this many words.
NGRAM = 3
MAX_NGRAM_WORDS = 20_000
#: The compression ratio is undefined below this many bytes and computed on at most this many.
MIN_COMPRESS_BYTES = 200
MAX_COMPRESS_BYTES = 200_000
#: Words of one character outside CJK scripts are not counted as latin-script words.
_CJK_START = 0x3040


def word_count(page: Page) -> float:
    """Visible words on the page (CJK characters count one each)."""
    return float(len(page.words))


def _alpha_words(page: Page) -> list[str]:
    return [w for w in page.words if ord(w[0]) < _CJK_START and not w.isdigit()]


def stopword_ratio(page: Page) -> float:
    """Fraction of (non-CJK) words that are stop words: prose has 30-55%, keyword lists and
    headline walls far fewer (nan for short or CJK-only pages)."""
    words = _alpha_words(page)
    if len(words) < MIN_WORDS:
        return NAN
    stop = lexicon.STOP_WORDS
    return sum(1 for w in words if w in stop) / len(words)


def compression_ratio(page: Page) -> float:
    """zlib-compressed size over raw size of the visible text. Repeated templates compress far better
    than prose (low values)."""
    data = page.text.encode("utf-8")[:MAX_COMPRESS_BYTES]
    if len(data) < MIN_COMPRESS_BYTES:
        return NAN
    return len(zlib.compress(data, 6)) / len(data)


def duplicate_line_ratio(page: Page) -> float:
    """Fraction of visible lines that repeat an earlier line verbatim."""
    lines = page.lower_lines
    return ratio(len(lines) - len(set(lines)), len(lines))


def duplicate_ngram_ratio(page: Page) -> float:
    """Fraction of word 3-grams that occur more than once: spun and stamped text repeats itself."""
    words = page.words[:MAX_NGRAM_WORDS]
    if len(words) < MIN_WORDS:
        return NAN
    grams = Counter(zip(words, words[1:], words[2:]))
    total = len(words) - NGRAM + 1
    return sum(c for c in grams.values() if c > 1) / total


def line_end_punct_ratio(page: Page) -> float:
    """Of the lines with at least five words, the fraction ending like a sentence. Headline walls,
    keyword lists and link rows do not."""
    lines = [line for line in page.lines if line.count(" ") >= MIN_SENTENCE_LINE_WORDS - 1]
    end = lexicon.LINE_END_PUNCT
    return ratio(sum(1 for line in lines if line[-1] in end), len(lines))


def mean_line_words(page: Page) -> float:
    """Mean words per visible line: long for prose, short for lists of links and teasers."""
    return ratio(len(page.words), len(page.lines))


def hashtags_per_1k_words(page: Page) -> float:
    """Hashtags ("#trending") per thousand words: SEO filler and social copy."""
    return per_1k_words(sum(len(lexicon.HASHTAG_RE.findall(line)) for line in page.lines), page)


def emoji_per_1k_words(page: Page) -> float:
    """Emoji per thousand words ("Share on : 👇", "🔥 Trending")."""
    return per_1k_words(sum(len(lexicon.EMOJI_RE.findall(line)) for line in page.lines), page)


def filler_phrase_count(page: Page) -> float:
    """Stock phrases of generated filler and autoblogs ("In this article, we will discuss", "Listed
    here the latest Trending News", "The post ... appeared first on")."""
    search = lexicon.FILLER_RE.findall
    return float(sum(len(search(low)) for low in page.lower_lines))


def clickbait_phrase_count(page: Page) -> float:
    """Curiosity-gap headline phrases of made-for-ads teaser grids ("You won't believe ...")."""
    search = lexicon.CLICKBAIT_RE.findall
    return float(sum(len(search(low)) for low in page.lower_lines))


def top_word_ratio(page: Page) -> float:
    """Share of the most frequent content word among all content words: keyword density, high on
    doorway pages stuffed with one phrase."""
    words = content_words(page.text)
    if len(words) < MIN_CONTENT_WORDS:
        return NAN
    return Counter(words).most_common(1)[0][1] / len(words)


def top_bigram_per_1k_words(page: Page) -> float:
    """Occurrences of the most frequent content-word bigram per thousand words: a stuffed keyword
    phrase ("cheap flights london") repeats as a unit."""
    words = content_words(page.text)
    if len(words) < MIN_CONTENT_WORDS:
        return NAN
    top = Counter(zip(words, words[1:])).most_common(1)[0][1]
    return per_1k_words(top, page)
