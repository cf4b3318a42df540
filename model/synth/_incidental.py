"""Legitimate pages that carry, once, what the spam lexicons look for, labelled ``ham``.

``synth_ham_incidental``: a real page kept whole, plus one or two things legitimate sites print that
also appear on spam, each once and in its ordinary place:

- a "Related searches" box of links to the site's own search (reference sites, Q&A sites, shops);
- a recommendation widget ("Around the Web", "Promoted Stories", "Anzeige") whose teasers include a
  curiosity-gap headline or two, as the Taboola and Outbrain blocks under many news articles do, with the
  widget's loader script;
- a title that repeats the site's brand or topic ("... | Malawi news, Malawi - NyasaTimes", "... | One
  America News Network - Breaking News | Latest News Headlines");
- a ``<meta name="keywords">`` list of 8 to 25 entries, as news and shop systems still write.

Each of these on its own says little: a parked lander's "Related searches", a made-for-ads page's
clickbait grid and a doorway's stuffed title come with the rest of their structure. Without such pages the
corpus holds almost no legitimate page with a single hit, and a model takes one hit for proof: before this
family, a "Related Searches" sidebar added to real legitimate pages got 111 of 542 flagged, and a widget with
one clickbait teaser 55 (``python -m model.robustness``).
"""

from __future__ import annotations

import html
import random
import re
from urllib.parse import quote_plus

from model.synth import _lexicon as lex
from model.synth._pool import SourcePool
from model.synth._shell import add_to_head, attr, esc, insert_before_body_end
from model.synth._sources import TextSource

__all__ = ["INCIDENTALS", "add_incidentals"]

