"""Legitimate pages made by changing what a legitimate site may do to its links, labelled ``ham``.

``synth_ham_outbound``: a real page whose links to other sites go through the site's own redirect or
click-tracking script, as forums (``/out?url=``, ``/away.php?to=``), social networks (``l.php?u=``), mail
archives, newsletters, library proxies (``login?url=``) and many news sites do; or carry
``rel="nofollow"``, as wikis, forums and blog comments do; or both. Spam uses the same scripts (a parked
page's ``click.php``, a directory's ``out.php?url=``) and the same ``rel`` values, so without such pages a
model learns "links through a redirect: spam" or "nofollow links: spam", and on real crawls it drops every
page of a site that treats its outbound links so.
"""

from __future__ import annotations

import html
import random
import re
from urllib.parse import quote

from features.urls import registered_domain, url_host

__all__ = [
    "MIN_REWRITTEN_LINKS",
    "NOFOLLOW_RELS",
    "WRAPPERS",
    "is_link_heavy",
    "nofollow_outbound_links",
    "rewrite_outbound_links",
    "wrap_outbound_links",
]

#: A drawn page is used only if at least this many of its links to other sites were rewritten.
MIN_REWRITTEN_LINKS = 3
#: Share of pages drawn among those with at least LINK_HEAVY_MIN links to other sites that make at least
#: LINK_HEAVY_SHARE of their links: pages whose links mostly go elsewhere (a network's sister sites, a
#: blogroll, a link roundup) are where a redirect script makes most links look like a directory's. About a
#: tenth of the corpus pages with a URL are such pages.
LINK_HEAVY_RATE, LINK_HEAVY_MIN, LINK_HEAVY_SHARE = 0.25, 10, 0.4
#: Share of pages whose outbound links are only wrapped, and (the next share) only marked nofollow; the
#: rest get both.
WRAP_ONLY, NOFOLLOW_ONLY = 0.4, 0.3
#: The site's own redirect scripts. ``{q}``: the target percent-encoded; ``{raw}``: as it was; ``{n}``: an
#: opaque click id; ``{proxy}``: the origin of a proxy on a sub-domain of the site.
WRAPPERS = (
    "/out?url={q}",
    "/redirect?url={q}",
    "/redirect/?to={q}",
    "/away.php?to={q}",
    "/exit?url={raw}",
    "/link?url={q}",
    "/linkfilter/?url={raw}",
    "/outbound?to={q}&src=article",
    "{proxy}/login?url={raw}",
    "{proxy}/l.php?u={q}&h={n}",
    "/click?id={n}",
    "/track/click?link={n}&url={q}",
)
#: ``rel`` values of links a site does not vouch for.
NOFOLLOW_RELS = ("nofollow", "nofollow noopener", "external nofollow", "nofollow ugc", "noopener noreferrer nofollow")
_PROXY_HOSTS = ("ezproxy.", "proxy.", "login.ezproxy.", "go.", "l.", "out.")
#: An ``<a>`` start tag with an absolute web address, in four parts: up to the address's quote, the quote,
#: the address, and the rest of the tag. (A stylesheet's or icon's ``<link href>`` is not a link a site
#: wraps or marks.)
_A_TAG_RE = re.compile(r"""(<a\s[^>]*?\bhref\s*=\s*)(["'])(https?://[^"'\s<>]+)\2([^>]*>)""", re.IGNORECASE)
_REL_RE = re.compile(r"\brel\s*=", re.IGNORECASE)
#: Any ``<a>`` start tag with an address.
_ANY_A_RE = re.compile(r"<a\s[^>]*?\bhref\s*=", re.IGNORECASE)


def is_link_heavy(page: str, url: str | None) -> bool:
    """Whether at least :data:`LINK_HEAVY_MIN` of the ``<a>`` tags of ``page``, and :data:`LINK_HEAVY_SHARE`
    of them, have an absolute address on another site than ``url``'s."""
    own = _registered_domain(url)
    outbound = sum(1 for m in _A_TAG_RE.finditer(page) if (d := _registered_domain(m.group(3))) and d != own)
    return outbound >= LINK_HEAVY_MIN and outbound >= LINK_HEAVY_SHARE * len(_ANY_A_RE.findall(page))


def _registered_domain(url: str | None) -> str:
    """The registered domain of ``url``, by the rule the features use (:func:`features.urls.url_host`);
    "" when there is none (then every other site's link is outbound)."""
    return registered_domain(url_host(url.strip())) if url else ""


def wrap_outbound_links(
    rng: random.Random, page: str, url: str | None, *, template: str | None = None, rate: float | None = None
) -> tuple[str, int]:
    """``page`` with most of its absolute links to other sites sent through one redirect script of the
    site at ``url``, and how many links were rewritten. Links to the site itself stay as they are.
    ``template`` (one of :data:`WRAPPERS`' forms) and ``rate`` (the share of links wrapped) are drawn from
    ``rng`` unless given."""
    own = _registered_domain(url)
    template = rng.choice(WRAPPERS) if template is None else template
    rate = rng.uniform(0.6, 1.0) if rate is None else rate
    proxy = f"https://{rng.choice(_PROXY_HOSTS)}{own}" if own else ""  # without a site, a path of its own
    wrapped = 0

    def rewrite(m: re.Match[str]) -> str:
        nonlocal wrapped
        target = m.group(3)
        domain = _registered_domain(target)
        if not domain or domain == own or rng.random() >= rate:
            return m.group(0)
        wrapped += 1
        href = template.format(
            q=quote(html.unescape(target), safe=""), raw=target, n=rng.randint(1, 999_999), proxy=proxy
        )
        return f"{m.group(1)}{m.group(2)}{href}{m.group(2)}{m.group(4)}"

    return _A_TAG_RE.sub(rewrite, page), wrapped


def nofollow_outbound_links(
    rng: random.Random, page: str, url: str | None, *, rel: str | None = None
) -> tuple[str, int]:
    """``page`` with a nofollow ``rel`` (one of :data:`NOFOLLOW_RELS`, drawn from ``rng`` unless given) on
    every ``<a>`` to another site that has no ``rel`` yet, and how many links changed."""
    own = _registered_domain(url)
    rel = rng.choice(NOFOLLOW_RELS) if rel is None else rel
    changed = 0

    def add_rel(m: re.Match[str]) -> str:
        nonlocal changed
        tag = m.group(0)
        domain = _registered_domain(m.group(3))
        if not domain or domain == own or _REL_RE.search(tag):
            return tag
        changed += 1
        return tag[:-1].rstrip("/ ") + f' rel="{rel}">'

    return _A_TAG_RE.sub(add_rel, page), changed


def rewrite_outbound_links(rng: random.Random, page: str, url: str | None) -> tuple[str, int]:
    """``synth_ham_outbound``'s change: outbound links wrapped (:data:`WRAP_ONLY` of pages), marked nofollow
    (:data:`NOFOLLOW_ONLY`), or both; and how many links changed (the larger count of the two)."""
    r = rng.random()
    nofollowed = wrapped = 0
    if r >= WRAP_ONLY:  # nofollow first: once wrapped, a link's address is the site's own
        page, nofollowed = nofollow_outbound_links(rng, page, url)
    if r < WRAP_ONLY or r >= WRAP_ONLY + NOFOLLOW_ONLY:
        page, wrapped = wrap_outbound_links(rng, page, url)
    return page, max(nofollowed, wrapped)
