"""One parsed, bounded view of an HTML document that every feature reads from.

A :class:`Page` is built once per document: bytes are decoded the way Scrapy decodes a response
(``w3lib.encoding.html_to_unicode``: BOM, then HTTP header, then ``<meta charset>``, then UTF-8), the text
is parsed by lxml, and one walk over the tree collects what the features need: the visible text cut into
lines at block boundaries, the headings, and the links with their anchor text. Features never parse or
walk the whole tree again; the few extra questions they ask (ad slots, meta tags) are single XPath
expressions evaluated in C.

Every size is bounded by a named constant, so a 50 MB page, a million links or 100,000-deep nesting costs
a bounded amount of time and memory.
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from w3lib.encoding import html_to_unicode

from features import lexicon
from features.urls import registered_domain

__all__ = ["MAX_BYTES", "MAX_ELEMENTS", "MAX_LINKS", "Link", "Page"]

#: Only this prefix of a document is analysed (bytes of raw input, characters of decoded input). Spam
#: structure shows well within it; the cap keeps a 50 MB page as cheap as a 2 MB one.
MAX_BYTES = 2_000_000
#: The walk stops after this many elements (a tree handed over by Scrapy is not size-capped by us).
MAX_ELEMENTS = 200_000
#: Links beyond this many are counted but not analysed one by one.
MAX_LINKS = 20_000
#: Visible lines are cut to this many characters before any pattern is matched against them.
MAX_LINE_CHARS = 2_000

#: Elements that start a new visible line.
BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
#: Elements whose content a reader never sees as text.
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "head",
        "title",
        "svg",
        "math",
        "textarea",
        "select",
        "object",
        "iframe",
        "canvas",
    ]
)
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}

_AD_SLOTS_XPATH = etree.XPath(
    "count(//ins[contains(@class,'adsbygoogle')] | //*[starts-with(@id,'div-gpt-ad')]"
    " | //*[@data-ad-slot or @data-ad-client or @data-ad-unit]"
    " | //*[contains(@id,'taboola') or contains(@class,'taboola') or contains(@class,'OUTBRAIN')"
    " or contains(@class,'outbrain') or contains(@class,'mgid')]"
    " | //iframe[contains(@src,'doubleclick') or contains(@src,'googlesyndication')])"
)
_SCRIPT_SRCS_XPATH = etree.XPath("//script/@src")
_META_XPATH = etree.XPath("//meta[@name or @property or @http-equiv]")
_CANONICAL_XPATH = etree.XPath("//link[@rel='canonical']/@href")
_BASE_XPATH = etree.XPath("//base/@href")
_TITLE_XPATH = etree.XPath("string(//title)")
_INLINE_ADS_XPATH = etree.XPath("count(//script[contains(., 'adsbygoogle')])")

_local = threading.local()


def _parser() -> lxml.html.HTMLParser:
    """lxml parsers must not be shared between threads; each thread gets its own."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = lxml.html.HTMLParser(encoding="utf-8", recover=True, remove_comments=True, remove_pis=True)
        _local.parser = parser
    return parser


@dataclass(slots=True)
class Link:
    """One ``<a href>`` in document order: the raw href, its visible anchor text and rel, and the index of
    the visible line it sits on."""

    href: str
    text: str
    rel: str
    line: int
    #: "external", "internal", "fragment", "script", "mail", or "other" (see :meth:`Page.resolve_links`).
    kind: str = ""
    host: str = ""
    domain: str = ""


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    line: int


