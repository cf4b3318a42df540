"""Call-to-action repetition: the "Read more >> : Cick here" that closes every teaser of an aggregator.

A real article has one or two calls to action; a home page has one per teaser but they lead to the site's
own articles. An aggregator repeats the same short line a dozen times, each under an off-topic teaser, and
sends the reader to other sites.
"""

from __future__ import annotations

from collections import Counter

from features import lexicon
from features._common import per_1k_words, ratio
from features.page import Page

#: A teaser is the run of lines before a call to action, at most this many lines long.
MAX_TEASER_LINES = 8
#: A teaser's blurb is a line of at least this many words.
MIN_BLURB_WORDS = 8
#: Lines of at most this many characters are "short" (menu items, labels, calls to action).
MAX_SHORT_LINE_CHARS = 60


def cta_lines(page: Page) -> list[int]:
    """Indices of the visible lines that are calls to action."""

    def compute(p: Page) -> list[int]:
        match = lexicon.CTA_LINE_RE.match
        return [
            i for i, low in enumerate(p.lower_lines) if len(low) <= lexicon.MAX_CTA_LINE_CHARS and match(low)
        ]

    return page.memo("cta_lines", compute)  # type: ignore[no-any-return]


def cta_line_count(page: Page) -> float:
    """Visible lines that are a call to action ("Read more", "Weiterlesen", "Cick here" ...).
    Aggregators end every teaser with one; an article has one or none."""
    return float(len(cta_lines(page)))


def cta_lines_per_1k_words(page: Page) -> float:
    """Calls to action per thousand visible words: repetition relative to the amount of text."""
    return per_1k_words(len(cta_lines(page)), page)


def cta_top_repeat_count(page: Page) -> float:
    """How often the most repeated call-to-action line occurs verbatim. Templates repeat one exact
    string ("Read more >> : Cick here"); hand-written pages vary or do not repeat at all."""
    counts = Counter(page.lower_lines[i] for i in cta_lines(page))
    return float(max(counts.values(), default=0))


def short_line_top_repeat_count(page: Page) -> float:
    """How often the most repeated short visible line occurs (labels, share rows, calls to action).
    Spam templates stamp the same block under every teaser."""
    counts = Counter(low for low in page.lower_lines if len(low) <= MAX_SHORT_LINE_CHARS)
    return float(max(counts.values(), default=0))


def repeated_line_char_ratio(page: Page) -> float:
    """Fraction of visible characters in lines that occur more than once on the page. Stamped
    template blocks make it high; an article's text is unique."""
    counts = Counter(page.lower_lines)
    repeated = sum(len(low) for low in page.lower_lines if counts[low] > 1)
    return ratio(repeated, sum(len(low) for low in page.lower_lines))


def teaser_unit_count(page: Page) -> float:
    """Teaser units: a call to action preceded (within a few lines, after the previous call to action)
    by a blurb of real sentences and a headline or link. The aggregator's repeated building block."""
    ctas = cta_lines(page)
    lines = page.lines
    link_chars = page.line_link_chars
    heading_lines = {h.line for h in page.headings}
    units = 0
    previous = -1
    for i in ctas:
        start = max(previous + 1, i - MAX_TEASER_LINES)
        has_blurb = has_head = False
        for j in range(start, i):
            if len(lines[j].split()) >= MIN_BLURB_WORDS:
                has_blurb = True
            if j in heading_lines or link_chars[j] > 0:
                has_head = True
        units += has_blurb and has_head
        previous = i
    return float(units)


def _cta_links(page: Page) -> list:
    match = lexicon.CTA_LINE_RE.match
    return [
        link
        for link in page.links
        if link.text and len(link.text) <= lexicon.MAX_CTA_LINE_CHARS and match(link.text.lower())
    ]


def cta_external_link_count(page: Page) -> float:
    """Links whose anchor is a call to action and that lead to another site. A home page's "Read
    more" stays on the site; an aggregator's "Click here" sends the reader to the copied source."""
    return float(sum(1 for link in _cta_links(page) if link.kind == "external"))


def cta_link_external_ratio(page: Page) -> float:
    """Of the call-to-action links, the fraction leading off-site (nan without any)."""
    links = _cta_links(page)
    return ratio(sum(1 for link in links if link.kind == "external"), len(links))
