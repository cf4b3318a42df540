"""Invented domains and URLs shaped like the ham corpus' URLs.

A page URL copies the *shape* of a randomly drawn ham URL (scheme, www or not, path depth, date and id
segments, extension, query keys) and replaces the site with an invented registered domain (word
combinations, public suffix drawn with the ham corpus' suffix frequencies) and the slug with the page's
own title.
"""

from __future__ import annotations

import random
import re
from urllib.parse import quote, urlsplit

from model.synth._pool import SourcePool
from model.synth._sources import slugify

#: Share of invented domain names made of one word when a word of the wanted length exists.
ONE_WORD_DOMAIN_RATE = 0.4
#: Longest word used in invented domain names.
MAX_WORD_CHARS = 12
#: Names shorter than this are one word.
MIN_TWO_WORD_CHARS = 7
#: Share of invented domains with a digit run ("news24").
DIGIT_DOMAIN_RATE = 0.06

#: Redraws of an invented domain that happens to be a real ham site.
MAX_DOMAIN_ATTEMPTS = 5

_NUMERIC = re.compile(r"^\d+$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_SLUGGY = re.compile(r"[-_]")
_EXT = re.compile(r"(\.[a-z]{2,5})$")
_DIGITS = re.compile(r"\d")
_FIRST_YEAR, _LAST_YEAR = 2009, 2026


def draw_template(pool: SourcePool, rng: random.Random) -> int | None:
    """Index of a random ham URL shape, or ``None`` when the ham has no usable URLs."""
    return rng.randrange(len(pool.url_templates)) if pool.url_templates else None


def invent_domain(pool: SourcePool, rng: random.Random, template: int | None = None) -> str:
    """A registered domain shaped like a ham URL's, and not one of the ham sites."""
    if template is None:
        template = draw_template(pool, rng)
    for _ in range(MAX_DOMAIN_ATTEMPTS):
        domain = _one_domain(pool, rng, template)
        if domain not in pool.site_set:
            return domain
    return domain


def _word_of_length(pool: SourcePool, rng: random.Random, length: int) -> str | None:
    same = pool.words_by_length.get(length)
    return rng.choice(same) if same else None


def _one_domain(pool: SourcePool, rng: random.Random, template: int | None) -> str:
    """Word combination with the exact length, hyphenation and suffix of a ham URL's registered domain."""
    if template is not None:
        length, hyphen, suffix = pool.url_templates[template][4:]
    else:
        length, hyphen, suffix = rng.randint(5, 16), False, rng.choice(pool.suffixes)
    name = None
    if not hyphen and (length < MIN_TWO_WORD_CHARS or rng.random() < ONE_WORD_DOMAIN_RATE):
        name = _word_of_length(pool, rng, length)
    if name is None and length >= MIN_TWO_WORD_CHARS:
        parts: list[str] = []
        remaining = length - (1 if hyphen else 0)
        while remaining > 0:
            if remaining <= MAX_WORD_CHARS and (parts or rng.random() < 0.2):
                word = _word_of_length(pool, rng, remaining)
            else:
                word = _word_of_length(pool, rng, rng.randint(3, min(MAX_WORD_CHARS, max(3, remaining - 3))))
            if word is None:
                break
            parts.append(word)
            remaining -= len(word)
        if remaining == 0 and parts:
            name = ("-" if hyphen else "").join(parts[:2]) + "".join(parts[2:])
    if name is None:
        name = rng.choice(pool.domain_words)
    if rng.random() < DIGIT_DOMAIN_RATE:
        name += str(rng.choice((24, 1, 7, 360, 365, 4)))
    return f"{name}.{suffix}"


def _redigit(segment: str, rng: random.Random) -> str:
    if _YEAR.match(segment):
        return str(rng.randint(_FIRST_YEAR, _LAST_YEAR))
    if len(segment) == 2 and _NUMERIC.match(segment):
        return f"{rng.randint(1, 12):02d}" if int(segment) <= 12 else f"{rng.randint(1, 28):02d}"
    return _DIGITS.sub(lambda _m: str(rng.randrange(10)), segment)


def page_url(
    pool: SourcePool,
    rng: random.Random,
    domain: str,
    title: str,
    *,
    host_prefix: str | None = None,
    template: int | None = None,
) -> str:
    """A URL on ``domain`` for a page titled ``title``, shaped like a random ham URL."""
    if not pool.url_templates:
        slug = slugify(title, rng.randint(4, 10))
        year, month = rng.randint(_FIRST_YEAR, _LAST_YEAR), rng.randint(1, 12)
        return f"https://www.{domain}/{year}/{month:02d}/{slug}.html"
    if template is None:
        template = rng.randrange(len(pool.url_templates))
    scheme, sub, path, query_t = pool.url_templates[template][:4]
    if host_prefix is None:
        host_prefix = f"{sub}." if sub else ""
    segments = path.split("/")
    out = []
    slug_done = False
    for seg in segments:
        if not seg:
            out.append(seg)
            continue
        ext_match = _EXT.search(seg)
        ext = ext_match.group(1) if ext_match else ""
        stem = seg[: -len(ext)] if ext else seg
        if _NUMERIC.match(stem):
            out.append(_redigit(stem, rng) + ext)
        elif _DIGITS.search(stem) and sum(c.isdigit() for c in stem) * 3 >= len(stem):
            out.append(_redigit(stem, rng) + ext)  # an id segment such as "8301-1023_3-57542081"
        elif _SLUGGY.search(stem) or len(stem) > 20:
            tail = re.search(r"[-_.](\d{3,})$", stem)
            body = stem[: tail.start()] if tail else stem
            sep = "_" if body.count("_") > body.count("-") else "-"
            n_words = max(1, len(re.split(r"[-_]+", body)))
            words = slugify(title, n_words).split("-") if not slug_done else []
            while len(words) < n_words:
                words.append(rng.choice(pool.domain_words))
            new = sep.join(words)
            if tail:
                new += stem[tail.start()] + _redigit(tail.group(1), rng)
            slug_done = True
            out.append(new + ext)
        elif _DIGITS.search(stem):
            out.append(_redigit(stem, rng) + ext)
        else:
            out.append(seg)
    path = "/".join(out) or "/"
    query = ""
    if query_t:
        query = "?" + "&".join(
            f"{kv.split('=', 1)[0]}={_redigit(kv.split('=', 1)[1], rng)}" if "=" in kv else kv
            for kv in query_t.split("&")[:3]
        )
    return f"{scheme}://{host_prefix}{domain}{path}{query}"


def home_url(
    rng: random.Random,
    domain: str,
    path: str = "/",
    pool: SourcePool | None = None,
    template: int | None = None,
) -> str:
    """``path`` on ``domain``; scheme and subdomain like a ham URL's when ``pool`` is given."""
    if pool is not None and pool.url_templates:
        if template is None:
            template = rng.randrange(len(pool.url_templates))
        scheme, sub = pool.url_templates[template][:2]
        return f"{scheme}://{sub + '.' if sub else ''}{domain}{path}"
    scheme = "https" if rng.random() < 0.8 else "http"
    www = "www." if rng.random() < 0.6 else ""
    return f"{scheme}://{www}{domain}{path}"


def section_path(rng: random.Random, name: str) -> str:
    slug = slugify(name, 3)
    return rng.choice((f"/{slug}/", f"/category/{slug}/", f"/{slug}", f"/news/{slug}/", f"/{slug}/index.html"))


def same_site_url(pool: SourcePool, rng: random.Random, base: str | None, domain: str, title: str) -> str:
    """A link to another page of the same site, absolute or root-relative like real sites mix them."""
    url = page_url(pool, rng, domain, title)
    if base and rng.random() < 0.5:
        split = urlsplit(url)
        return split.path + (f"?{split.query}" if split.query else "")
    return url


def share_url(template: str, url: str) -> str:
    return template.format(u=quote(url, safe=""))
