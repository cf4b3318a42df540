"""Call-to-action repetition: the "Read more >> : Cick here" that closes every teaser of an aggregator.

A real article has one or two calls to action; a home page has one per teaser but they lead to the site's
own articles. An aggregator repeats the same short line a dozen times, each under an off-topic teaser, and
sends the reader to other sites.
"""

from __future__ import annotations

from collections import Counter

from features import lexicon
from features._common import line_counts, lower_anchor_texts, per_1k_words, ratio
from features.page import Link, Page
from features.share import link_networks, share_rows, social_hits

#: A teaser is the run of lines before a call to action, at most this many lines long.
MAX_TEASER_LINES = 8
#: A teaser's blurb is a line of at least this many words.
MIN_BLURB_WORDS = 8
#: A teaser's share row sits at most this many lines after its call to action.
MAX_SHARE_AFTER_CTA = 4
#: Lines of at most this many characters are "short" (menu items, labels, calls to action).
MAX_SHORT_LINE_CHARS = 60


def cta_lines(page: Page) -> list[int]:
    """Indices of the visible lines that are calls to action."""

    def compute(p: Page) -> list[int]:
        match = lexicon.CTA_LINE_RE.match
        limit = lexicon.MAX_CTA_LINE_CHARS
        first = lexicon.CTA_FIRST_WORDS
        return [
            i
            for i, (low, ws) in enumerate(zip(p.lower_lines, p.line_words, strict=True))
            if ws and ws[0] in first and len(low) <= limit and match(low)
        ]

    return page.memo("cta_lines", compute)  # type: ignore[no-any-return]


def cta_links(page: Page) -> list[Link]:
    """Links whose whole anchor text is a call to action."""

    def compute(p: Page) -> list[Link]:
        match = lexicon.CTA_LINE_RE.match
        limit = lexicon.MAX_CTA_LINE_CHARS
        return [
            link
            for link, low in zip(p.links, lower_anchor_texts(p), strict=True)
            if link.text and len(link.text) <= limit and match(low)
        ]

    return page.memo("cta_links", compute)  # type: ignore[no-any-return]


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
    counts = line_counts(page)
    lower = page.lower_lines
    return float(max((counts[lower[i]] for i in cta_lines(page)), default=0))


def short_line_top_repeat_count(page: Page) -> float:
    """How often the most repeated short visible line occurs (labels, share rows, calls to action).
    Spam templates stamp the same block under every teaser."""
    return float(max((n for low, n in line_counts(page).items() if len(low) <= MAX_SHORT_LINE_CHARS), default=0))


def repeated_line_char_ratio(page: Page) -> float:
    """Fraction of visible characters in lines that occur more than once on the page. Stamped
    template blocks make it high; an article's text is unique."""
    repeated = sum(len(low) * n for low, n in line_counts(page).items() if n > 1)
    return ratio(repeated, page.char_count)


def teaser_unit_count(page: Page) -> float:
    """Teaser units: a call to action preceded (within a few lines, after the previous call to action)
    by a blurb of real sentences and a headline or link. The aggregator's repeated building block."""
    lines = page.lines
    link_chars = page.line_link_chars
    heading_lines = {h.line for h in page.headings}
    units = 0
    previous = -1
    for i in cta_lines(page):
        start = max(previous + 1, i - MAX_TEASER_LINES)
        span = range(start, i)
        has_blurb = any(lines[j].count(" ") >= MIN_BLURB_WORDS - 1 for j in span)
        has_head = any(j in heading_lines or link_chars[j] for j in span)
        units += has_blurb and has_head
        previous = i
    return float(units)


def shared_teaser_count(page: Page) -> float:
    """Teaser units that carry their own share row (between the unit's call to action and the next
    unit, within a few lines): "Read more >> : Cick here" followed by "Share on : Twitter Facebook ...".
    A share bar per story is what stamped aggregator templates do and real pages rarely do."""
    ctas = cta_lines(page)
    if not ctas:
        return 0.0
    rows = share_rows(page)
    units = 0
    for k, i in enumerate(ctas):
        previous = ctas[k - 1] if k else -1
        following = ctas[k + 1] if k + 1 < len(ctas) else len(page.lines)
        lo, hi = max(previous + 1, i - MAX_TEASER_LINES), min(following, i + MAX_SHARE_AFTER_CTA + 1)
        units += any(lo <= r < hi for r in rows)
    return float(units)


def stamped_teaser_count(page: Page) -> float:
    """Share rows that each close a teaser the same way, whatever its words: a blurb, then one short linked
    line that is the same under every teaser, then the row. The count is the number of rows under the most
    common such line, 0 when no line closes two. It is :func:`shared_teaser_count` without the lexicon: a
    template stamps its call to action verbatim in any language, "Read more >> : Cick here" as well as a
    wording no list has. A news portal's share bar per story follows the blurb, or a byline or category that
    varies; only a stamped link between blurb and row counts."""
    rows = share_rows(page)
    if len(rows) < 2:
        return 0.0
    social = set(social_hits(page).by_line)
    social.update(link.line for link, net in zip(page.links, link_networks(page), strict=True) if net is not None)
    lines, lower, link_chars = page.lines, page.lower_lines, page.line_link_chars
    limit = lexicon.MAX_CTA_LINE_CHARS
    closings: Counter[str] = Counter()
    previous = -1
    for row in rows:
        window = [
            j for j in range(max(previous + 1, row - MAX_TEASER_LINES - MAX_SHARE_AFTER_CTA), row) if j not in social
        ]
        blurbs = [j for j in window if lines[j].count(" ") >= MIN_BLURB_WORDS - 1]
        if blurbs:
            closing = next((j for j in window if j > blurbs[-1] and link_chars[j] and len(lower[j]) <= limit), None)
            if closing is not None:
                closings[lower[closing]] += 1
        previous = row
    top = max(closings.values(), default=0)
    return float(top) if top >= 2 else 0.0


def cta_external_link_count(page: Page) -> float:
    """Links whose anchor is a call to action and that lead to another site. A home page's "Read
    more" stays on the site; an aggregator's "Click here" sends the reader to the copied source."""
    return float(sum(1 for link in cta_links(page) if link.kind == "external"))


def cta_link_external_ratio(page: Page) -> float:
    """Of the call-to-action links, the fraction leading off-site (nan without any)."""
    links = cta_links(page)
    return ratio(sum(1 for link in links if link.kind == "external"), len(links))
