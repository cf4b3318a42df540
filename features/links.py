"""Link structure: how much of the page is links, and where they lead.

Link farms and directories are mostly anchor text pointing at many unrelated sites, often through
redirect scripts and with ``rel=nofollow``/``sponsored``. Legitimate home pages and documentation are
link-heavy too, but their links stay on the site and their anchors say where they go.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from features import lexicon
from features._common import NAN, lower_anchor_texts, per_1k_words, ratio
from features.page import Link, Page
from features.share import link_networks
from features.urls import registered_domain, web_host

#: Ratios over external links are undefined (nan) with fewer external links than this.
MIN_EXTERNAL_LINKS = 5
#: A line is a link line when at least this fraction of its characters is anchor text.
MIN_LINK_LINE_FRACTION = 0.8
#: Redirect patterns are looked for in this many leading characters of an href.
MAX_HREF_CHARS = 512
#: An address embedded by links to at least this many different hosts is the page's own (share buttons).
MIN_SHARE_SERVICES = 3
#: Fewer other sites than this linked under spam-vertical anchors count as none: one is a partner link.
MIN_MONEY_DOMAINS = 2
#: The host of an absolute web address inside a query string, plain or percent-encoded
#: (``url=https://x.org/``, ``u=https%3A%2F%2Fx.org%2F``).
_EMBEDDED_URL_RE = re.compile(r"=(?:https?(?::|%3a)(?://|%2f%2f)|(?=www\.))([a-z0-9.-]+)", re.IGNORECASE)
#: Only a short inline script without event handlers or named functions is read as a redirect on load.
#: Longer ones, and those that set ``location`` in a handler or a function called later (a search box's
#: autocomplete, an app banner's button, a key press, a click on a slideshow), act when a visitor chooses.
MAX_REDIRECT_SCRIPT_CHARS = 400
_EVENT_SCRIPT_RE = re.compile(
    r"addEventListener|\.on\(|\bon(?:click|submit|change|key\w+)\b|\.(?:click|keydown|keyup|submit|change)\(|"
    r"\bselect\s*:|\bfunction\s+[\w$]+\s*\("
)
#: A meta refresh is a redirect when it fires within this many seconds; news pages reload themselves (or
#: their home page) every few minutes.
MAX_REFRESH_SECONDS = 10
#: The delay and address of a meta refresh: ``content="0; url=https://x.org/"``.
_REFRESH_RE = re.compile(
    r"\s*(\d{1,9})?(?:\.\d*)?\s*(?:[;,]\s*(?:url\s*=\s*)?|url\s*=\s*)[\"']?([^\"'\s>]+)", re.IGNORECASE
)
#: An absolute (or scheme-relative) address assigned to ``location`` in a script: ``window.location.href =
#: "https://x.org"``, ``location = '//x.org'``, ``top.location.replace("https://x.org")``,
#: ``location.assign(...)``.
_JS_REDIRECT_RE = re.compile(
    r"""\blocation(?:\.href)?\s*=\s*["']((?:https?:)?//[^"'\s]+)|"""
    r"""\blocation\.(?:replace|assign)\(\s*["']((?:https?:)?//[^"'\s]+)""",
)


def link_density_ratio(page: Page) -> float:
    """Anchor text as a fraction of all visible text."""
    return ratio(sum(page.line_link_chars), page.char_count)


def links_per_100_words(page: Page) -> float:
    """Links (all ``<a href>``, also those beyond the analysis cap) per hundred visible words."""
    n = len(page.words)
    return 100.0 * page.link_total / n if n else NAN


def _link_lines(page: Page) -> list[int]:
    """Indices of the visible lines at least :data:`MIN_LINK_LINE_FRACTION` of whose characters are anchor
    text."""

    def compute(p: Page) -> list[int]:
        fraction = MIN_LINK_LINE_FRACTION
        pairs = enumerate(zip(p.lines, p.line_link_chars, strict=True))
        return [i for i, (line, c) in pairs if c >= fraction * len(line)]

    return page.memo("link_lines", compute)  # type: ignore[no-any-return]


def link_line_ratio(page: Page) -> float:
    """Fraction of visible lines that are (almost) nothing but a link: lists of keyword links."""
    return ratio(len(_link_lines(page)), len(page.lines))


def external_link_line_count(page: Page) -> float:
    """Visible lines that are nothing but a link to another site: the entries of a web directory or a
    link farm's lists. Documentation, home pages and menus list links too, but to their own site."""
    link_lines = set(_link_lines(page))
    return float(len({link.line for link in _external(page) if link.line in link_lines and link.text}))


def _external(page: Page) -> list[Link]:
    return page.memo("external_links", lambda p: [link for link in p.links if link.kind == "external"])  # type: ignore[no-any-return]


def external_link_ratio(page: Page) -> float:
    """Fraction of web links that leave the page's registered domain (nan when the page's URL is
    unknown, since then nothing can be called external)."""
    if not page.domain:
        return NAN
    web = [link for link in page.links if link.kind in ("external", "internal")]
    return ratio(sum(1 for link in web if link.kind == "external"), len(web))


def external_domain_count(page: Page) -> float:
    """Distinct registered domains linked to, other than the page's own."""
    return float(len({link.domain for link in _external(page) if link.domain}))


def external_domains_per_1k_words(page: Page) -> float:
    """Distinct external registered domains per thousand visible words: a link farm's density of
    unrelated sites."""
    return per_1k_words(external_domain_count(page), page)


