"""Synthetic training pages built from real ham: spam families and hard legitimate pages.

No public corpus of real spam HTML exists, so :func:`synthesize` builds spam pages out of the ham records it
is given: their text (titles, paragraphs, blurbs) and their page shells (doctype, head, scripts, styles,
header, navigation, footer). Only the spam *structure* is synthetic; text sources, HTML idioms and URL
shapes are the ham corpus' own, so that a model learns the structure and not the synthesizer. The
``HAM_FAMILIES`` build link-heavy legitimate pages (home pages, listings, forum threads, documentation
indexes) the same way, and real pages whose links to other sites go through the site's own redirect script
or carry ``rel="nofollow"``, or that carry once what spam prints with the rest of its structure (a "Related
searches" box, a clickbait teaser in a recommendation widget, a brand repeated in the title), labelled
``ham``. See docs/SYNTH.md.

    >>> from model.corpus import read_jsonl
    >>> ham = list(read_jsonl("my_ham.jsonl.gz"))
    >>> spam = synthesize(ham, 1000, seed=7)
    >>> hard_ham = synthesize(ham, 200, seed=7, families=HAM_FAMILIES)
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence

from model.corpus import Record
from model.synth import _lexicon as lex
from model.synth._families import HAM_BUILDERS, SPAM_BUILDERS, Ctx
from model.synth._incidental import add_incidentals
from model.synth._markup import Markup
from model.synth._pool import SourcePool
from model.synth._rewrite import LINK_HEAVY_RATE, MIN_REWRITTEN_LINKS, rewrite_outbound_links
from model.synth._shell import Shell, from_info, minimal
from model.synth._sources import slugify
from model.synth._urls import draw_template, home_url, invent_domain, page_url, section_path

__all__ = ["FAMILIES", "HAM_FAMILIES", "REWRITE_FAMILIES", "synthesize"]

logger = logging.getLogger(__name__)

#: Spam families, labelled ``spam``; the default of :func:`synthesize`.
FAMILIES: tuple[str, ...] = tuple(SPAM_BUILDERS)
#: Legitimate families that take a real page whole, at its URL, and change it as legitimate sites do (see
#: _rewrite and _incidental).
REWRITE_FAMILIES: tuple[str, ...] = ("synth_ham_outbound", "synth_ham_incidental")
#: Hard legitimate (link-heavy) page families, labelled ``ham``.
HAM_FAMILIES: tuple[str, ...] = (*HAM_BUILDERS, *REWRITE_FAMILIES)

#: Families that keep a real page intact and add their spam to its main text (a hacked or scraped page).
INJECT_FAMILIES = frozenset({"injected_teasers", "hacked_links"})

#: Share of pages put into a small hand-built shell instead of a ham page's shell, by family. Link
#: directories, link farms, doorways, made-for-ads pages and parked domains are usually sites of their own,
#: built on a simple template, with the spam structure filling the page; aggregators, injected teasers and
#: autoblogs copy into a real-looking site. The link-heavy legitimate families get hand-built shells as often
#: as the spam that is most like them, so that a hand-built shell tells a model nothing.
MINIMAL_SHELL_RATES: dict[str, float] = {
    "link_directory": 0.5,
    "link_farm": 0.4,
    "doorway": 0.4,
    "clickbait_mfa": 0.3,
    "parked": 0.75,
    "synth_ham_homepage": 0.4,
    "synth_ham_listing": 0.4,
    "synth_ham_forum": 0.3,
    "synth_ham_docs": 0.4,
}
#: The rate of every other family.
MINIMAL_SHELL_RATE = 0.05
#: Shell attempts before falling back to a hand-built shell (a ham page without a usable <body>).
MAX_SHELL_ATTEMPTS = 3
#: Share of forum/listing/docs pages whose URL copies a ham URL's shape instead of a forum/docs shape.
TEMPLATE_URL_RATE = 0.5
#: Navigation items of a hand-built shell.
MIN_NAV_ITEMS, MAX_NAV_ITEMS = 0, 9


def _site_name(rng: random.Random, domain: str) -> str:
    name = domain.split(".")[0]
    return rng.choice(
        (name.replace("-", " ").title(), name.capitalize(), domain, name.upper() if len(name) < 8 else name)
    )


def _forum_url(pool: SourcePool, rng: random.Random, domain: str, title: str) -> str:
    slug = slugify(title, 8)
    t = rng.randint(100, 999999)
    return home_url(
        rng,
        domain,
        rng.choice(
            (
                f"/viewtopic.php?t={t}",
                f"/forum/viewtopic.php?f={rng.randint(1, 80)}&t={t}",
                f"/threads/{slug}.{t}/",
                f"/forum/topic/{slug}",
                f"/showthread.php?{t}-{slug}",
                f"/t/{slug}/{t}",
            )
        ),
        pool,
    )


def _docs_url(pool: SourcePool, rng: random.Random, domain: str) -> str:
    return home_url(
        rng,
        domain,
        rng.choice(
            (
                "/docs/",
                "/docs/index.html",
                "/en/latest/",
                "/manual/index.html",
                "/doc/",
                "/documentation/",
                "/book/index.html",
            )
        ),
        pool,
    )


def _page_url(
    pool: SourcePool,
    rng: random.Random,
    family: str,
    domain: str,
    title: str,
    lang: str,
    template: int | None,
) -> str:
    section = rng.choice(lex.SECTIONS.get(lang, lex.SECTIONS["en"]))
    if family == "parked":
        return home_url(rng, domain, "/", pool, template)
    if family in HAM_BUILDERS and family != "synth_ham_homepage" and rng.random() < TEMPLATE_URL_RATE:
        return page_url(pool, rng, domain, title, template=template)
    if family == "synth_ham_homepage":
        return home_url(rng, domain, "/" if rng.random() < 0.5 else section_path(rng, section), pool, template)
    if family == "synth_ham_listing" or (family == "link_directory" and rng.random() < 0.25):
        return home_url(rng, domain, section_path(rng, section), pool, template)
    if family == "synth_ham_forum":
        return _forum_url(pool, rng, domain, title)
    if family == "synth_ham_docs":
        return _docs_url(pool, rng, domain)
    return page_url(pool, rng, domain, title, template=template)


def _rewritten(pool: SourcePool, family: str, seed: int, i: int) -> Record:
    """A real page changed as a legitimate site may change it, keeping its URL: for ``synth_ham_outbound``
    its links to other sites go through the site's redirect script, carry ``rel="nofollow"``, or both; for
    ``synth_ham_incidental`` it carries some of what one kind of site prints (see _incidental). The first of
    up to :data:`MAX_SHELL_ATTEMPTS` drawn pages that the change applies to (else the last one drawn).
    Outbound pages are drawn among those with a URL, which tells the site's own links from the others
    (:data:`LINK_HEAVY_RATE` of them among those with many links to other sites); from all pages, without a
    URL, when no page has one."""
    rng = random.Random(f"{seed}/{i}/{family}")
    candidates: Sequence[int] = range(len(pool.records))
    if family == "synth_ham_outbound" and pool.with_url:
        candidates = pool.with_url
        if rng.random() < LINK_HEAVY_RATE and pool.link_heavy:
            candidates = pool.link_heavy
    for _ in range(MAX_SHELL_ATTEMPTS):
        index = rng.choice(candidates)
        source = pool.records[index]
        if family == "synth_ham_outbound":
            page, changed = rewrite_outbound_links(rng, source.html, source.url)
            if changed >= MIN_REWRITTEN_LINKS:
                break
        else:
            page, applied = add_incidentals(rng, pool, index)
            if applied:
                break
    return Record(
        id=f"synth/{family}/{seed}/{i}", source=f"synth-{family}", url=source.url, label="ham", kind=family, html=page
    )


def _build(pool: SourcePool, family: str, seed: int, i: int) -> Record:
    if family in REWRITE_FAMILIES:
        return _rewritten(pool, family, seed, i)
    rng = random.Random(f"{seed}/{i}/{family}")
    builder = SPAM_BUILDERS.get(family) or HAM_BUILDERS[family]
    mode = "inject" if family in INJECT_FAMILIES else "replace"
    minimal_rate = MINIMAL_SHELL_RATES.get(family, MINIMAL_SHELL_RATE)
    shell: Shell | None = None
    shell_idx: int | None = None
    if mode == "inject" or rng.random() >= minimal_rate:
        for _ in range(MAX_SHELL_ATTEMPTS):
            idx = pool.draw_shell(rng)
            site = pool.sites[idx]
            found = pool.shell(idx)
            if found is not None:
                shell = from_info(*found, None if site.startswith("source:") else site, rng, mode=mode)
                shell_idx = idx
                break
    shell_src = pool.text(shell_idx) if shell_idx is not None else None
    if mode == "inject" and shell_src is not None and shell_src.usable:
        src = shell_src
    else:
        src = pool.draw_text(
            rng,
            avoid_sites={shell_src.site} if shell_src else set(),
            lang=shell_src.lang if shell_src else None,
            min_paragraphs=2,
        )
    lang = src.lang if src.lang in lex.LANGS else "en"
    template = draw_template(pool, rng)
    domain = invent_domain(pool, rng, template)
    # A page has a URL as often as its shell's page did (the corpus rate for hand-built shells).
    has_url = pool.records[shell_idx].url is not None if shell_idx is not None else rng.random() >= pool.no_url_rate
    url = _page_url(pool, rng, family, domain, src.title, lang, template) if has_url else None
    site_name = _site_name(rng, domain)
    if shell is None:
        nav_words = lex.SECTIONS.get(lang, lex.SECTIONS["en"])
        nav = rng.sample(nav_words, min(len(nav_words), rng.randint(MIN_NAV_ITEMS, MAX_NAV_ITEMS)))
        shell = minimal(rng, lang=lang, site_name=site_name, domain=domain, nav=nav, parked=family == "parked")
    if url:
        base = url.split("/", 3)
        base = f"{base[0]}//{base[2]}"
    else:
        base = home_url(rng, domain).rstrip("/")
    ctx = Ctx(
        rng=rng,
        pool=pool,
        src=src,
        shell_src=shell_src if mode == "inject" else None,
        lang=lang,
        domain=domain,
        url=url,
        site_name=site_name,
        m=Markup(rng, shell.classes, base=base, domain=domain),
    )
    content = builder(ctx)
    html = shell.render(
        content.fragment,
        title=content.title,
        description=content.description,
        head_extra=content.head_extra,
        meta_keywords=content.meta_keywords,
        new_domain=domain if url else None,
    )
    label = "ham" if family in HAM_BUILDERS else "spam"
    return Record(
        id=f"synth/{family}/{seed}/{i}",
        source=f"synth-{family}",
        url=url,
        label=label,
        kind=family,
        html=html,
    )


def synthesize(ham: Sequence[Record], n: int, *, seed: int, families: Sequence[str] | None = None) -> list[Record]:
    """``n`` synthetic pages built from the text and shells of ``ham``, spread evenly over ``families``.

    Deterministic for the same ham records (in the same order), ``n``, ``seed`` and ``families``. Page ``i``
    gets family ``families[i % len(families)]``, the id ``synth/{family}/{seed}/{i}``, the source
    ``synth-{family}``, ``kind=family`` and the label ``spam`` (``ham`` for :data:`HAM_FAMILIES`). ``url``
    is ``None`` about as often as in ``ham``.

    Raises ``ValueError`` for an unknown family, an empty ``ham`` or ham without any usable text.
    """
    if isinstance(families, str):
        raise ValueError(f"families must be a sequence of family names, not the string {families!r}")
    fams = tuple(FAMILIES if families is None else families)
    known = set(FAMILIES) | set(HAM_FAMILIES)
    unknown = [f for f in fams if f not in known]
    if unknown:
        raise ValueError(f"unknown synthetic family {unknown[0]!r}; known: {', '.join(FAMILIES + HAM_FAMILIES)}")
    if not fams:
        raise ValueError("families is empty; give at least one of: " + ", ".join(FAMILIES + HAM_FAMILIES))
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    ham = list(ham)
    if not ham:
        raise ValueError("synthesize needs at least one ham record to take text and page shells from")
    if n == 0:
        return []
    pool = SourcePool(ham)
    out = [_build(pool, fams[i % len(fams)], seed, i) for i in range(n)]
    logger.info("synthesized %s pages over %s families from %s ham records", n, len(fams), len(ham))
    return out
