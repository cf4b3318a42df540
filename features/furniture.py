"""Page furniture: the parts of a page around its text that give its purpose away.

Made-for-ads pages carry many ad slots per word of content; parked domains say so ("this domain may be
for sale", "related searches"); doorway pages stuff their title and meta keywords and hide text from the
reader, hacked pages hide links; all of them have titles that say little about their body.
"""

from __future__ import annotations

from collections import Counter

from features import lexicon
from features._common import NAN, content_vocabulary, content_words, per_1k_words, ratio, short_lower_lines
from features.page import Page
from features.text import phrase_hits
from features.urls import registered_domain, web_host

#: Hidden-text ratio is undefined (nan) when the page has fewer characters of text than this.
MIN_TEXT_CHARS = 50
#: Ad-network hosts are looked for in this many leading characters of a script URL.
MAX_SRC_CHARS = 256


def ad_slot_count(page: Page) -> float:
    """Ad slots: AdSense ``<ins class=adsbygoogle>``, GPT ``div-gpt-ad-*``, ``data-ad-slot`` elements,
    Taboola/Outbrain/MGID widgets, ad iframes and inline AdSense pushes."""
    return float(page.ad_slot_count)


def ad_slots_per_1k_words(page: Page) -> float:
    """Ad slots per thousand words: a news page has a few around a long text, a made-for-ads page
    many around a short one."""
    return per_1k_words(page.ad_slot_count, page)


def ad_script_count(page: Page) -> float:
    """External scripts loaded from ad networks and recommendation widgets."""
    search = lexicon.AD_HOST_RE.search
    return float(sum(1 for src in page.script_srcs if search(src[:MAX_SRC_CHARS].lower())))


def sponsored_label_count(page: Page) -> float:
    """Lines that label paid placements ("Sponsored content", "Around the web", "Anzeige")."""
    return float(len(list(filter(None, map(lexicon.SPONSORED_LABEL_RE.match, short_lower_lines(page))))))


def title_word_repeat_max(page: Page) -> float:
    """How often the most repeated content word occurs in the title: keyword-stuffed titles repeat
    their keyword ("Cheap Flights | Cheap Flights London | Cheap Flight Deals"). A single CJK character is
    not a keyword: a Japanese title repeats the same kana in different words."""
    counts = Counter(w for w in content_words(page.title) if len(w) > 1)
    return float(max(counts.values(), default=0))


def meta_keyword_count(page: Page) -> float:
    """Comma-separated entries in ``<meta name=keywords>``; doorway pages list dozens."""
    raw = page.meta.get("keywords", "")
    return float(sum(1 for k in raw.split(",") if k.strip()))


def title_body_overlap_ratio(page: Page) -> float:
    """Fraction of the title's content words that occur in the visible text. A page about what its
    title says scores high; a lander or a doorway often does not (nan without a title)."""
    title = set(content_words(page.title))
    if not title:
        return NAN
    return len(title & content_vocabulary(page)) / len(title)


def headings_per_paragraph(page: Page) -> float:
    """Headings per ``<p>`` element: teaser walls and doorways are heading-heavy."""
    return ratio(len(page.headings), page.paragraph_count + 1)


def hidden_text_ratio(page: Page) -> float:
    """Fraction of the text hidden by inline styles (``display:none``, ``font-size:0``, off-screen
    indents) or the ``hidden`` attribute: text for crawlers, not readers (nan on nearly empty pages)."""
    total = page.char_count
    return min(1.0, page.hidden_chars / total) if total >= MIN_TEXT_CHARS else NAN


def hidden_link_domain_count(page: Page) -> float:
    """Distinct other sites linked from hidden elements (inline ``display:none``, ``visibility:hidden``,
    zero font size, off-screen, the ``hidden`` attribute): links planted for crawlers, not readers, as in
    a hacked page's pharma or casino block. A hidden menu links the site's own pages, which do not count."""
    own = page.domain
    domains = {registered_domain(h) for h in map(web_host, page.hidden_hrefs) if h}
    domains.discard("")
    domains.discard(own)
    return float(len(domains))


def parked_phrase_count(page: Page) -> float:
    """Phrases of parked and for-sale domain landers ("This domain may be for sale", "Related
    searches", "Sponsored listings"), in en/de/es/fr and the other languages parking services show
    (:data:`lexicon.PARKED_PHRASES`)."""
    low = page.title.lower()
    title = lexicon.PHRASES.count(lexicon.WORD_RE.findall(low), text=low).get("parked", 0)
    return float(phrase_hits(page).get("parked", 0) + title)
