"""Off-topic sections: how much of the page is about something else than the page itself.

The page is cut into sections at headings and calls to action. The page's topic is the vocabulary of its
title, its first-level heading and its main block (the section with the most content words). A copied
article followed by a dozen trending teasers has many sections that share almost no words with it; an
article with a short related-articles list has few, and those few share its topic.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, pairwise

from features._common import NAN, content_vocabulary, content_words, ratio
from features.cta import cta_lines
from features.page import Page

#: Sections with fewer distinct content words than this are too short to judge (menus, labels, bylines).
MIN_SECTION_CONTENT_WORDS = 10
#: A section is off-topic when at most this fraction of its distinct content words occur in the topic.
MAX_OFFTOPIC_OVERLAP = 0.12


@dataclass(frozen=True, slots=True)
class Sections:
    #: Distinct content words of each section long enough to judge, in page order.
    sizes: list[int]
    #: Index into ``sizes`` of the main block, or -1 when no section is long enough.
    main: int
    #: Per judged section other than the main block: the fraction of its distinct content words that
    #: occur in the page's topic, with the section's size.
    overlaps: list[tuple[float, int]]
    #: Distinct content words summed over all sections.
    total_words: int


def sections(page: Page) -> Sections:
    def compute(p: Page) -> Sections:
        cuts = sorted({0, *(h.line for h in p.headings), *cta_lines(p), len(p.lines)})
        vocab = content_vocabulary(p)
        line_words = p.line_words
        bodies = [vocab.intersection(chain.from_iterable(line_words[a:b])) for a, b in pairwise(cuts)]
        total = sum(map(len, bodies))
        judged = [b for b in bodies if len(b) >= MIN_SECTION_CONTENT_WORDS]
        if not judged:
            return Sections([], -1, [], total)
        main = max(range(len(judged)), key=lambda k: len(judged[k]))
        h1 = " ".join(h.text for h in p.headings if h.level == 1)
        topic = set(content_words(p.title + " " + h1)) | judged[main]
        overlaps = [(len(b & topic) / len(b), len(b)) for k, b in enumerate(judged) if k != main]
        return Sections([len(b) for b in judged], main, overlaps, total)

    return page.memo("sections", compute)  # type: ignore[no-any-return]


def section_count(page: Page) -> float:
    """Sections long enough to judge (at least a sentence or two of content words)."""
    return float(len(sections(page).sizes))


def offtopic_section_count(page: Page) -> float:
    """Sections whose vocabulary barely overlaps the page's title and main block: the teasers an
    aggregator appends to a copied article."""
    return float(sum(1 for o, _ in sections(page).overlaps if o <= MAX_OFFTOPIC_OVERLAP))


def offtopic_section_ratio(page: Page) -> float:
    """Off-topic sections as a fraction of the sections judged besides the main block (nan if none)."""
    s = sections(page)
    return ratio(sum(1 for o, _ in s.overlaps if o <= MAX_OFFTOPIC_OVERLAP), len(s.overlaps))


def offtopic_word_ratio(page: Page) -> float:
    """Fraction of the page's content words that sit in off-topic sections."""
    s = sections(page)
    if s.main < 0:
        return NAN
    return ratio(sum(n for o, n in s.overlaps if o <= MAX_OFFTOPIC_OVERLAP), s.total_words)


def topic_dispersion(page: Page) -> float:
    """One minus the mean topic overlap of the judged sections: 0 when every section is about the
    page's topic, near 1 when none is (nan with fewer than two sections)."""
    s = sections(page)
    return 1.0 - sum(o for o, _ in s.overlaps) / len(s.overlaps) if s.overlaps else NAN


def main_block_word_ratio(page: Page) -> float:
    """Share of the page's content words in its main block. An article is mostly its main block; an
    aggregator, a directory or a link farm is mostly something else."""
    s = sections(page)
    return ratio(s.sizes[s.main], s.total_words) if s.main >= 0 else NAN
