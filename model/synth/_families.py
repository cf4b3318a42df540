"""The page builders: one function per family, each returning the content of one page.

A builder gets a :class:`Ctx` (the page's RNG, language, main text source, invented domain and URL, markup
choices) and returns a :class:`Content`: the HTML fragment for the shell's content slot plus the title,
description and head additions. Everything textual comes from the ham records through the pool; only the
framing wording comes from :mod:`model.synth._lexicon`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from model.synth import _lexicon as lex
from model.synth._markup import Markup
from model.synth._pool import SourcePool
from model.synth._shell import attr, esc
from model.synth._sources import TextSource, cut, sentences, slugify
from model.synth._urls import home_url, invent_domain, page_url, same_site_url, section_path

_CAP_WORD = re.compile(r"\b[A-ZÄÖÜÉÁÍÓÚ][\w'’-]{2,}")
_NAME = re.compile(r"\b([A-Z][a-z]{2,}) ([A-Z][a-z]{2,})\b")
_WORDS = re.compile(r"[^\W\d_]{3,}", re.U)


@dataclass
class Content:
    fragment: str
    title: str | None
    description: str | None
    mode: str = "replace"  # "replace": the fragment replaces the main content; "inject": added to it
    head_extra: str = ""
    meta_keywords: str | None = None


@dataclass
class Ctx:
    rng: random.Random
    pool: SourcePool
    src: TextSource  # main text source (the copied article, thread, keyword source, ...)
    shell_src: TextSource | None  # text of the shell page (injected_teasers keeps it)
    lang: str  # framing language, one of lex.LANGS
    domain: str
    url: str | None
    site_name: str
    m: Markup
    #: Share of link-farm anchors that are spam-vertical keywords (:meth:`link_keyword`); set per page.
    money: float = 0.0

    def pick(self, options):
        return self.rng.choice(options)

    def words(self, table: dict):
        return self.rng.choice(table.get(self.lang, table["en"]))

    def others(self, k: int, *, same_lang: bool = True, min_paragraphs: int = 1) -> list[TextSource]:
        """``k`` text sources from other records and other sites than the page's own sources."""
        avoid_sites = {self.src.site} | ({self.shell_src.site} if self.shell_src else set())
        avoid = {self.src.index}
        out = []
        for _ in range(k):
            s = self.pool.draw_text(
                self.rng,
                avoid_sites=avoid_sites,
                avoid=avoid,
                lang=self.src.lang if same_lang else None,
                min_paragraphs=min_paragraphs,
            )
            avoid.add(s.index)
            avoid_sites.add(s.site)
            out.append(s)
        return out

    def count(self, low: int, high: int, mode: float | None = None) -> int:
        """A count in [low, high], triangular around ``mode`` (so mild instances are common too)."""
        return round(self.rng.triangular(low, high, low if mode is None else mode))

    def ext_domain(self) -> str:
        return invent_domain(self.pool, self.rng)

    def ext_url(self, title: str) -> str:
        if self.rng.random() < 0.35:
            return home_url(self.rng, self.ext_domain())
        return page_url(self.pool, self.rng, self.ext_domain(), title)

    def local(self, title: str) -> str:
        return same_site_url(self.pool, self.rng, self.url, self.domain, title)

    def keyword(self, src: TextSource | None = None) -> str:
        rng = self.rng
        text = (src or self.src).title
        words = [w for w in _WORDS.findall(text) if w.lower() not in lex.STOPWORDS.get(self.lang, ())]
        if not words:
            words = _WORDS.findall(text) or [self.site_name]
        k = rng.randint(1, min(3, len(words)))
        start = rng.randrange(len(words) - k + 1)
        kw = " ".join(words[start : start + k])
        if rng.random() < 0.5:
            kw = kw.lower()
        if rng.random() < 0.4:
            mod = rng.choice(lex.KEYWORD_MODIFIERS[self.lang])
            kw = f"{mod} {kw}" if rng.random() < 0.5 else f"{kw} {mod}"
        return kw

    def money_keyword(self) -> str:
        """An anchor of a paid or hacked-in link (casino, pharma, loans, ...): in the page's language, in
        English, or Indonesian gambling words."""
        rng = self.rng
        r = rng.random()
        table = "id" if r < 0.25 else (self.lang if r < 0.7 and self.lang in lex.MONEY_KEYWORDS else "en")
        kw = rng.choice(lex.MONEY_KEYWORDS[table])
        if rng.random() < 0.3:
            kw = kw.title()
        return kw

    def link_keyword(self, src: TextSource | None = None) -> str:
        """A sold link's anchor: a spam-vertical keyword at the page's :attr:`money` rate, else a keyword
        from a title."""
        return self.money_keyword() if self.money and self.rng.random() < self.money else self.keyword(src)

    def draw_money(self, rate: float) -> None:
        """With probability ``rate``, make this page sell links to the spam verticals (most or some of its
        anchors, see :meth:`link_keyword`)."""
        self.money = self.rng.uniform(0.3, 1.0) if self.rng.random() < rate else 0.0

    def heading(self, level: int, text: str, role: str = "h", link: str | None = None) -> str:
        inner = self.m.a(link, text) if link else esc(text)
        return f"<h{level}{self.m.cls(role)}>{inner}</h{level}>"

    def paras(self, texts: list[str], role: str = "p") -> str:
        cls = self.m.cls(role) if self.rng.random() < 0.3 else ""
        return "\n".join(f"<p{cls}>{esc(t)}</p>" for t in texts)


def _article_paragraphs(ctx: Ctx, src: TextSource, *, min_k: int = 3) -> list[str]:
    paras = list(src.paragraphs)
    k = min(len(paras), ctx.rng.randint(min_k, max(min_k, len(paras))))
    return paras[:k]


# ---------------------------------------------------------------------------------------------- spam

#: Share of teaser blocks whose calls to action use wordings the feature lexicon does not list
#: (``_lexicon.CTAS_UNLISTED``).
UNLISTED_CTA_RATE = 0.25


def _cta(ctx: Ctx, href: str, cta: str) -> str:
    rng, m = ctx.rng, ctx.m
    if " : " in cta and rng.random() < 0.8:
        head, tail = cta.split(" : ", 1)
        tail = tail or rng.choice(("Click here", "Cick here"))
        return f"<p{m.cls('cta')}>{esc(head)} : {m.a(href, tail, blank=rng.random() < 0.4)}</p>"
    if rng.random() < 0.15:
        return f"<p{m.cls('cta')}>{esc(cta)}</p>"
    link = m.a(href, cta, blank=rng.random() < 0.4)
    return f"<p{m.cls('cta')}>{link}</p>" if rng.random() < 0.6 else f"<div{m.cls('cta')}>{link}</div>"


def _teaser_target(ctx: Ctx, t: TextSource, strategy: str) -> str:
    if strategy == "origin" and t.url:
        return t.url
    if strategy in ("origin", "external"):
        return ctx.ext_url(t.title)
    if strategy == "trending":
        return f"{ctx.m.base}/trending/{ctx.rng.randint(0, 999)}"
    return ctx.local(t.title)