@dataclass
class Page:
    """The parsed document and everything one walk over it found. Build it with :meth:`from_html` or
    :meth:`from_tree`; all attributes are read-only by convention."""

    url: str | None
    title: str
    lines: list[str]
    #: For each line, how many of its characters are anchor text.
    line_link_chars: list[int]
    headings: list[Heading]
    links: list[Link]
    link_total: int
    tag_counts: Counter[str]
    hidden_chars: int
    meta: dict[str, str]
    canonical: str | None
    ad_slot_count: int
    script_srcs: list[str]
    #: True when a cap (:data:`MAX_BYTES`, :data:`MAX_ELEMENTS`) cut the analysis short.
    truncated: bool
    encoding: str | None = None
    _memo: dict[str, object] = field(default_factory=dict, repr=False)

    # ---------------------------------------------------------------------------------------------------
    @classmethod
    def from_html(
        cls,
        html: str | bytes,
        url: str | None = None,
        *,
        encoding: str | None = None,
        content_type: str | None = None,
        max_bytes: int = MAX_BYTES,
    ) -> Page:
        """Decode (bytes only) and parse ``html``, analysing at most ``max_bytes`` of it.

        ``encoding`` forces a charset; otherwise ``content_type`` (an HTTP header value), a BOM or a
        ``<meta charset>`` decide, as in Scrapy. Undecodable bytes become U+FFFD; input that lxml cannot
        make a document of gives an empty page. Raises :class:`TypeError` for anything but str/bytes.
        """
        if max_bytes <= 0:
            raise ValueError(f"max_bytes must be positive, got {max_bytes}")
        truncated = len(html) > max_bytes
        if isinstance(html, (bytes, bytearray, memoryview)):
            raw = bytes(html[:max_bytes])
            if encoding:
                header = f"text/html; charset={encoding}"
            else:
                header = content_type
            detected, text = html_to_unicode(header, raw)
        elif isinstance(html, str):
            text, detected = html[:max_bytes], None
        else:
            raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
        body = text.replace("\x00", "").strip().encode("utf-8", "replace") or b"<html/>"
        try:
            root = etree.fromstring(body, _parser())
        except (etree.XMLSyntaxError, etree.ParserError, ValueError):
            root = None
        if root is None:
            root = etree.fromstring(b"<html/>", _parser())
        page = cls._walk(root, url)
        page.truncated = page.truncated or truncated
        page.encoding = detected
        return page

    @classmethod
    def from_tree(cls, root: etree._Element, url: str | None = None) -> Page:
        """Analyse an already-parsed lxml tree (e.g. ``response.selector.root`` in Scrapy), without
        copying or modifying it."""
        if not isinstance(root, etree._Element):
            raise TypeError(f"root must be an lxml element, not {type(root).__name__}")
        return cls._walk(root, url)

    # ---------------------------------------------------------------------------------------------------
    @classmethod
    def _walk(cls, root: etree._Element, url: str | None) -> Page:
        lines: list[str] = []
        line_link_chars: list[int] = []
        headings: list[Heading] = []
        links: list[Link] = []
        tag_counts: Counter[str] = Counter()
        pieces: list[str] = []
        link_chars = 0
        hidden_chars = 0
        skip_depth = hidden_depth = 0
        link_total = 0
        anchor: Link | None = None
        anchor_pieces: list[str] = []
        heading_level = 0
        heading_start = 0
        truncated = False
        n_elements = 0
        # Elements whose end must undo something their start did; identity-keyed.
        hidden_ids: set[int] = set()

        block_tags, skip_tags, heading_levels = BLOCK_TAGS, SKIP_TAGS, HEADING_LEVELS
        hidden_re = lexicon.HIDDEN_STYLE_RE.search

        def flush() -> None:
            nonlocal link_chars
            if pieces:
                line = " ".join("".join(pieces).split())
                pieces.clear()
                if line:
                    lines.append(line)
                    line_link_chars.append(min(link_chars, len(line)))
            link_chars = 0

        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag
            if not isinstance(tag, str):
                continue
            if event == "start":
                n_elements += 1
                if n_elements > MAX_ELEMENTS:
                    truncated = True
                    break
                tag_counts[tag] += 1
                if skip_depth or tag in skip_tags:
                    skip_depth += 1
                    continue
                style = el.get("style")
                if (style and hidden_re(style.lower())) or el.get("hidden") is not None:
                    hidden_depth += 1
                    hidden_ids.add(id(el))
                if tag in block_tags:
                    flush()
                if tag in heading_levels and not heading_level:
                    heading_level = heading_levels[tag]
                    heading_start = len(lines)
                elif tag == "a":
                    href = el.get("href")
                    if href is not None:
                        link_total += 1
                        if len(links) < MAX_LINKS and anchor is None:
                            anchor = Link(href.strip(), "", (el.get("rel") or "").lower(), len(lines))
                            anchor_pieces = []
                text = el.text
            else:
                if skip_depth:
                    skip_depth -= 1
                    if skip_depth:
                        continue
                    text = el.tail
                    if text:
                        if hidden_depth:
                            hidden_chars += len(text.strip())
                        else:
                            pieces.append(text)
                            if anchor is not None:
                                anchor_pieces.append(text)
                                link_chars += len(text.strip())
                    continue
                if tag == "a" and anchor is not None:
                    anchor.text = " ".join("".join(anchor_pieces).split())[:MAX_LINE_CHARS]
                    links.append(anchor)
                    anchor = None
                if tag in block_tags:
                    flush()
                if heading_level and heading_levels.get(tag) == heading_level:
                    flush()
                    text_h = " ".join(lines[heading_start:])
                    if text_h:
                        headings.append(Heading(heading_level, text_h[:MAX_LINE_CHARS], heading_start))
                    heading_level = 0
                if hidden_ids and id(el) in hidden_ids:
                    hidden_ids.discard(id(el))
                    hidden_depth -= 1
                text = el.tail
            if text:
                if hidden_depth:
                    hidden_chars += len(text.strip())
                else:
                    pieces.append(text)
                    if anchor is not None:
                        anchor_pieces.append(text)
                        link_chars += len(text.strip())
        flush()

        meta: dict[str, str] = {}
        for m in _META_XPATH(root):
            key = (m.get("name") or m.get("property") or m.get("http-equiv") or "").strip().lower()
            if key and key not in meta:
                meta[key] = (m.get("content") or "")[:MAX_LINE_CHARS]
        canonical = next(iter(_CANONICAL_XPATH(root)), None) or meta.get("og:url")
        base = next(iter(_BASE_XPATH(root)), None)
        title = " ".join(str(_TITLE_XPATH(root))[:MAX_LINE_CHARS].split())
        ad_slots = int(_AD_SLOTS_XPATH(root)) + int(_INLINE_ADS_XPATH(root))
        page = cls(
            url=url or base or canonical,
            title=title,
            lines=lines,
            line_link_chars=line_link_chars,
            headings=headings,
            links=links,
            link_total=link_total,
            tag_counts=tag_counts,
            hidden_chars=hidden_chars,
            meta=meta,
            canonical=canonical,
            ad_slot_count=ad_slots,
            script_srcs=[str(s)[:MAX_LINE_CHARS] for s in _SCRIPT_SRCS_XPATH(root)[:MAX_LINKS]],
            truncated=truncated,
        )
        page.resolve_links()
        return page

    # ---------------------------------------------------------------------------------------------------
    def resolve_links(self) -> None:
        """Classify every analysed link as external/internal/... relative to the page's own site."""
        own = self.domain
        own_host = self.host
        for link in self.links:
            href = link.href
            low = href[:16].lower()
            if not href or href.startswith("#"):
                link.kind = "fragment"
                continue
            if low.startswith("javascript:"):
                link.kind = "script"
                continue
            if low.startswith("mailto:") or low.startswith("tel:"):
                link.kind = "mail"
                continue
            if low.startswith(("http://", "https://", "//")):
                try:
                    host = urlsplit(href if not href.startswith("//") else "http:" + href).hostname or ""
                except ValueError:
                    link.kind = "other"
                    continue
                link.host = host
                link.domain = registered_domain(host)
                if (own and link.domain == own) or (own_host and host == own_host):
                    link.kind = "internal"
                else:
                    link.kind = "external"
                continue
            scheme = low.split(":", 1)[0] if ":" in low else ""
            if scheme and scheme.isalpha() and scheme not in ("http", "https"):
                link.kind = "other"
                link.host = scheme
                continue
            link.kind = "internal"
            link.host = own_host
            link.domain = own

    @cached_property
    def host(self) -> str:
        """Host name of the page's URL (or its canonical / base URL), lower-cased; "" when unknown."""
        if not self.url:
            return ""
        try:
            return (urlsplit(self.url.strip()).hostname or "").lower()
        except ValueError:
            return ""

    @cached_property
    def domain(self) -> str:
        """Registered domain of the page (``news.example.co.uk`` -> ``example.co.uk``); "" when unknown."""
        return registered_domain(self.host) if self.host else ""

    @cached_property
    def text(self) -> str:
        """All visible text, one line per block."""
        return "\n".join(self.lines)

    @cached_property
    def lower_lines(self) -> list[str]:
        """Visible lines, lower-cased and cut to :data:`MAX_LINE_CHARS` for pattern matching."""
        return [line[:MAX_LINE_CHARS].lower() for line in self.lines]

    @cached_property
    def words(self) -> list[str]:
        """Lower-cased words of the visible text (every CJK character counts as one word)."""
        return lexicon.WORD_RE.findall(self.text.lower())

    @cached_property
    def char_count(self) -> int:
        return sum(len(line) for line in self.lines)

    def memo(self, key: str, compute):  # type: ignore[no-untyped-def]
        """Cache an intermediate result that several features of one family share."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value
