"""Legitimate pages that carry what the spam lexicons and structure features look for, labelled ``ham``.

``synth_ham_incidental``: a real page kept whole, plus one to six things legitimate sites print that also
appear on spam, each in its ordinary place and in the ordinary amount:

- a "Related searches" box of links to the site's own search (reference sites, Q&A sites, shops);
- a recommendation widget ("Around the Web", "Promoted Stories", "Anzeige") whose teasers include a
  curiosity-gap headline or two, as the Taboola and Outbrain blocks under many news articles do, with the
  widget's loader script;
- a title that repeats the site's brand or topic ("... | Malawi news, Malawi - NyasaTimes", "... | One
  America News Network - Breaking News | Latest News Headlines");
- a ``<meta name="keywords">`` list of 8 to 25 entries, as news and shop systems still write;
- two to eight ad slots between the article's paragraphs, with their loader;
- a box of two to four paid links under a "Sponsored" label;
- a box of two or three betting or casino partners ("Sportwetten bei Tipico", "Online betting: Betano"),
  as sports and news sites carry their sponsors;
- a "Most read" / "Trending" list of the site's own headlines on other subjects;
- share bars (share-intent links) above the article, below it, both, or under two to six of its paragraphs
  (a bar for each image or section, as some news sites print them);
- a "Follow us" row of the site's social profiles;
- related posts of the site, with a blurb and a "Read more" link each, or not;
- a row of tags.

Each of these on its own says little: a parked lander's "Related searches", a made-for-ads page's
clickbait grid and a doorway's stuffed title come with the rest of their structure. Without such pages the
corpus holds almost no legitimate page with a single hit, and a model takes one hit for proof: before this
family, a "Related Searches" sidebar added to real legitimate pages got 111 of 542 flagged, and a widget with
one clickbait teaser 55 (``python -m model.robustness``). Real commercial pages stack several: with one or
two per page the model flagged 43 of 542 real pages that got a trending list, share bars, a widget, six ad
slots, a sponsored box and a branded title together (the robustness check's news stack), which is why a
page now gets up to six, of what one kind of site prints together (30 flagged with them).
"""

from __future__ import annotations

import html
import random
import re
from collections.abc import Callable
from urllib.parse import quote_plus

from model.synth import _lexicon as lex
from model.synth._families import GPT_LOADER, ad_markup, adsense_loader
from model.synth._markup import Markup
from model.synth._pool import SourcePool
from model.synth._shell import (
    P_CLOSE_RE,
    TITLE_RE,
    add_to_head,
    attr,
    esc,
    insert_after_body_start,
    insert_before_body_end,
)
from model.synth._sources import TextSource, slugify
from model.synth._urls import invent_domain, same_site_url

__all__ = ["INCIDENTALS", "add_incidentals"]

#: What kinds of site carry together, as their templates do: a page draws one kind, then some of its
#: changes (how many: :data:`COUNT_WEIGHTS`).
SITE_KINDS = {
    "news": (
        "recommendation_widget",
        "ad_slots",
        "sponsored_links",
        "most_read",
        "share_bars",
        "meta_keywords",
        "branded_title",
        "follow_row",
        "betting_partners",
    ),
    "blog": ("related_posts", "tags", "share_bars", "follow_row", "ad_slots", "recommendation_widget", "most_read"),
    "reference": ("related_searches", "ad_slots", "meta_keywords", "sponsored_links", "branded_title", "most_read"),
}
#: How often a page gets 1, 2, ... of its kind's changes.
COUNT_WEIGHTS = (0.3, 0.2, 0.18, 0.14, 0.1, 0.08)
#: Headings of a site's list of its own popular stories, in the page's language.
MOST_READ_HEADERS = {
    "en": ("Most read", "Most Popular", "Trending", "Trending Now", "Top Stories", "Popular now", "Latest news"),
    "de": ("Meistgelesen", "Beliebt", "Top-Themen", "Neueste Artikel"),
    "es": ("Lo más leído", "Más populares", "Últimas noticias", "Tendencias"),
    "fr": ("Les plus lus", "Populaires", "À la une", "Dernières actualités"),
}
#: Labels of a site's share bar.
SHARE_BAR_LABELS = {
    "en": ("Share", "Share this article", "Share this:", "Share on:", "SHARE"),
    "de": ("Teilen", "Artikel teilen", "Teilen:"),
    "es": ("Compartir", "Compartir:", "Comparte esta noticia"),
    "fr": ("Partager", "Partager :", "Partagez cet article"),
}
#: Labels of a site's row of its own social profiles.
FOLLOW_LABELS = {
    "en": ("Follow us", "Follow us:", "Connect with us", "Find us on"),
    "de": ("Folgen Sie uns", "Folge uns:"),
    "es": ("Síguenos", "Síguenos en:"),
    "fr": ("Suivez-nous", "Retrouvez-nous sur"),
}
#: Social networks a site has profiles on: (name, profile URL with ``{s}`` = the site's handle).
SOCIAL_PROFILES = (
    ("Facebook", "https://www.facebook.com/{s}"),
    ("Twitter", "https://twitter.com/{s}"),
    ("X", "https://x.com/{s}"),
    ("Instagram", "https://www.instagram.com/{s}/"),
    ("YouTube", "https://www.youtube.com/@{s}"),
    ("LinkedIn", "https://www.linkedin.com/company/{s}"),
    ("Pinterest", "https://www.pinterest.com/{s}/"),
    ("TikTok", "https://www.tiktok.com/@{s}"),
    ("Telegram", "https://t.me/{s}"),
    ("WhatsApp", "https://whatsapp.com/channel/{s}"),
)
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
_META_KEYWORDS_RE = re.compile(r"<meta[^>]+name\s*=\s*[\"']?keywords", re.IGNORECASE)
_WORD_RE = re.compile(r"[^\W\d_]{3,}")