def teaser_block(ctx: Ctx, teasers: list[TextSource], *, share_each: bool, header: str | None) -> str:
    """The seed's trending block: off-topic teasers, each with a CTA line and (usually) a share row."""
    rng, m = ctx.rng, ctx.m
    layout = rng.choice(("article", "div", "li", "table", "flat", "section"))
    h_tag = rng.choice(("h2", "h3", "h3", "h4", "strong", "b"))
    strategy = rng.choice(("origin", "external", "trending", "local"))
    share_style = rng.choice(("text", "text", "links", "icons"))
    networks = (
        list(range(7))
        if rng.random() < 0.5
        else sorted({rng.choice((0, 1)), *rng.sample(range(len(lex.SHARE_NETWORKS)), rng.randint(2, 7))})
    )
    share_label = ctx.words(lex.SHARE_LABELS)
    ctas = lex.CTAS_UNLISTED if rng.random() < UNLISTED_CTA_RATE else lex.CTAS
    cta_words = ctx.words(ctas)
    use_img = rng.random() < 0.55
    repeat_title = rng.random() < 0.35
    items = []
    for t in teasers:
        href = _teaser_target(ctx, t, strategy)
        if rng.random() < 0.1:
            cta_words = ctx.words(ctas)
        head_link = m.a(href, t.title) if rng.random() < 0.6 else esc(t.title)
        head = f"<{h_tag}{m.cls('teaser-title')}>{head_link}</{h_tag}>"
        body = [head]
        if repeat_title:
            body.append(f"<p>{esc(t.title)}</p>")
        if use_img:
            body.append(m.img(t.title))
        body.append(f"<p{m.cls('teaser-text')}>{esc(t.blurb)}</p>")
        body.append(_cta(ctx, href, cta_words))
        if share_each:
            body.append(m.share_row(href, ctx.lang, style=share_style, networks=networks, label=share_label))
        if layout == "flat":
            items.append("\n".join(body))
        elif layout == "table":
            items.append(f"<tr><td>{''.join(body)}</td></tr>")
        else:
            items.append(f"<{layout}{m.cls('teaser')}>{''.join(body)}</{layout}>")
    out = []
    if header:
        out.append(ctx.heading(rng.choice((2, 2, 3)), header, "block-title"))
    if layout == "li":
        out.append(f"<ul{m.cls('teaser-list')}>" + "\n".join(items) + "</ul>")
    elif layout == "table":
        out.append(f"<table{m.cls('teaser-list')}>" + "\n".join(items) + "</table>")
    else:
        out.append("\n".join(items))
    if not share_each:
        out.append(m.share_row(ctx.url or m.base, ctx.lang, style=share_style, networks=networks, label=share_label))
    wrap = rng.choice(("div", "section", "aside", ""))
    inner = "\n".join(out)
    return f"<{wrap}{m.cls('trending')}>\n{inner}\n</{wrap}>" if wrap else inner


def hashtag_filler(ctx: Ctx, teasers: list[TextSource]) -> str:
    rng, m = ctx.rng, ctx.m
    region = ctx.words(lex.REGIONS)
    social = rng.choice(lex.SOCIAL_SITES)
    out = [ctx.heading(rng.choice((2, 3)), ctx.words(lex.HASHTAG_HEADERS).format(region=region), "tags-title")]
    tags = []
    for t in teasers:
        for w in _CAP_WORD.findall(t.title)[: rng.randint(1, 3)]:
            tags.append(re.sub(r"[\W_]", "", w))
    tags = [t for t in dict.fromkeys(tags) if t][: rng.randint(5, 40)]
    style = rng.choice(("text", "twitter", "site"))
    if tags and rng.random() < 0.8:
        links = [m.hashtag_link(t, style) for t in tags]
        if rng.random() < 0.5:
            out.append(f"<p{m.cls('tags')}>" + " ".join(links) + "</p>")
        else:
            out.append(f"<ul{m.cls('tags')}>" + "".join(f"<li>{x}</li>" for x in links) + "</ul>")
    filler = list(lex.HASHTAG_FILLER.get(ctx.lang, lex.HASHTAG_FILLER["en"]))
    rng.shuffle(filler)
    for text in filler[: rng.randint(1, len(filler))]:
        text = text.format(site=social, region=region)
        first, *rest = sentences(text)
        if first.endswith("?") and rest and rng.random() < 0.7:  # "What are X Trends?" as a subheading
            out.append(ctx.heading(3, first, "sub"))
            text = " ".join(rest)
        out.append(f"<p>{esc(text)}</p>")
    return "\n".join(out)


