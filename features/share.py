"""Share rows: blocks that name or link several social networks.

An article has one share bar; an aggregator stamps "Share on : 👇 Twitter (X) Facebook truthsocial gettr
pinterest whatsapp telegram" under every teaser, so the number of rows per article-sized block of text is
the signal, not their presence.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from features import lexicon
from features._common import NAN, per_1k_words, ratio, short_lower_lines, word_counts, word_table
from features.page import Link, Page

#: A row names at least this many distinct networks.
MIN_ROW_NETWORKS = 3
#: Consecutive social links belong to one row when at most this many visible lines separate them.
MAX_ROW_LINE_GAP = 3
#: Share rows per "article-sized block": this many words.
ARTICLE_WORDS = 500
#: Share-intent patterns are looked for in this many leading characters of an href.
MAX_HREF_CHARS = 512


def link_network(link: Link) -> str | None:
    """The social network a link points to (by registered domain, host or app scheme), or None."""
    kind = link.kind
    if kind == "external" or kind == "internal":
        return lexicon.SOCIAL_DOMAINS.get(link.domain) or lexicon.SOCIAL_DOMAINS.get(link.host)
    if kind == "other":
        return lexicon.SOCIAL_SCHEMES.get(link.host)
    return None


def link_networks(page: Page) -> list[str | None]:
    """:func:`link_network` of every analysed link, in link order."""
    return page.memo("link_networks", lambda p: [link_network(link) for link in p.links])  # type: ignore[no-any-return]


@dataclass(frozen=True, slots=True)
class SocialHits:
    """Network names found in the visible text."""

    #: {line index: {network, ...}} for every line naming at least one network.
    by_line: dict[int, set[str]]
    #: All mentions, repeated names included.
    total: int


def social_hits(page: Page) -> SocialHits:
    """The network names in the visible text, by line."""

    def compute(p: Page) -> SocialHits:
        counts = word_counts(p)
        present = lexicon.SOCIAL_NAMES.intersection(counts)
        total = sum(counts[n] for n in present)
        by_line: dict[int, set[str]] = {}
        if present:
            # The lines holding a name, found on the word codes: a word's line is the first line whose
            # running word count exceeds the word's position.
            line_words, table = p.line_words, word_table(p)
            is_name = np.zeros(len(table.index), dtype=bool)
            is_name[[table.index[n] for n in present]] = True
            line_ends = np.cumsum(np.fromiter(map(len, line_words), dtype=np.int64, count=len(line_words)))
            name_lines = np.searchsorted(line_ends, np.flatnonzero(is_name[table.ids]), side="right")
            for i in np.unique(name_lines).tolist():
                by_line[i] = set(present.intersection(line_words[i]))  # its own set: "Truth Social" may add
        if "truth" in counts and "social" in counts:  # "Truth Social" written as two words
            for i, ws in enumerate(p.line_words):
                if "truth" in ws and "social" in ws:
                    by_line.setdefault(i, set()).add("truthsocial")
                    total += 1
        return SocialHits(by_line, total)

    return page.memo("social_hits", compute)  # type: ignore[no-any-return]


def line_networks(low: str, names: set[str]) -> set[str]:
    """The networks a line names, given the names found in it: words that are also ordinary words
    ("line", "mix", "pocket") count only beside two unambiguous names; "X" counts written the way
    share rows write it ("Twitter (X)", "X (formerly Twitter)", "x.com")."""
    clear = names - lexicon.AMBIGUOUS_SOCIAL_NAMES
    if lexicon.SOCIAL_X_RE.search(low):
        clear = clear | {"twitter"}
    return names | clear if len(clear) >= 2 else clear


def share_rows(page: Page) -> list[int]:
    """Line indices where a share row starts: a short line naming several networks, or a run of
    links to several networks with nothing but other such links between them."""

    def compute(p: Page) -> list[int]:
        rows: set[int] = set()
        lower = p.lower_lines
        for i, names in social_hits(p).by_line.items():
            if (
                len(names) >= MIN_ROW_NETWORKS - 1
                and len(lower[i]) <= lexicon.MAX_SHARE_ROW_LINE_CHARS
                and len(line_networks(lower[i], names)) >= MIN_ROW_NETWORKS
            ):
                rows.add(i)
        run_start = run_last = -1
        networks: set[str] = set()
        for link, net in zip(p.links, link_networks(p), strict=True):
            if net is None or (run_last >= 0 and link.line - run_last > MAX_ROW_LINE_GAP):
                if len(networks) >= MIN_ROW_NETWORKS:
                    rows.add(run_start)
                networks = set()
                run_start = run_last = -1
                if net is None:
                    continue
            if run_start < 0:
                run_start = link.line
            run_last = link.line
            networks.add(net)
        if len(networks) >= MIN_ROW_NETWORKS:
            rows.add(run_start)
        return sorted(rows)

    return page.memo("share_rows", compute)  # type: ignore[no-any-return]


def share_row_count(page: Page) -> float:
    """Share rows on the page. One is normal; one per teaser is an aggregator template."""
    return float(len(share_rows(page)))


def share_rows_per_article(page: Page) -> float:
    """Share rows per 500 visible words (an article-sized block of text)."""
    words = len(page.words)
    return ARTICLE_WORDS * len(share_rows(page)) / words if words else NAN


def share_label_line_count(page: Page) -> float:
    """Short lines that introduce a share row ("Share on : 👇", "Teilen", "Compartir")."""
    return float(len(list(filter(None, map(lexicon.SHARE_LABEL_RE.match, short_lower_lines(page))))))


def share_intent_link_count(page: Page) -> float:
    """Links that ask a network to share a page (twitter.com/intent/tweet, sharer.php, wa.me/?text).
    A share bar has a handful; one per teaser multiplies it."""
    search = lexicon.SHARE_INTENT_RE.search
    return float(
        sum(
            1
            for link, net in zip(page.links, link_networks(page), strict=True)
            if net is not None and search(link.href[:MAX_HREF_CHARS].lower())
        )
    )


def social_link_ratio(page: Page) -> float:
    """Fraction of links that point to social networks (profiles or share intents)."""
    nets = link_networks(page)
    return ratio(sum(1 for n in nets if n is not None), len(nets))


def social_mentions_per_1k_words(page: Page) -> float:
    """Social-network names in the visible text per thousand words: share rows written as plain text
    and "trending on Twitter" filler both raise it."""
    return per_1k_words(social_hits(page).total, page)
