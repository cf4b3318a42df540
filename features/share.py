"""Share rows: blocks that name or link several social networks.

An article has one share bar; an aggregator stamps "Share on : 👇 Twitter (X) Facebook truthsocial gettr
pinterest whatsapp telegram" under every teaser, so the number of rows per article-sized block of text is
the signal, not their presence.
"""

from __future__ import annotations

from features import lexicon
from features._common import per_1k_words, ratio
from features.page import Link, Page

#: A row names at least this many distinct networks.
MIN_ROW_NETWORKS = 3
#: Consecutive social links belong to one row when at most this many visible lines separate them.
MAX_ROW_LINE_GAP = 3
#: Share rows per "article-sized block": this many words.
ARTICLE_WORDS = 500


def link_network(link: Link) -> str | None:
    """The social network a link points to (by registered domain or app scheme), or None."""
    if link.kind == "other":
        return lexicon.SOCIAL_SCHEMES.get(link.host)
    if link.kind == "external" or link.kind == "internal":
        return lexicon.SOCIAL_DOMAINS.get(link.domain)
    return None


def is_share_intent(link: Link) -> bool:
    """True for a link that asks a network to share a page (twitter.com/intent/tweet, sharer.php, wa.me/?text ...)."""
    return link_network(link) is not None and bool(lexicon.SHARE_INTENT_RE.search(link.href[:512].lower()))


def line_networks(low: str) -> set[str]:
    """Distinct social networks named in one lower-cased line; words that are also ordinary words
    ("line", "mix", "pocket") count only beside two unambiguous names."""
    names = {n.replace(" ", "") for n in lexicon.SOCIAL_NAME_RE.findall(low)}
    if lexicon.SOCIAL_X_RE.search(low):
        names.add("twitter")
    clear = names - lexicon.AMBIGUOUS_SOCIAL_NAMES
    return names if len(clear) >= 2 else clear


def share_rows(page: Page) -> list[int]:
    """Line indices where a share row starts: a short line naming several networks, or a run of
    links to several networks with nothing but other such links between them."""

    def compute(p: Page) -> list[int]:
        rows: set[int] = set()
        for i, low in enumerate(p.lower_lines):
            if len(low) <= lexicon.MAX_SHARE_ROW_LINE_CHARS and len(line_networks(low)) >= MIN_ROW_NETWORKS:
                rows.add(i)
        run_start = -1
        run_last = -1
        networks: set[str] = set()
        for link in p.links:
            net = link_network(link)
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
    return ARTICLE_WORDS * len(share_rows(page)) / words if words else float("nan")


def share_label_line_count(page: Page) -> float:
    """Short lines that introduce a share row ("Share on : 👇", "Teilen", "Compartir")."""
    match = lexicon.SHARE_LABEL_RE.match
    return float(sum(1 for low in page.lower_lines if len(low) <= lexicon.MAX_CTA_LINE_CHARS and match(low)))


def share_intent_link_count(page: Page) -> float:
    """Links that ask a network to share a page. A share bar has a handful; one per teaser multiplies it."""
    return float(sum(1 for link in page.links if is_share_intent(link)))


def social_link_ratio(page: Page) -> float:
    """Fraction of links that point to social networks (profiles or share intents)."""
    return ratio(sum(1 for link in page.links if link_network(link)), len(page.links))


def social_mentions_per_1k_words(page: Page) -> float:
    """Social-network names in the visible text per thousand words: share rows written as plain text
    and "trending on Twitter" filler both raise it."""
    count = sum(len(lexicon.SOCIAL_NAME_RE.findall(low)) for low in page.lower_lines)
    return per_1k_words(count, page)