def aggregator(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    out = []
    if rng.random() < 0.5:
        out.append(ctx.heading(1, src.title, "entry-title"))
    if rng.random() < 0.5:
        out.append(f"<p{m.cls('lead')}>{esc(src.blurb)}</p>")
    if rng.random() < 0.3:
        out.append(f"<p>{esc(src.title)}</p>")
    if rng.random() < 0.4:
        out.append(f"<p>{m.a(src.url or ctx.ext_url(src.title), ctx.words(lex.CTAS))}</p>")
    if rng.random() < 0.4:
        out.append(m.img(src.title))
    out.append(ctx.paras(_article_paragraphs(ctx, src, min_k=2)))
    if rng.random() < 0.4:
        out.append(f"<p>{esc(ctx.site_name)}</p>")
    teasers = ctx.others(ctx.count(2, 16, 9))
    out.append(
        teaser_block(
            ctx,
            teasers,
            share_each=rng.random() < 0.85,
            header=ctx.words(lex.TRENDING_HEADERS) if rng.random() < 0.9 else None,
        )
    )
    if rng.random() < 0.7:
        out.append(hashtag_filler(ctx, teasers))
    head = (
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>'
        if rng.random() < 0.3
        else ""
    )
    return Content("\n".join(out), src.title, src.blurb, head_extra=head)


def injected_teasers(ctx: Ctx) -> Content:
    rng = ctx.rng
    teasers = ctx.others(ctx.count(2, 10, 4))
    block = teaser_block(
        ctx,
        teasers,
        share_each=rng.random() < 0.75,
        header=ctx.words(lex.TRENDING_HEADERS) if rng.random() < 0.85 else None,
    )
    if rng.random() < 0.25:
        block += "\n" + hashtag_filler(ctx, teasers)
    return Content(block, None, None, mode="inject")


#: Share of link farms and directories that sell links to the spam verticals (casino, pharma, loans, ...)
#: rather than to arbitrary keywords.
MONEY_LINK_RATE = 0.4

_REDIRECTS = (
    "/go?url={u}",
    "/redir?url={u}",
    "/click?id={n}",
    "/out/{n}",
    "/goto/{s}",
    "/link.php?url={u}",
    "/away?to={u}",
    "/recommends/{s}/",
)


def _farm_href(ctx: Ctx, style: str, title: str) -> str:
    target = ctx.ext_url(title)
    if style == "direct":
        return target
    tmpl = ctx.pick(_REDIRECTS) if style == "mixed" else style
    return tmpl.format(u=quote(target, safe=""), n=ctx.rng.randint(1, 99999), s=slugify(title, 3))


def _rel(ctx: Ctx, rel_style: str | None) -> str | None:
    return rel_style if rel_style is None or ctx.rng.random() < 0.9 else None


def link_directory(ctx: Ctx) -> Content:
    rng, m = ctx.rng, ctx.m
    words = lex.DIRECTORY.get(ctx.lang, lex.DIRECTORY["en"])
    title = (
        f"{ctx.site_name} - {rng.choice(words['title'])}"
        if rng.random() < 0.5
        else f"{ctx.keyword().title()} {rng.choice(words['title'])}"
    )
    with_desc = rng.random() < 0.35
    layout = rng.choice(("div", "table", "dl", "ul"))
    ctx.draw_money(MONEY_LINK_RATE)
    # Most link farms want the link equity: rel=nofollow/sponsored is the exception, as on real ones.
    rel_style = rng.choice((None, None, None, None, None, None, "nofollow", "sponsored", "nofollow noopener"))
    out = [ctx.heading(1, title, "page-title")]
    if rng.random() < 0.4:
        out.append(f"<p>{esc(cut(ctx.src.blurb, 160))}</p>")
    out.append(f"<p>{m.a('/submit.php' if rng.random() < 0.5 else '/add-url/', rng.choice(words['submit']))}</p>")
    out.append(ctx.heading(2, rng.choice(words["cats"]), "cats-title"))
    n_cats = ctx.count(3, 20, 8)
    sources = ctx.others(min(n_cats, 12), same_lang=rng.random() < 0.7)
    cats = []
    for c in range(n_cats):
        s = sources[c % len(sources)]
        name = (
            ctx.keyword(s).title() if rng.random() < 0.6 else (s.headings[0] if s.headings else ctx.keyword(s).title())
        )
        links = []
        for _ in range(ctx.count(2, 15, 5)):
            kw = ctx.link_keyword(s if rng.random() < 0.6 else ctx.pick(sources))
            link = m.a(_farm_href(ctx, "direct", kw), kw, rel=_rel(ctx, rel_style), blank=rng.random() < 0.3)
            if with_desc:
                link += f" - {esc(cut(ctx.pick(s.paragraphs), rng.randint(50, 140)))}"
            links.append(link)
        cat_link = m.a(f"/category/{slugify(name, 3)}/", name)
        if layout == "table":
            cats.append(f"<td><h3>{cat_link}</h3>" + "<br>".join(links) + "</td>")
        elif layout == "dl":
            cats.append(f"<dt>{cat_link} ({rng.randint(3, 900)})</dt>" + "".join(f"<dd>{x}</dd>" for x in links))
        elif layout == "ul":
            cats.append(f"<li><strong>{cat_link}</strong><ul>" + "".join(f"<li>{x}</li>" for x in links) + "</ul></li>")
        else:
            cats.append(
                f"<div{m.cls('cat')}><h3>{cat_link}</h3><p>"
                + (" " if not with_desc else "<br>").join(links)
                + "</p></div>"
            )
    if layout == "table":
        per_row = rng.randint(2, 4)
        rows = ["<tr>" + "".join(cats[i : i + per_row]) + "</tr>" for i in range(0, len(cats), per_row)]
        out.append(f"<table{m.cls('directory')}>" + "\n".join(rows) + "</table>")
    elif layout == "dl":
        out.append(f"<dl{m.cls('directory')}>" + "\n".join(cats) + "</dl>")
    elif layout == "ul":
        out.append(f"<ul{m.cls('directory')}>" + "\n".join(cats) + "</ul>")
    else:
        out.append(f"<div{m.cls('directory')}>" + "\n".join(cats) + "</div>")
    if rng.random() < 0.5:
        out.append(ctx.heading(2, rng.choice(words["new"]), "new-title"))
        items = []
        for s in ctx.others(ctx.count(3, 12, 5), same_lang=False):
            items.append(
                f"<li>{m.a(ctx.ext_url(s.title), cut(s.title, 60), rel=_rel(ctx, rel_style))} "
                f"{esc(cut(s.blurb, 120))}</li>"
            )
        out.append(f"<ul{m.cls('latest')}>" + "".join(items) + "</ul>")
    return Content("\n".join(out), title, cut(ctx.src.blurb, 150))


def _stuff_paragraph(ctx: Ctx, text: str, n_links: int, href_style: str, rel: str | None) -> str:
    words = text.split(" ")
    if len(words) < 4:
        return esc(text)
    spots = sorted(ctx.rng.sample(range(len(words) - 2), min(n_links, max(1, (len(words) - 2) // 3))))
    out, i = [], 0
    for spot in spots:
        if spot < i:
            continue
        out.append(esc(" ".join(words[i:spot])))
        span = ctx.rng.randint(1, 3)
        anchor = " ".join(words[spot : spot + span]).strip(",.;:")
        if ctx.money and ctx.rng.random() < ctx.money:
            anchor = ctx.money_keyword()
        elif ctx.rng.random() < 0.4:
            anchor = ctx.keyword()
        out.append(ctx.m.a(_farm_href(ctx, href_style, anchor), anchor, rel=_rel(ctx, rel)))
        i = spot + span
    out.append(esc(" ".join(words[i:])))
    return " ".join(x for x in out if x)


def link_farm(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    variant = rng.choice(("stuffed", "list", "partners", "stuffed+list", "hidden"))
    href_style = rng.choice(("direct", "direct", "mixed", *_REDIRECTS))
    rel = rng.choice((None, None, None, None, None, "nofollow", "sponsored", "nofollow noopener", "nofollow sponsored"))
    ctx.draw_money(MONEY_LINK_RATE)
    out = [ctx.heading(1, src.title, "entry-title")]
    title = src.title
    if "stuffed" in variant:
        for text in _article_paragraphs(ctx, src, min_k=3):
            out.append(f"<p>{_stuff_paragraph(ctx, text, ctx.count(1, 8, 3), href_style, rel)}</p>")
    elif variant in ("partners", "hidden"):
        out.append(ctx.paras(_article_paragraphs(ctx, src, min_k=2)))
    if variant == "hidden":
        # Links planted in a real page for crawlers only, as on a hacked site: hidden by an inline style, the
        # hidden attribute, or (undetectable from the markup alone) a class.
        n = ctx.count(5, 60, 15)
        sources = ctx.others(min(10, max(2, n // 8)), same_lang=rng.random() < 0.6)
        links = [
            m.a(_farm_href(ctx, href_style, kw), kw, rel=_rel(ctx, rel))
            for kw in (ctx.link_keyword(ctx.pick(sources)) for _ in range(n))
        ]
        opener = _hiding_opener(ctx, rng.random(), styled_below=0.6, styles=_HIDDEN)
        sep = rng.choice((" ", ", ", "<br>\n", " | "))
        out.insert(rng.randint(1, len(out)), opener + sep.join(links) + "</div>")
        return Content("\n".join(out), title, src.blurb)
    if "list" in variant or variant == "partners":
        n = ctx.count(8, 220, 40) if variant != "partners" else ctx.count(6, 40, 12)
        sources = ctx.others(min(10, max(2, n // 8)), same_lang=rng.random() < 0.6)
        links = []
        for _ in range(n):
            kw = ctx.link_keyword(ctx.pick(sources))
            links.append(m.a(_farm_href(ctx, href_style, kw), kw, rel=_rel(ctx, rel), blank=rng.random() < 0.3))
        header = ctx.words(lex.LINK_BLOCK_HEADERS)
        if variant == "list" and rng.random() < 0.5:
            title = f"{header} - {ctx.site_name}"
        out.append(ctx.heading(rng.choice((2, 3, 4)), header, "links-title"))
        fmt = rng.choice(("ul", "br", "comma", "div"))
        if fmt == "ul":
            out.append(f"<ul{m.cls('links')}>" + "\n".join(f"<li>{x}</li>" for x in links) + "</ul>")
        elif fmt == "br":
            out.append(f"<p{m.cls('links')}>" + "<br>\n".join(links) + "</p>")
        elif fmt == "comma":
            out.append(f"<p{m.cls('links')}>" + ", ".join(links) + "</p>")
        else:
            out.append(f"<div{m.cls('links')}>" + "\n".join(f"<div>{x}</div>" for x in links) + "</div>")
    return Content("\n".join(out), title, src.blurb)


def _hiding_opener(ctx: Ctx, draw: float, *, styled_below: float, styles: Sequence[str]) -> str:
    """The opening tag of a block of links planted for crawlers, by ``draw`` (a uniform number in [0, 1)):
    hidden by an inline style (below ``styled_below``; one of ``styles``), by the ``hidden`` attribute (below
    :data:`HIDDEN_ATTR_BELOW`), or only by a class (undetectable from the markup alone)."""
    if draw < styled_below:
        return f'<div style="{ctx.rng.choice(styles)}">'
    if draw < HIDDEN_ATTR_BELOW:
        return "<div hidden>"
    return f"<div{ctx.m.cls('seo-links')}>"


def hacked_links(ctx: Ctx) -> Content:
    """A real page kept intact with a block of sold links planted in it, as on a hacked site: anchors of
    the spam verticals (casino, "slot gacor", pharma, loans, ...) to many different sites, shown as a
    "partners" block, hidden from readers, or stuffed into a paragraph of copied text."""
    rng, m = ctx.rng, ctx.m
    ctx.money = rng.uniform(0.6, 1.0)
    rel = rng.choice((None, None, None, None, "nofollow", "sponsored", "dofollow"))
    href_style = rng.choice(("direct", "direct", "direct", "mixed"))
    n = ctx.count(2, 40, 6)
    how = rng.random()
    if how < 0.2:  # stuffed into a paragraph of copied text
        text = ctx.pick(ctx.others(1)[0].paragraphs)
        return Content(f"<p>{_stuff_paragraph(ctx, text, min(n, 8), href_style, rel)}</p>", None, None, mode="inject")
    # Campaigns point several anchors at one money site as often as one anchor at each of many.
    domains = [ctx.ext_domain() for _ in range(max(1, round(n / rng.choice((1, 1, 1.5, 2, 3)))))]
    links = []
    for _ in range(n):
        kw = ctx.link_keyword()
        d = ctx.pick(domains)
        target = home_url(rng, d) if rng.random() < 0.6 else page_url(ctx.pool, rng, d, kw)
        href = target if href_style == "direct" or rng.random() < 0.5 else f"/go?url={quote(target, safe='')}"
        links.append(m.a(href, kw, rel=_rel(ctx, rel), blank=rng.random() < 0.3))
    sep = rng.choice((" ", ", ", "<br>\n", " | ", " - "))
    if rng.random() < 0.3:
        inner = f"<ul{m.cls('links')}>" + "".join(f"<li>{x}</li>" for x in links) + "</ul>"
    else:
        inner = sep.join(links)
    if how < 0.6:  # visible
        header = ctx.heading(rng.choice((3, 4)), ctx.words(lex.LINK_BLOCK_HEADERS), "links-title")
        block = f"<div{m.cls('links')}>" + (header if rng.random() < 0.5 else "") + inner + "</div>"
    else:
        block = _hiding_opener(ctx, rng.random(), styled_below=0.65, styles=_HIDDEN[:-1]) + inner + "</div>"
    return Content(block, None, None, mode="inject")


_MARKETS = (
    "https://sedo.com/search/details/?domain={d}",
    "https://dan.com/buy-domain/{d}",
    "https://www.afternic.com/domain/{d}",
    "https://www.hugedomains.com/domain_profile.cfm?d={d}",
    "/buy?domain={d}",
    "mailto:sales@{d}",
)
#: Click scripts of a lander's sponsored listings.
_PARK_CLICKS = ("click.php", "clk", "ads/click", "r.php", "go")
_PARK_SEARCH = (
    "/search?q={q}",
    "/?q={q}&s=1",
    "/?kw={q}",
    "/{s}.html",
    "/lander?search={q}",
    "/search/{s}/",
    "/listing.php?keyword={q}",
)


def parked(ctx: Ctx) -> Content:
    rng, m = ctx.rng, ctx.m
    words = lex.PARKED.get(ctx.lang, lex.PARKED["en"])
    d = ctx.domain
    title = rng.choice(words["welcome"]).format(domain=d)
    if rng.random() < 0.3:
        title = f"{d} - {ctx.keyword()}"
    out = [f"<h1{m.cls('domain')}>{esc(title)}</h1>"]
    if rng.random() < 0.75:
        sale = rng.choice(words["sale"])
        link = m.a(rng.choice(_MARKETS).format(d=d), rng.choice(words["sale"]), blank=rng.random() < 0.5)
        out.append(
            f"<p{m.cls('sale')}>{esc(sale)} {link}</p>"
            if rng.random() < 0.6
            else f"<div{m.cls('sale')}>{esc(sale)}</div><p>{link}</p>"
        )
    search_tmpl = rng.choice(_PARK_SEARCH)
    sources = ctx.others(3, same_lang=True)
    kws = list(dict.fromkeys(ctx.keyword(ctx.pick(sources)) for _ in range(ctx.count(3, 14, 8))))
    items = [
        m.a(search_tmpl.format(q=quote(k), s=slugify(k, 4)), k, rel="nofollow" if rng.random() < 0.15 else None)
        for k in kws
    ]
    out.append(ctx.heading(rng.choice((2, 3)), rng.choice(words["related"]), "related"))
    if rng.random() < 0.6:
        out.append(f"<ul{m.cls('searches')}>" + "".join(f"<li>{x}</li>" for x in items) + "</ul>")
    else:
        out.append(f"<div{m.cls('searches')}>" + "".join(f"<div{m.cls('kw')}>{x}</div>" for x in items) + "</div>")
    n_ads = ctx.count(0, 8, 2)
    # Parking services mark their ads nofollow or not, and send them to the advertiser, through a click
    # script of the lander, or through one ad feed's host: none of that is what makes a lander.
    ad_rel = "nofollow" if rng.random() < 0.5 else None
    ad_route = rng.choice(("advertiser", "click", "feed"))
    feed = ctx.ext_domain() if ad_route == "feed" else ""
    if n_ads:
        ads = []
        for k, s in enumerate(ctx.others(n_ads, same_lang=rng.random() < 0.5)):
            dom = ctx.ext_domain()
            if ad_route == "advertiser":
                href = ctx.ext_url(s.title)
            elif ad_route == "click":
                href = f"/{rng.choice(_PARK_CLICKS)}?ad={k + 1}&q={quote(slugify(s.title, 3))}"
            else:
                href = f"https://{rng.choice(('search.', 'ads.', 'www.', ''))}{feed}/ad?slot={k + 1}&d={d}"
            ads.append(
                f"<div{m.cls('ad')}>{m.a(href, cut(s.title, 70), rel=ad_rel)}"
                f"<p>{esc(cut(s.blurb, 110))}</p><span>{esc(dom)}</span></div>"
            )
        out.append(ctx.heading(3, rng.choice(words["sponsored"]), "sponsored"))
        out.append("\n".join(ads))
    if rng.random() < 0.6:
        out.append(
            f'<form action="/search" method="get"><input type="text" name="q">'
            f'<button type="submit">{esc(rng.choice(words["search"]))}</button></form>'
        )
    if rng.random() < 0.7:
        out.append("<p>" + " | ".join(m.a(f"/{slugify(w, 2)}", w) for w in words["footer"]) + "</p>")
    head = ""
    if rng.random() < 0.5:
        head = '<script src="https://www.google.com/adsense/domains/caf.js" type="text/javascript"></script>'
    return Content("\n".join(out), title, rng.choice(words["sale"]) if rng.random() < 0.5 else None, head_extra=head)


#: Planted link blocks hidden by the ``hidden`` attribute: those whose draw is below this and not styled.
HIDDEN_ATTR_BELOW = 0.85
_HIDDEN = (
    "display:none",
    "font-size:0",
    "font-size:1px;color:#fff;background:#fff",
    "visibility:hidden",
    "position:absolute;left:-9999px",
    "height:0;overflow:hidden",
    "color:#ffffff",
)


#: Share of doorways that sell a spam vertical ("buy cialis online", "judi slot online" in every sentence, as
#: a pharmacy or casino doorway does) rather than a keyword cut from a title.
MONEY_DOORWAY_RATE = 0.35


def doorway_keywords(ctx: Ctx) -> list[str]:
    """The keyword phrase of a doorway first, then its variants: keywords from titles, or (at
    :data:`MONEY_DOORWAY_RATE`) one spam-vertical keyword with commercial modifiers and a few others."""
    rng = ctx.rng
    n = ctx.count(3, 25, 8)
    if rng.random() >= MONEY_DOORWAY_RATE:
        kw = ctx.keyword()
        return list(dict.fromkeys([kw, *(ctx.keyword() for _ in range(n))]))
    kw = ctx.money_keyword()
    mods = lex.KEYWORD_MODIFIERS[ctx.lang]
    variants = [f"{kw} {rng.choice(mods)}" if rng.random() < 0.5 else f"{rng.choice(mods)} {kw}" for _ in range(n)]
    return list(dict.fromkeys([kw, *variants, *(ctx.money_keyword() for _ in range(rng.randint(0, 3)))]))


def doorway(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    variants = doorway_keywords(ctx)
    kw = variants[0]
    title = " | ".join(rng.sample(variants, min(len(variants), rng.randint(2, 5))))
    if rng.random() < 0.5:
        title = f"{kw} - {title}"
    money = ctx.ext_domain()
    money_url = home_url(
        rng,
        money,
        rng.choice(
            (
                "/",
                f"/?ref={rng.randint(100, 99999)}",
                f"/go/{slugify(kw, 3)}",
                f"/landing/{slugify(kw, 4)}.html",
            )
        ),
    )
    density = rng.random()  # share of sentences spliced with the keyword: low = mild doorway
    out = [f"<h1{m.cls('entry-title')}>{esc(kw.title() if rng.random() < 0.5 else kw)}</h1>"]
    texts = list(src.paragraphs) + [p for s in ctx.others(rng.randint(0, 2)) for p in s.paragraphs]
    rng.shuffle(texts)
    n_sections = ctx.count(1, 7, 3)
    per = max(1, len(texts) // n_sections)
    for s in range(n_sections):
        if s:
            out.append(
                ctx.heading(
                    2,
                    f"{rng.choice(variants)} {rng.choice(lex.KEYWORD_MODIFIERS[ctx.lang])}"
                    if rng.random() < 0.5
                    else rng.choice(variants),
                    "section-title",
                )
            )
        for text in texts[s * per : s * per + min(per, 4)]:
            sents = sentences(text)
            spliced = []
            for sent in sents:
                if rng.random() < density:
                    v = rng.choice(variants)
                    sent = rng.choice((f"{v}: {sent}", f"{sent} {v.capitalize()}.", f"{sent[:-1]} {v}{sent[-1:]}"))
                spliced.append(sent)
            para = esc(" ".join(spliced))
            if rng.random() < 0.3:
                para += " " + m.a(money_url, rng.choice(variants), blank=rng.random() < 0.5)
            out.append(f"<p>{para}</p>")
    for _ in range(rng.randint(1, 4)):
        out.append(f"<p>{m.a(money_url, rng.choice(variants).title(), rel=rng.choice((None, 'nofollow')))}</p>")
    if rng.random() < 0.65:
        hidden = " ".join(variants * rng.randint(1, 4))
        style = rng.choice(_HIDDEN)
        tag = rng.choice(("div", "p", "span"))
        out.insert(rng.randint(1, len(out)), f'<{tag} style="{style}">{esc(hidden)}</{tag}>')
    head = ""
    r = rng.random()
    if r < 0.15:
        head = f'<meta http-equiv="refresh" content="{rng.choice((0, 1, 3, 5))};url={attr(money_url)}">'
    elif r < 0.3:
        out.append(
            f'<script>setTimeout(function(){{window.location.href="{money_url}";}},'
            f"{rng.choice((0, 1500, 3000))});"
            "</script>"
        )
    return Content(
        "\n".join(out),
        title,
        cut(" ".join(variants), 160),
        head_extra=head,
        meta_keywords=", ".join(variants),
    )


#: The script tag that loads Google Publisher Tag ads.
GPT_LOADER = '<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>'


def adsense_loader(rng: random.Random) -> str:
    """The script tag that loads AdSense, with a publisher id."""
    return (
        '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client='
        f'ca-pub-{rng.randrange(10**16):016d}" crossorigin="anonymous"></script>'
    )


def ad_markup(rng: random.Random, kind: str) -> str:
    """One ad slot as publishers paste it: ``kind`` "adsense" (an ``<ins class="adsbygoogle">`` and its push)
    or "gpt" (a Google Publisher Tag ``div-gpt-ad-*`` container)."""
    if kind == "adsense":
        return (
            '<ins class="adsbygoogle" style="display:block" '
            f'data-ad-client="ca-pub-{rng.randrange(10**16):016d}" '
            f'data-ad-slot="{rng.randrange(10**10):010d}" '
            'data-ad-format="auto" data-full-width-responsive="true">'
            "</ins>\n<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>"
        )
    if kind == "gpt":
        slot = f"div-gpt-ad-{rng.randrange(10**13):013d}-{rng.randint(0, 9)}"
        return (
            f'<div id="{slot}"><script>googletag.cmd.push(function() {{ googletag.display("{slot}"); }});'
            "</script></div>"
        )
    raise ValueError(f"unknown ad kind {kind!r}")


def _ad_slot(ctx: Ctx, kind: str) -> str:
    if kind in ("adsense", "gpt"):
        return ad_markup(ctx.rng, kind)
    rng = ctx.rng
    label = ctx.words(lex.AD_LABELS)
    return f'<div{ctx.m.cls("ad")}><span>{esc(label)}</span><div id="ad-{rng.randint(1, 999)}"></div></div>'


def _clickbait_headline(ctx: Ctx, s: TextSource) -> str:
    rng = ctx.rng
    names = _NAME.findall(s.title + " " + s.blurb)
    things = [w for w in _WORDS.findall(s.title) if len(w) > 4]
    if rng.random() < 0.3 or (not names and not things):
        return s.title
    return ctx.words(lex.CLICKBAIT).format(
        name=" ".join(rng.choice(names)) if names else s.title.split(" ")[0],
        thing=rng.choice(things) if things else s.title.split(" ")[-1],
        n=rng.choice((5, 7, 10, 12, 15, 20, 25, 30, 40, 50)),
        year=rng.randint(2018, 2026),
    )


def clickbait_mfa(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    title = _clickbait_headline(ctx, src) if rng.random() < 0.6 else src.title
    ad_kinds = rng.sample(("adsense", "gpt", "label"), rng.randint(1, 3))
    sents = [s for p in src.paragraphs[: rng.randint(2, 8)] for s in sentences(p)]
    n_chunks = ctx.count(3, 20, 8)
    per = rng.choice((1, 1, 2))
    out = [ctx.heading(1, title, "entry-title")]
    if rng.random() < 0.5:
        out.append(m.img(title))
    ad_every = rng.randint(1, 3)
    for c in range(min(n_chunks, max(1, len(sents) // per))):
        out.append(f"<p>{esc(' '.join(sents[c * per : c * per + per]))}</p>")
        if c % ad_every == ad_every - 1:
            out.append(_ad_slot(ctx, rng.choice(ad_kinds)))
    total = rng.randint(2, 30)
    cur = rng.randint(1, total - 1)
    nxt = rng.choice((f"?page={cur + 1}", f"{cur + 1}/", f"/{slugify(title, 6)}-{cur + 1}.html"))
    if rng.random() < 0.6:
        out.append(f"<p>{esc(lex.PAGE_OF[ctx.lang].format(i=cur, n=total))}</p>")
    out.append(f"<div{m.cls('pagination')}>{m.a(nxt, ctx.words(lex.NEXT_PAGE))}</div>")
    if rng.random() < 0.85:
        cards = []
        utm = rng.choice(
            (
                "?utm_source=taboola&utm_medium=referral",
                "?utm_source=outbrain&utm_medium=cpc",
                "?utm_source=native&utm_campaign={n}",
                "",
            )
        )
        for s in ctx.others(ctx.count(3, 12, 6), same_lang=rng.random() < 0.6):
            brand = ctx.ext_domain().split(".")[0].capitalize()
            href = ctx.ext_url(s.title) + utm.format(n=rng.randint(1000, 99999))
            cards.append(
                f'<div{m.cls("card")}><a href="{attr(href)}" target="_blank">{m.img(s.title, host=None)}'
                f"<span{m.cls('card-title')}>{esc(_clickbait_headline(ctx, s))}</span></a>"
                f"<span{m.cls('card-brand')}>{esc(ctx.words(lex.AD_LABELS))} | {esc(brand)}</span></div>"
            )
        out.append(ctx.heading(rng.choice((2, 3, 4)), ctx.words(lex.SPONSORED_HEADERS), "sponsored"))
        out.append(f"<div{m.cls('grid')}>" + "\n".join(cards) + "</div>")
    head = []
    if "adsense" in ad_kinds or rng.random() < 0.3:
        head.append(adsense_loader(rng))
    if "gpt" in ad_kinds:
        head.append(GPT_LOADER)
    return Content("\n".join(out), title, cut(" ".join(sents[:2]), 160), head_extra="\n".join(head))


def autoblog(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    paras = _article_paragraphs(ctx, src, min_k=2)
    if rng.random() < 0.45:  # spun / duplicated paragraphs
        for _ in range(rng.randint(1, 3)):
            p = rng.choice(paras)
            sents = sentences(p)
            rng.shuffle(sents)
            paras.insert(rng.randint(0, len(paras)), " ".join(sents) if rng.random() < 0.5 else p)
    out = [ctx.heading(1, src.title, "entry-title")]
    if rng.random() < 0.5:
        day = f"{rng.randint(2012, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append(f"<p{m.cls('meta')}>{esc(rng.choice(('admin', 'editor', 'autopost', ctx.site_name)))} · {day}</p>")
    if rng.random() < 0.4:
        out.append(m.img(src.title))
    out.append(ctx.paras(paras))
    if rng.random() < 0.85:
        origin = src.url or ctx.ext_url(src.title)
        label = ctx.words(lex.SOURCE_LINES)
        shown = origin if rng.random() < 0.4 else (src.site if not src.site.startswith("source:") else ctx.ext_domain())
        out.append(
            f"<p{m.cls('source')}>{esc(label)} {m.a(origin, shown, rel='nofollow' if rng.random() < 0.5 else None)}</p>"
        )
    related = ctx.others(ctx.count(3, 12, 5), same_lang=rng.random() < 0.7)
    out.append(ctx.heading(rng.choice((2, 3, 4)), ctx.words(lex.RELATED), "related-title"))
    if rng.random() < 0.5:
        out.append(
            f"<ul{m.cls('related')}>"
            + "".join(f"<li>{m.a(ctx.local(s.title), s.title)}</li>" for s in related)
            + "</ul>"
        )
    else:
        cards = []
        for s in related:
            href = ctx.local(s.title)
            cards.append(
                f'<div{m.cls("related-item")}><a href="{attr(href)}">{m.img(s.title)}</a>'
                f"<h4>{m.a(href, s.title)}</h4></div>"
            )
        out.append("\n".join(cards))
    tag_src = [src, *related, *ctx.others(rng.randint(1, 6), same_lang=False)]
    tags = list(dict.fromkeys(ctx.keyword(ctx.pick(tag_src)) for _ in range(ctx.count(10, 90, 30))))
    out.append(ctx.heading(rng.choice((3, 4)), ctx.words(lex.TAGS), "tags-title"))
    cloud_style = rng.choice(("wp", "plain", "comma"))
    links = []
    for k, tag in enumerate(tags):
        href = f"/tag/{slugify(tag, 4)}/"
        if cloud_style == "wp":
            tid = rng.randint(10, 9999)
            links.append(
                f'<a href="{href}" class="tag-cloud-link tag-link-{tid} tag-link-position-{k + 1}" '
                f'style="font-size: {rng.choice((8, 9.5, 11, 12.2, 14, 16.5, 18, 22))}pt;" '
                f'aria-label="{attr(tag)} ({rng.randint(1, 40)} items)">{esc(tag)}</a>'
            )
        else:
            links.append(m.a(href, tag, rel="tag" if rng.random() < 0.5 else None))
    sep = ", " if cloud_style == "comma" else "\n"
    out.append(f"<div{m.cls('tagcloud')}>" + sep.join(links) + "</div>")
    return Content("\n".join(out), src.title, src.blurb)


def comment_spam(ctx: Ctx) -> Content:
    """A copied blog post under a flood of automated comments: generic praise that fits any post, signed
    with names or spam-vertical keywords that link to other (money) sites, sometimes with a link in the
    text; a few ordinary comments among them."""
    rng, m, src = ctx.rng, ctx.m, ctx.src
    ctx.money = rng.uniform(0.0, 0.8)
    out = [ctx.heading(1, src.title, "entry-title")]
    if rng.random() < 0.5:
        out.append(f"<p{m.cls('meta')}>{esc(_user(ctx))} · {_date(rng)}</p>")
    out.append(ctx.paras(_article_paragraphs(ctx, src, min_k=2)))
    n = ctx.count(3, 40, 8)
    spam_share = rng.uniform(0.5, 1.0)
    praise = lex.COMMENT_PRAISE.get(ctx.lang, lex.COMMENT_PRAISE["en"])
    chatter = [sentence for s in ctx.others(2) for p in s.paragraphs[:4] for sentence in sentences(p)]
    rel_style = rng.choice(("external nofollow ugc", "external nofollow", "nofollow", None))
    says = rng.random() < 0.5
    header = ctx.pick(lex.COMMENT_HEADERS.get(ctx.lang, lex.COMMENT_HEADERS["en"])).format(n=n, title=src.title)
    out.append(ctx.heading(rng.choice((2, 3)), header, "comments-title"))
    items = []
    for _ in range(n):
        spam = rng.random() < spam_share
        if spam:
            name = ctx.link_keyword() if rng.random() < 0.6 else _user(ctx)
            href = ctx.ext_url(name) if rng.random() < 0.9 else None
            text = " ".join(rng.sample(praise, rng.choice((1, 1, 2))))
            if rng.random() < 0.15 and chatter:
                text = f"{ctx.pick(chatter)} {text}"
            body = esc(text)
            if rng.random() < 0.25:
                kw = ctx.link_keyword()
                body += " " + m.a(ctx.ext_url(kw), kw, rel=rel_style)
        else:
            name = _user(ctx)
            href = ctx.ext_url(name) if rng.random() < 0.25 else None
            body = esc(" ".join(ctx.pick(chatter) for _ in range(rng.randint(1, 3))) if chatter else src.blurb)
        author = m.a(href, name, rel=rel_style) if href else esc(name)
        if says:
            author += f" {esc(lex.COMMENT_SAYS.get(ctx.lang, 'says:'))}"
        reply = m.a(f"#comment-{rng.randint(100, 99999)}", lex.COMMENT_REPLY.get(ctx.lang, "Reply"))
        items.append(
            f"<li{m.cls('comment')}><div{m.cls('comment-author')}>{author}</div>"
            f"<div{m.cls('comment-meta')}>{_date(rng)}</div><p>{body}</p>"
            f"<div{m.cls('reply')}>{reply}</div></li>"
        )
    out.append(f"<ol{m.cls('comment-list')}>" + "\n".join(items) + "</ol>")
    return Content("\n".join(out), src.title, src.blurb)


# ----------------------------------------------------------------------------------------------- ham


def _same_site_teaser(ctx: Ctx, s: TextSource, *, blurb: bool, img: bool, more: bool, h: str) -> str:
    m = ctx.m
    href = ctx.local(s.title)
    parts = [f"<{h}{m.cls('teaser-title')}>{m.a(href, s.title)}</{h}>"]
    if img:
        parts.insert(0, f'<a href="{attr(href)}">{m.img(s.title)}</a>')
    if blurb:
        parts.append(f"<p{m.cls('teaser-text')}>{esc(s.blurb)}</p>")
    if more:
        parts.append(m.a(href, ctx.words(lex.READ_MORE), extra=m.cls("more")))
    return "".join(parts)


def _date(rng: random.Random) -> str:
    return f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2012, 2026)}"


def homepage(ctx: Ctx) -> Content:
    rng, m = ctx.rng, ctx.m
    out = []
    sections = rng.sample(lex.SECTIONS.get(ctx.lang, lex.SECTIONS["en"]), ctx.count(2, 6, 3))
    blurb, img, more = rng.random() < 0.7, rng.random() < 0.6, rng.random() < 0.5
    item_tag = rng.choice(("article", "div", "li"))
    if rng.random() < 0.6:
        top = ctx.src
        out.append(
            f"<{item_tag}{m.cls('top-story')}>"
            + _same_site_teaser(ctx, top, blurb=True, img=True, more=more, h="h2")
            + f"</{item_tag}>"
        )
    for name in sections:
        items = [
            f"<{item_tag}{m.cls('teaser')}>"
            + _same_site_teaser(
                ctx,
                s,
                blurb=blurb and rng.random() < 0.8,
                img=img,
                more=more,
                h=rng.choice(("h3", "h3", "h4")),
            )
            + f"</{item_tag}>"
            for s in ctx.others(ctx.count(3, 10, 5), same_lang=rng.random() < 0.8)
        ]
        body = "\n".join(items)
        if item_tag == "li":
            body = f"<ul{m.cls('teaser-list')}>{body}</ul>"
        out.append(
            f"<section{m.cls('section')}>"
            f"{ctx.heading(2, name, 'section-title', link=section_path(rng, name))}"
            f"\n{body}</section>"
        )
    if rng.random() < 0.3:  # at most ONE share / follow bar on a legit home page
        networks = sorted(rng.sample(range(len(lex.SHARE_NETWORKS)), rng.randint(2, 5)))
        out.append(
            m.share_row(
                ctx.url or m.base,
                ctx.lang,
                style=rng.choice(("links", "icons")),
                networks=networks,
                label=ctx.words(lex.SHARE_LABELS).replace("👇", "").strip(),
            )
        )
    title = f"{ctx.site_name} – {rng.choice(ctx.src.headings) if ctx.src.headings else sections[0]}"
    return Content("\n".join(out), title, cut(ctx.src.blurb, 150))


def listing(ctx: Ctx) -> Content:
    rng, m = ctx.rng, ctx.m
    name = rng.choice(lex.SECTIONS.get(ctx.lang, lex.SECTIONS["en"]))
    out = [ctx.heading(1, name, "page-title")]
    item_tag = rng.choice(("article", "div", "li"))
    blurb, img = rng.random() < 0.8, rng.random() < 0.6
    items = []
    for s in [ctx.src, *ctx.others(ctx.count(6, 30, 12), same_lang=rng.random() < 0.8)]:
        meta = f"<span{m.cls('date')}>{_date(rng)}</span>" if rng.random() < 0.7 else ""
        items.append(
            f"<{item_tag}{m.cls('post')}>"
            + _same_site_teaser(ctx, s, blurb=blurb, img=img, more=rng.random() < 0.4, h="h2")
            + meta
            + f"</{item_tag}>"
        )
    body = "\n".join(items)
    out.append(f"<ul{m.cls('posts')}>{body}</ul>" if item_tag == "li" else body)
    pages = rng.randint(2, 40)
    nav = [m.a(f"{section_path(rng, name)}page/{k}/", str(k)) for k in range(2, min(pages, 6) + 1)]
    out.append(
        f"<nav{m.cls('pagination')}><span>1</span> "
        + " ".join(nav)
        + f" {m.a('page/2/', lex.PREV_NEXT[ctx.lang][1])}</nav>"
    )
    return Content("\n".join(out), f"{name} | {ctx.site_name}", cut(ctx.src.blurb, 150))


def _user(ctx: Ctx) -> str:
    w = ctx.pool.domain_words
    rng = ctx.rng
    name = rng.choice(w)
    if rng.random() < 0.5:
        name = name.capitalize() + rng.choice(("", "_", ".")) + rng.choice(w)
    return name + (str(rng.randint(1, 1999)) if rng.random() < 0.5 else "")


def forum(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    fw = lex.FORUM.get(ctx.lang, lex.FORUM["en"])
    users = [_user(ctx) for _ in range(rng.randint(2, 9))]
    texts = list(src.paragraphs) + [p for s in ctx.others(rng.randint(1, 3)) for p in s.paragraphs[:6]]
    n_posts = ctx.count(3, 25, 8)
    topic_id = rng.randint(100, 999999)
    out = [ctx.heading(rng.choice((1, 2)), src.title, "topic-title")]
    board = rng.choice(lex.SECTIONS.get(ctx.lang, lex.SECTIONS["en"]))
    out.append(f"<p{m.cls('breadcrumbs')}>{m.a('/forum/', 'Forum')} » {m.a(f'/forum/{slugify(board, 2)}/', board)}</p>")
    pages = rng.randint(1, 12)
    pagination = ""
    if pages > 1:
        links = " ".join(
            m.a(f"viewtopic.php?t={topic_id}&start={k * n_posts}", str(k + 1)) for k in range(1, min(pages, 5))
        )
        pagination = (
            f"<div{m.cls('pagination')}>{esc(fw['page'].format(i=1, n=pages))} <strong>1</strong> {links} "
            f"{m.a(f'viewtopic.php?t={topic_id}&start={n_posts}', fw['next'])}</div>"
        )
        out.append(pagination)
    post_tag = rng.choice(("div", "article", "li", "table"))
    posts = []
    prev_text = ""
    for k in range(n_posts):
        user = rng.choice(users)
        pid = topic_id * 10 + k
        text_parts = [texts[(k + j) % len(texts)] for j in range(rng.randint(1, 2))]
        if rng.random() < 0.3:
            text_parts = [cut(p, rng.randint(40, 200)) for p in text_parts[:1]]
        quote_html = ""
        if prev_text and rng.random() < 0.3:
            quote_html = (
                f"<blockquote><cite>{esc(fw['wrote'].format(user=rng.choice(users)))}</cite>"
                f"{esc(cut(prev_text, rng.randint(60, 300)))}</blockquote>"
            )
        sig = ""
        if rng.random() < 0.35:
            sig_text = cut(rng.choice(texts), rng.randint(20, 80))
            sig = f"<div{m.cls('signature')}>{esc(sig_text)}"
            if rng.random() < 0.4:
                sig += " " + m.a(home_url(rng, ctx.ext_domain()), ctx.ext_domain(), rel="nofollow")
            sig += "</div>"
        profile = m.a(f"memberlist.php?mode=viewprofile&u={rng.randint(2, 99999)}", user)
        info = (
            f"<div{m.cls('postprofile')}>{profile}<br>{esc(fw['posts'].format(n=rng.randint(1, 9000)))}<br>"
            f"{esc(fw['joined'].format(date=_date(rng)))}</div>"
        )
        actions = " ".join(
            m.a(f"posting.php?mode={a}&p={pid}", label)
            for a, label in (("quote", fw["quote"][0]), ("reply", fw["reply"][0]))
            if rng.random() < 0.8
        )
        body = (
            f"<div{m.cls('postbody')}><p{m.cls('author')}>{m.a(f'#p{pid}', _date(rng))}</p>{quote_html}"
            + "".join(f"<p>{esc(t)}</p>" if rng.random() < 0.6 else f"{esc(t)}<br><br>" for t in text_parts)
            + f"{sig}<div{m.cls('post-buttons')}>{actions}</div></div>"
        )
        if post_tag == "table":
            posts.append(f'<tr id="p{pid}"><td>{info}</td><td>{body}</td></tr>')
        else:
            posts.append(f'<{post_tag} id="p{pid}"{m.cls("post")}>{info}{body}</{post_tag}>')
        prev_text = text_parts[0]
    if post_tag == "table":
        out.append(f"<table{m.cls('topic')}>" + "\n".join(posts) + "</table>")
    elif post_tag == "li":
        out.append(f"<ol{m.cls('topic')}>" + "\n".join(posts) + "</ol>")
    else:
        out.append("\n".join(posts))
    if pagination:
        out.append(pagination)
    return Content("\n".join(out), f"{src.title} - {board} - {ctx.site_name}", cut(src.blurb, 150))


def docs(ctx: Ctx) -> Content:
    rng, m, src = ctx.rng, ctx.m, ctx.src
    project = ctx.site_name
    title = f"{rng.choice(lex.DOCS.get(ctx.lang, lex.DOCS['en']))} — {project}"
    sources = [src, *ctx.others(rng.randint(2, 6), same_lang=rng.random() < 0.7)]
    heads = [h for s in sources for h in (s.headings or (s.title,))]
    n_ch = ctx.count(4, 24, 10)
    style = rng.choice(("html", "dir", "anchor"))
    out = [ctx.heading(1, title, "doc-title")]
    if rng.random() < 0.6:
        out.append(f"<p>{esc(cut(rng.choice(src.paragraphs), rng.randint(120, 500)))}</p>")
    items = []
    for c in range(n_ch):
        head = heads[c % len(heads)]
        href = {
            "html": f"ch{c + 1:02d}-{slugify(head, 4)}.html",
            "dir": f"/docs/{slugify(head, 4)}/",
            "anchor": f"#{slugify(head, 4)}",
        }[style]
        sub = ""
        n_sub = ctx.count(0, 8, 2)
        if n_sub:
            subs = "".join(
                f"<li>{m.a(href.rstrip('/') + ('#' if '#' not in href else '-') + slugify(h, 3), h)}</li>"
                for h in rng.sample(heads, min(n_sub, len(heads)))
            )
            sub = f"<ul>{subs}</ul>"
        num = f"{c + 1}. " if rng.random() < 0.5 else ""
        items.append(f"<li{m.cls('toctree-l1')}>{num}{m.a(href, head)}{sub}</li>")
    out.append(ctx.heading(2, rng.choice(lex.DOCS.get(ctx.lang, lex.DOCS["en"])), "toc-title"))
    list_tag = rng.choice(("ul", "ol"))
    out.append(f"<{list_tag}{m.cls('toc')}>" + "\n".join(items) + f"</{list_tag}>")
    if rng.random() < 0.7:
        prev, nxt = lex.PREV_NEXT[ctx.lang]
        out.append(f"<div{m.cls('nav-footer')}>{m.a('index.html', prev)} {m.a('ch01.html', nxt)}</div>")
    return Content("\n".join(out), title, cut(src.blurb, 150))


SPAM_BUILDERS: dict[str, Callable[[Ctx], Content]] = {
    "aggregator": aggregator,
    "injected_teasers": injected_teasers,
    "link_directory": link_directory,
    "link_farm": link_farm,
    "hacked_links": hacked_links,
    "parked": parked,
    "doorway": doorway,
    "clickbait_mfa": clickbait_mfa,
    "autoblog": autoblog,
    "comment_spam": comment_spam,
}

HAM_BUILDERS: dict[str, Callable[[Ctx], Content]] = {
    "synth_ham_homepage": homepage,
    "synth_ham_listing": listing,
    "synth_ham_forum": forum,
    "synth_ham_docs": docs,
}