def _content_words(text: str, lang: str) -> list[str]:
    stop = lex.STOPWORDS.get(lang, lex.STOPWORDS["en"])
    return [w for w in _WORD_RE.findall(text) if w.lower() not in stop]


def _related_searches(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
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


def _branded_title(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    m = TITLE_RE.search(page)
    if m is None:
        return page
    title = html.unescape(" ".join(m.group(2).split()))
    brand = src.site.split(".")[0].replace("-", " ").title() if "." in src.site else "News"
    words = [w for w in _content_words(title, lang) if w[0].isupper()] or _content_words(title, lang) or [brand]
    new = rng.choice(BRANDED_TITLES).format(t=title, b=brand, w=rng.choice(words[:4]))
    return page[: m.start()] + m.group(1) + esc(new) + m.group(3) + page[m.end() :]


def _meta_keywords(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
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


def _handle(src: TextSource) -> str:
    """The site's name as a social-network handle (``www.nyasa-times.com`` -> ``nyasatimes``)."""
    return re.sub(r"\W", "", src.site.split(".")[0].lower()) if "." in src.site else "oursite"


def _own_link(rng: random.Random, pool: SourcePool, src: TextSource, title: str) -> str:
    """A link to another page of the page's own site (root-relative when the site is unknown)."""
    if src.url and "." in src.site:
        return same_site_url(pool, rng, src.url, src.site, title)
    return f"/{slugify(title, rng.randint(3, 7))}/"


def _place(rng: random.Random, page: str, fragment: str, top_rate: float) -> str:
    """``fragment`` at the start of the body (``top_rate`` of the time) or before its end."""
    if rng.random() < top_rate:
        return insert_after_body_start(page, fragment)
    return insert_before_body_end(page, fragment)


def _after_paragraphs(rng: random.Random, page: str, ends: list[int], most: int, fragment: Callable[[], str]) -> str:
    """``page`` with a ``fragment()`` after each of 2 to ``most`` (as many as there are) of the paragraph ends
    ``ends``, drawn at random; the fragments are made last paragraph first."""
    for at in sorted(rng.sample(ends, min(len(ends), rng.randint(2, most))), reverse=True):
        page = page[:at] + fragment() + page[at:]
    return page


def _paragraph_ends(page: str) -> list[int]:
    return [m.end() for m in P_CLOSE_RE.finditer(page)]


def _ad_slots(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    ends = _paragraph_ends(page)
    if len(ends) < 2:
        return page
    kinds = rng.sample(("adsense", "gpt", "label"), rng.randint(1, 2))
    label = rng.choice(lex.AD_LABELS.get(lang, lex.AD_LABELS["en"]))

    def slot() -> str:
        kind = rng.choice(kinds)
        return ad_markup(rng, kind) if kind != "label" else f'<div class="ad-container"><span>{esc(label)}</span></div>'

    page = _after_paragraphs(rng, page, ends, 8, slot)
    if "adsense" in kinds:
        page = add_to_head(page, adsense_loader(rng))
    if "gpt" in kinds:
        page = add_to_head(page, GPT_LOADER)
    return page


def _sponsored_links(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    labels = lex.AD_LABELS.get(lang, lex.AD_LABELS["en"]) + lex.SPONSORED_HEADERS.get(lang, ())
    rel = rng.choice(("sponsored", "sponsored nofollow", "nofollow", ""))
    m = Markup(rng, [], base="", domain=src.site)
    items = []
    for _ in range(rng.randint(2, 4)):
        other = pool.draw_text(rng, avoid_sites={src.site}, lang=lang)
        path = rng.choice(("/", "/landing", f"/?utm_source={_handle(src)}&utm_medium=native"))
        href = f"https://www.{invent_domain(pool, rng)}{path}"
        items.append(f"<li>{m.a(href, other.title, rel=rel or None, blank=rng.random() < 0.5)}</li>")
    return _labelled_box(rng, page, ("sponsored", "native-ads", "promo", "partner-links"), labels, items)


#: Anchors of a news or sports site's betting partners, ``{b}`` the partner's brand. Most name the trade in
#: words the sold-link lexicon lists; a legitimate site links two or three such sponsors, visibly, under a
#: label, where a hacked or link-selling page links many.
PARTNER_ANCHORS = {
    "en": ("Sports betting at {b}", "Online betting: {b}", "{b} – online casino", "Bet on football with {b}", "{b}"),
    "de": ("Sportwetten bei {b}", "{b} Online Casino", "Wettanbieter {b}", "Quoten bei {b}", "{b}"),
    "es": ("Apuestas deportivas en {b}", "{b} casino online", "Apuesta con {b}", "{b}"),
    "fr": ("Paris sportifs avec {b}", "{b} casino en ligne", "Pariez avec {b}", "{b}"),
}
PARTNER_LABELS = {
    "en": ("Our partners", "Partners", "Sponsored", "Official betting partner"),
    "de": ("Unsere Partner", "Partner", "Anzeige", "Offizieller Wettpartner"),
    "es": ("Nuestros socios", "Patrocinadores", "Publicidad"),
    "fr": ("Nos partenaires", "Partenaires", "Publicité"),
}


def _betting_partners(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    anchors, labels = PARTNER_ANCHORS.get(lang, PARTNER_ANCHORS["en"]), PARTNER_LABELS.get(lang, PARTNER_LABELS["en"])
    rel = rng.choice(("sponsored", "sponsored nofollow", "nofollow", ""))
    m = Markup(rng, [], base="", domain=src.site)
    items = []
    for _ in range(rng.randint(2, 3)):
        domain = invent_domain(pool, rng)
        brand = domain.split(".")[0].replace("-", " ").title()
        path = rng.choice(("/", f"/?affid={rng.randint(100, 99999)}", f"/promo/{_handle(src)}"))
        items.append(
            f"<li>{m.a(f'https://www.{domain}{path}', rng.choice(anchors).format(b=brand), rel=rel or None)}</li>"
        )
    return _labelled_box(rng, page, ("partners", "sponsors", "betting-partner", "partner-box"), labels, items)


def _labelled_box(
    rng: random.Random, page: str, classes: tuple[str, ...], labels: tuple[str, ...], items: list[str]
) -> str:
    """``page`` with a box of link ``items`` under one of ``labels``, at the start of the body or its end."""
    box, label = rng.choice(classes), rng.choice(labels)
    return _place(rng, page, f'<div class="{box}"><span>{esc(label)}</span><ul>{"".join(items)}</ul></div>', 0.2)


def _most_read(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    items = []
    for _ in range(rng.randint(4, 10)):
        other = pool.draw_text(rng, avoid_sites={src.site}, lang=lang)
        items.append(f'<li><a href="{attr(_own_link(rng, pool, src, other.title))}">{esc(other.title)}</a></li>')
    header = rng.choice(MOST_READ_HEADERS.get(lang, MOST_READ_HEADERS["en"]))
    tag = rng.choice(("h3", "h4", "div"))
    box = rng.choice(("most-read", "trending", "popular", "widget"))
    return _place(rng, page, f'<aside class="{box}"><{tag}>{esc(header)}</{tag}><ol>{"".join(items)}</ol></aside>', 0.3)


def _share_bars(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    m = Markup(rng, [], base="", domain=src.site)
    url = src.url or ""  # without an address, the share script fills it in
    networks = rng.sample(range(len(lex.SHARE_NETWORKS)), rng.randint(3, 8))
    label = rng.choice(SHARE_BAR_LABELS.get(lang, SHARE_BAR_LABELS["en"]))
    bar = m.share_row(url, lang, style=rng.choice(("links", "icons")), networks=networks, label=label)
    where = rng.choice(("top", "bottom", "both", "within"))
    if where == "within":  # a bar under each of several of the article's images or sections
        return _after_paragraphs(rng, page, _paragraph_ends(page), 6, lambda: bar)
    if where != "bottom":
        page = insert_after_body_start(page, bar)
    if where != "top":
        page = insert_before_body_end(page, bar)
    return page


def _follow_row(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    handle = _handle(src)
    chosen = rng.sample(SOCIAL_PROFILES, rng.randint(3, 8))
    links = " ".join(f'<a href="{attr(u.format(s=handle))}" target="_blank">{esc(n)}</a>' for n, u in chosen)
    label = rng.choice(FOLLOW_LABELS.get(lang, FOLLOW_LABELS["en"]))
    return _place(
        rng, page, f'<div class="{rng.choice(("social", "follow", "footer-social"))}">{esc(label)} {links}</div>', 0.3
    )


def _related_posts(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    blurb, more = rng.random() < 0.5, rng.random() < 0.4
    more_text = rng.choice(lex.READ_MORE.get(lang, lex.READ_MORE["en"]))
    items = []
    for _ in range(rng.randint(3, 6)):
        other = pool.draw_text(rng, avoid_sites={src.site}, lang=lang)
        href = attr(_own_link(rng, pool, src, other.title))
        parts = [f'<h4><a href="{href}">{esc(other.title)}</a></h4>']
        if blurb:
            parts.append(f"<p>{esc(other.blurb[:160])}</p>")
        if more:
            parts.append(f'<a href="{href}" class="more-link">{esc(more_text)}</a>')
        items.append(f'<div class="related-post">{"".join(parts)}</div>')
    header = rng.choice(lex.RELATED.get(lang, lex.RELATED["en"]))
    return insert_before_body_end(page, f'<section class="related"><h3>{esc(header)}</h3>{"".join(items)}</section>')


def _tags(rng: random.Random, pool: SourcePool, page: str, src: TextSource, lang: str) -> str:
    words = list(dict.fromkeys(w.lower() for w in _content_words(f"{src.title} {' '.join(src.headings)}", lang)))
    if len(words) < 2:
        return page
    tags = rng.sample(words, min(len(words), rng.randint(2, 12)))
    links = rng.choice((", ", " ")).join(f'<a href="/tag/{attr(slugify(t, 3))}/" rel="tag">{esc(t)}</a>' for t in tags)
    label = rng.choice(lex.TAGS.get(lang, lex.TAGS["en"]))
    return insert_before_body_end(
        page, f'<div class="{rng.choice(("tags", "post-tags", "entry-tags"))}">{esc(label)} {links}</div>'
    )


_Change = Callable[[random.Random, SourcePool, str, TextSource, str], str]
_CHANGES: dict[str, _Change] = {
    "related_searches": _related_searches,
    "recommendation_widget": _recommendation_widget,
    "branded_title": _branded_title,
    "meta_keywords": _meta_keywords,
    "ad_slots": _ad_slots,
    "sponsored_links": _sponsored_links,
    "betting_partners": _betting_partners,
    "most_read": _most_read,
    "share_bars": _share_bars,
    "follow_row": _follow_row,
    "related_posts": _related_posts,
    "tags": _tags,
}
#: The changes, by name.
INCIDENTALS = tuple(_CHANGES)


def add_incidentals(rng: random.Random, pool: SourcePool, index: int) -> tuple[str, list[str]]:
    """Record ``index`` of ``pool`` with some of :data:`INCIDENTALS` added, those of one of
    :data:`SITE_KINDS`, and the names of those that changed it (empty when none could: no title, no body
    text)."""
    page = pool.records[index].html
    src = pool.text(index)
    lang = src.lang if src.lang in lex.LANGS else "en"
    kind = SITE_KINDS[rng.choice(sorted(SITE_KINDS))]
    k = rng.choices(range(1, len(COUNT_WEIGHTS) + 1), weights=COUNT_WEIGHTS)[0]
    applied: list[str] = []
    for name in rng.sample(kind, min(k, len(kind))):
        new = _CHANGES[name](rng, pool, page, src, lang)
        if new != page:
            applied.append(name)
            page = new
    return page, applied
