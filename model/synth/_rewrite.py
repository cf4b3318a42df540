"""Legitimate pages made by changing one thing a legitimate site may do to a real page, labelled ``ham``.

``synth_ham_wrapped``: a real page whose links to other sites go through the site's own redirect or
click-tracking script, as forums (``/out?url=``, ``/away.php?to=``), social networks (``l.php?u=``), mail
archives, newsletters, library proxies (``login?url=``) and many news sites do. Spam uses the same scripts
(a parked page's ``click.php``, a directory's ``out.php?url=``), so without such pages a model learns
"links through a redirect: spam", and on real crawls it drops every page of a site that wraps its links.
"""

from __future__ import annotations

import html
import random
import re
from urllib.parse import quote, urlsplit

from features.urls import registered_domain

__all__ = ["MIN_WRAPPED_LINKS", "WRAPPERS", "wrap_outbound_links"]

#: A page is rewritten only if it links to at least this many other sites' pages (else nothing changes).
MIN_WRAPPED_LINKS = 3
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
_PROXY_HOSTS = ("ezproxy.", "proxy.", "login.ezproxy.", "go.", "l.", "out.")
#: The address of an ``<a>`` element (a stylesheet's or icon's ``<link href>`` is not a link a site wraps).
_HREF_RE = re.compile(r"""(<a\s[^>]*?\bhref\s*=\s*)(["'])(https?://[^"'\s<>]+)\2""", re.IGNORECASE)


def _registered_domain(url: str) -> str:
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed address (e.g. a bad IPv6 literal): leave the link alone
        return ""
    return registered_domain(host)


def wrap_outbound_links(
    rng: random.Random, page: str, url: str, *, template: str | None = None, rate: float | None = None
) -> tuple[str, int]:
    """``page`` with most of its absolute links to other sites sent through one redirect script of the
    site at ``url``, and how many links were rewritten. Links to the site itself stay as they are.
    ``template`` (one of :data:`WRAPPERS`' forms) and ``rate`` (the share of links wrapped) are drawn from
    ``rng`` unless given."""
    own = _registered_domain(url)
    template = rng.choice(WRAPPERS) if template is None else template
    rate = rng.uniform(0.6, 1.0) if rate is None else rate
    proxy = f"https://{rng.choice(_PROXY_HOSTS)}{own}"
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
        return f"{m.group(1)}{m.group(2)}{href}{m.group(2)}"

    return _HREF_RE.sub(rewrite, page), wrapped