def external_domain_diversity_ratio(page: Page) -> float:
    """Distinct external domains per external link. A page citing its sources links a few sites
    repeatedly; a link farm links each of many sites once."""
    ext = _external(page)
    if len(ext) < MIN_EXTERNAL_LINKS:
        return NAN
    return len({link.domain for link in ext}) / len(ext)


def generic_anchor_ratio(page: Page) -> float:
    """Fraction of anchors whose whole text is generic ("click here", "read more", "here", "link")."""
    texts = list(filter(None, lower_anchor_texts(page)))
    limit = lexicon.MAX_CTA_LINE_CHARS
    short = [t for t in texts if len(t) <= limit]
    return ratio(len(list(filter(None, map(lexicon.GENERIC_ANCHOR_RE.match, short)))), len(texts))


def redirect_link_ratio(page: Page) -> float:
    """Fraction of links that go through a redirect or click-tracking script (``/go?url=``,
    ``/redir?``, ``/click?id=``) to somewhere else. Share-intent links carry a URL parameter too; they are
    share rows, measured there, and do not count here; nor does a link whose embedded address is on the
    page's own site (a sign-in that returns to the page, a translation or a bookmark of it), or is the
    same address that links to several other services embed (share buttons of networks not listed, which
    all carry the page's own address, also when the page's URL is unknown)."""
    search = lexicon.REDIRECT_LINK_RE.search
    own = page.domain
    candidates: list[tuple[str, str]] = []  # (embedded domain, link host)
    for link, net in zip(page.links, link_networks(page), strict=True):
        href = link.href[:MAX_HREF_CHARS]
        # Every redirect pattern has a "?" or "&": most hrefs are ruled out without lower() and a search.
        if net is None and ("?" in href or "&" in href) and search(href.lower()):
            candidates.append((_embedded_domain(href), link.host))
    services: dict[str, set[str]] = {}
    for target, host in candidates:
        if target:
            services.setdefault(target, set()).add(host)
    shared = {t for t, hosts in services.items() if len(hosts) >= MIN_SHARE_SERVICES}
    count = sum(1 for target, _ in candidates if not target or (target != own and target not in shared))
    return ratio(count, len(page.links))


def _embedded_domain(href: str) -> str:
    """Registered domain of the first absolute web address in ``href``'s query, percent-encoded or not;
    "" when it has none."""
    m = _EMBEDDED_URL_RE.search(href, href.find("?") + 1) if "?" in href else None
    if m is None:
        return ""
    host = unquote(m.group(1)).lower()
    return registered_domain(host) if host else ""


def money_anchor_domain_count(page: Page) -> float:
    """Distinct other sites linked with an anchor that sells a spam vertical ("best online casino", "slot
    gacor", "buy cialis online", "payday loans", "replica watches", "essay writing service"; en/de/es/fr,
    some it/pt/pl/ru, Indonesian, Turkish, Vietnamese, Thai, Chinese, Japanese and Korean, see
    :data:`lexicon.MONEY_ANCHOR_PHRASES`). Sold and hacked-in links name what they
    sell and point to many different money sites; a legitimate page rarely links another site under such
    words, and then one (a news site's betting partner), so a single site counts as none: 0 below
    :data:`MIN_MONEY_DOMAINS`. A link through a redirect script counts for the site its query names."""
    search = lexicon.MONEY_ANCHOR_RE.search
    own = page.domain
    domains: set[str] = set()
    for link, low in zip(page.links, lower_anchor_texts(page), strict=True):
        if not low or link.kind not in ("external", "internal") or search(low) is None:
            continue
        if link.kind == "external":
            domains.add(link.domain or link.host)
        elif "?" in link.href and (target := _embedded_domain(link.href[:MAX_HREF_CHARS])) and target != own:
            domains.add(target)
    return float(len(domains)) if len(domains) >= MIN_MONEY_DOMAINS else 0.0


def nofollow_sponsored_ratio(page: Page) -> float:
    """Fraction of links marked ``rel=nofollow``, ``sponsored`` or ``ugc``: paid and untrusted links."""
    return ratio(
        sum(1 for link in page.links if "nofollow" in link.rel or "sponsored" in link.rel or "ugc" in link.rel),
        len(page.links),
    )


def offsite_redirect(page: Page) -> float:
    """1 when the page sends its visitor to another site as it loads: a ``<meta http-equiv="refresh">``
    to another site's address within :data:`MAX_REFRESH_SECONDS`, or a short inline script that sets or
    replaces ``location`` with one outside any event handler (:data:`MAX_REDIRECT_SCRIPT_CHARS`). A doorway
    shows a crawler its keywords and sends people on to the money site ("sneaky redirects"); a parked or
    expired domain forwards to an ad feed. A legitimate redirect (to the site's mobile pages, to a sign-in,
    to the new address of a moved page on the same site) stays on the page's own site and counts for
    nothing. When the page's URL is unknown, any absolute address counts as another site's, as for
    links."""
    targets: list[str] = []
    refresh = page.meta.get("refresh", "")
    m = _REFRESH_RE.match(refresh[:MAX_HREF_CHARS]) if refresh else None
    if m is not None and int(m.group(1) or 0) <= MAX_REFRESH_SECONDS:
        targets.append(m.group(2))
    for script in page.location_scripts:
        if len(script.strip()) <= MAX_REDIRECT_SCRIPT_CHARS and _EVENT_SCRIPT_RE.search(script) is None:
            targets.extend(a or b for a, b in _JS_REDIRECT_RE.findall(script))
    for target in targets:
        host = web_host(target.strip())
        if host and not page.is_own_site(host, registered_domain(host)):
            return 1.0
    return 0.0