#: The changes; a page gets one of them, or two (:data:`TWO_RATE` of pages).
INCIDENTALS = ("related_searches", "recommendation_widget", "branded_title", "meta_keywords")
TWO_RATE = 0.25
#: Headings of a site's own related-search box, in the page's language.
RELATED_SEARCH_HEADERS = {
    "en": ("Related searches", "Related Searches", "People also search for", "Related topics"),
    "de": ("Ähnliche Suchanfragen", "Verwandte Suchbegriffe", "Das könnte Sie auch interessieren"),
    "es": ("Búsquedas relacionadas", "Temas relacionados"),
    "fr": ("Recherches associées", "Sujets associés"),
}
#: Site search paths the related-search links go to (``{q}``: the query).
SEARCH_PATHS = ("/search?q={q}", "/search/?query={q}", "/?s={q}", "/suche?q={q}", "/s/{q}", "/topics/{q}")
#: Content-recommendation loaders: the script a legitimate publisher embeds for its widget.
WIDGET_SCRIPTS = (
    "https://cdn.taboola.com/libtrc/{brand}/loader.js",
    "https://widgets.outbrain.com/outbrain.js",
    "https://jsc.mgid.com/{brand}.js",
)
#: Title suffixes that repeat a brand (``{b}``) or a topic word (``{w}``) of the page.
BRANDED_TITLES = (
    "{t} | {b} News - Breaking News, Latest News",
    "{t} - {b} | {b} News, {b} Today",
    "{t} | {w} news, {w} - {b}",
    "{t} | {b} - Latest {w} News and {w} Updates",
    "{t} - {w} | {b} {w}",
    "{t} | {b} | {b}.com",
)
_TITLE_RE = re.compile(r"(<title[^>]*>)(.*?)(</title\s*>)", re.IGNORECASE | re.DOTALL)
_META_KEYWORDS_RE = re.compile(r"<meta[^>]+name\s*=\s*[\"']?keywords", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def _content_words(text: str, lang: str) -> list[str]:
    stop = lex.STOPWORDS.get(lang, lex.STOPWORDS["en"])
    return [w for w in _WORD_RE.findall(text) if w.lower() not in stop]


def _related_searches(rng: random.Random, page: str, src: TextSource, lang: str) -> str:
    words = _content_words(f"{src.title} {' '.join(src.headings)}", lang) or _content_words(src.blurb, lang)
    if not words:
        return page
    queries: list[str] = []
    for _ in range(rng.randint(3, 8)):
        k = rng.randint(1, min(3, len(words)))
        start = rng.randrange(len(words) - k + 1)
        q = " ".join(words[start : start + k]).lower()
        if q not in queries:
            queries.append(q)
    path = rng.choice(SEARCH_PATHS)
    items = "".join(f'<li><a href="{attr(path.format(q=quote_plus(q)))}">{esc(q)}</a></li>' for q in queries)
    header = rng.choice(RELATED_SEARCH_HEADERS.get(lang, RELATED_SEARCH_HEADERS["en"]))
    tag = rng.choice(("h3", "h4", "strong", "div"))
    box = rng.choice(("aside", "div", "section"))
    return insert_before_body_end(
        page,
        f'<{box} class="{rng.choice(("related-searches", "rs", "sidebar-box", "topics"))}">'
        f"<{tag}>{esc(header)}</{tag}><ul>{items}</ul></{box}>",
    )


def _recommendation_widget(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    teasers: list[str] = []
    n = rng.randint(3, 8)
    baits = rng.choice((1, 1, 1, 2))
    bait_at = set(rng.sample(range(n), baits))
    for i in range(n):
        other = pool.draw_text(rng, avoid_sites={src.site}, lang=lang)
        headline = other.title
        if i in bait_at:
            things = [w for w in _WORD_RE.findall(other.title) if len(w) > 4] or [other.title.split(" ")[0]]
            headline = rng.choice(lex.WIDGET_BAIT.get(lang, lex.WIDGET_BAIT["en"])).format(thing=rng.choice(things))
        href = other.url or f"/{quote_plus(headline.lower())[:60]}"
        if rng.random() < 0.5:
            href += ("&" if "?" in href else "?") + rng.choice(
                ("utm_source=taboola&utm_medium=referral", "utm_source=outbrain", "obOrigUrl=true")
            )
        teasers.append(
            f'<div class="{rng.choice(("trc_item", "ob-dynamic-rec", "rec-item", "card"))}">'
            f'<a href="{attr(href)}">{esc(headline)}</a></div>'
        )
    header = rng.choice(lex.SPONSORED_HEADERS.get(lang, lex.SPONSORED_HEADERS["en"]))
    brand = re.sub(r"\W", "", src.site.split(".")[0].lower()) or "site"
    script = rng.choice(WIDGET_SCRIPTS).format(brand=brand)
    return insert_before_body_end(
        page,
        f'<div class="{rng.choice(("taboola-below-article", "OUTBRAIN", "recommended", "mgid-widget"))}">'
        f"<h4>{esc(header)}</h4>{''.join(teasers)}</div>"
        f'<script async src="{attr(script)}"></script>',
    )


def _branded_title(rng: random.Random, page: str, src: TextSource, lang: str) -> str:
    m = _TITLE_RE.search(page)
    if m is None:
        return page
    title = html.unescape(" ".join(m.group(2).split()))
    brand = src.site.split(".")[0].replace("-", " ").title() if "." in src.site else "News"
    words = [w for w in _content_words(title, lang) if w[0].isupper()] or _content_words(title, lang) or [brand]
    new = rng.choice(BRANDED_TITLES).format(t=title, b=brand, w=rng.choice(words[:4]))
    return page[: m.start()] + m.group(1) + esc(new) + m.group(3) + page[m.end() :]


def _meta_keywords(rng: random.Random, page: str, src: TextSource, lang: str) -> str:
    if _META_KEYWORDS_RE.search(page):
        return page
    words = list(dict.fromkeys(w.lower() for w in _content_words(f"{src.title} {src.blurb}", lang)))
    if len(words) < 4:
        return page
    entries: list[str] = []
    for _ in range(rng.randint(8, 25)):
        k = rng.choice((1, 1, 2, 2, 3))
        start = rng.randrange(max(1, len(words) - k + 1))
        entry = " ".join(words[start : start + k])
        if entry not in entries:
            entries.append(entry)
    return add_to_head(page, f'<meta name="keywords" content="{attr(rng.choice((", ", ",")).join(entries))}">\n')


def add_incidentals(rng: random.Random, pool: SourcePool, index: int) -> tuple[str, list[str]]:
    """Record ``index`` of ``pool`` with some of :data:`INCIDENTALS` added, and the names of those that
    changed it (empty when none could: no title, no body text)."""
    page = pool.records[index].html
    src = pool.text(index)
    lang = src.lang if src.lang in lex.LANGS else "en"
    chosen = rng.sample(INCIDENTALS, 2 if rng.random() < TWO_RATE else 1)
    applied: list[str] = []
    for name in chosen:
        if name == "related_searches":
            new = _related_searches(rng, page, src, lang)
        elif name == "recommendation_widget":
            new = _recommendation_widget(rng, pool, page, src, lang)
        elif name == "branded_title":
            new = _branded_title(rng, page, src, lang)
        else:
            new = _meta_keywords(rng, page, src, lang)
        if new != page:
            applied.append(name)
            page = new
    return page, applied
