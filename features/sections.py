"""Off-topic sections: how much of the page is about something else than the page itself.

The page is cut into sections at headings and calls to action. The page's topic is the vocabulary of its
title, its first-level heading and its main block (the section with the most words). A copied article
followed by a dozen trending teasers has many sections that share almost no words with it; an article
with a short related-articles list has few, and those few share its topic.
"""

from __future__ import annotations

from dataclasses import dataclass

from features import lexicon
from features._common import NAN, ratio
from features.cta import cta_lines
from features.page import Page

#: Sections with fewer content words than this are too short to judge (menus, labels, bylines).
MIN_SECTION_CONTENT_WORDS = 10
#: A section is off-topic when at most this fraction of its distinct content words occur in the topic.
MAX_OFFTOPIC_OVERLAP = 0.12
#: Content words are at least this long (every CJK character is a word of its own, and counts).
MIN_CONTENT_WORD_CHARS = 3


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry topic: no stop words, no numbers, no short words."""
    stop = lexicon.STOP_WORDS
    return [
        w
        for w in lexicon.WORD_RE.findall(text.lower())
        if (len(w) >= MIN_CONTENT_WORD_CHARS or ord(w[0]) >= 0x3040) and w not in stop and not w.isdigit()
    ]


@dataclass(frozen=True, slots=True)
class Sections:
    #: Content words of each section long enough to judge, in page order.
    bodies: list[list[str]]
    #: Index into ``bodies`` of the main block, or -1.
    main: int
    #: Per judged section (main excluded): the fraction of its distinct words found in the topic.
    overlaps: list[float]
    #: Content words on the page, in all sections.
    total_words: int


def sections(page: Page) -> Sections:
    def compute(p: Page) -> Sections:
        cuts = {h.line for h in p.headings}
        cuts.update(cta_lines(p))
        bodies: list[list[str]] = []
        current: list[str] = []
        total = 0
        for i, line in enumerate(p.lines):
            if i in cuts and current:
                bodies.append(current)
                current = []
            words = content_words(line)
            total += len(words)
            current.extend(words)
        if current:
            bodies.append(current)
        bodies = [b for b in bodies if len(b) >= MIN_SECTION_CONTENT_WORDS]
        if not bodies:
            return Sections([], -1, [], total)
        main = max(range(len(bodies)), key=lambda k: len(bodies[k]))
        h1 = " ".join(h.text for h in p.headings if h.level == 1)
        topic = set(content_words(p.title + " " + h1)) | set(bodies[main])
        overlaps = []
        for k, body in enumerate(bodies):
            if k != main:
                distinct = set(body)
                overlaps.append(len(distinct & topic) / len(distinct))
        return Sections(bodies, main, overlaps, total)

    return page.memo("sections", compute)  # type: ignore[no-any-return]


def section_count(page: Page) -> float:
    """Sections long enough to judge (at least a sentence or two of content words)."""
    return float(len(sections(page).bodies))


def offtopic_section_count(page: Page) -> float:
    """Sections whose vocabulary barely overlaps the page's title and main block: the teasers an
    aggregator appends to a copied article."""
    return float(sum(1 for o in sections(page).overlaps if o <= MAX_OFFTOPIC_OVERLAP))


def offtopic_section_ratio(page: Page) -> float:
    """Off-topic sections as a fraction of the sections judged besides the main block (nan if none)."""
    s = sections(page)
    return ratio(sum(1 for o in s.overlaps if o <= MAX_OFFTOPIC_OVERLAP), len(s.overlaps))


def offtopic_word_ratio(page: Page) -> float:
    """Fraction of the page's content words that sit in off-topic sections."""
    s = sections(page)
    if s.main < 0:
        return NAN
    judged = [b for k, b in enumerate(s.bodies) if k != s.main]
    off = sum(len(b) for b, o in zip(judged, s.overlaps) if o <= MAX_OFFTOPIC_OVERLAP)
    return ratio(off, s.total_words)


def topic_dispersion(page: Page) -> float:
    """One minus the mean topic overlap of the judged sections: 0 when every section is about the
    page's topic, near 1 when none is (nan with fewer than two sections)."""
    s = sections(page)
    return 1.0 - sum(s.overlaps) / len(s.overlaps) if s.overlaps else NAN


def main_block_word_ratio(page: Page) -> float:
    """Share of the page's content words in its main block. An article is mostly its main block; an
    aggregator, a directory or a link farm is mostly something else."""
    s = sections(page)
    return ratio(len(s.bodies[s.main]), s.total_words) if s.main >= 0 else NAN
