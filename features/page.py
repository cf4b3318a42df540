"""One parsed, bounded view of an HTML document that every feature reads from.

A :class:`Page` is built once per document: bytes are decoded in the order Scrapy looks for a charset
(:func:`decode_html`: BOM, then HTTP header, then ``<meta charset>``, then UTF-8), the text
is parsed by lxml, and one walk over the tree collects everything the features need: the visible text cut
into lines at block boundaries, the headings, the links with their anchor text, the meta tags, script
sources and ad slots. Features never parse or walk the tree again.

Every size is bounded by a named constant, so a 50 MB page, a million links or 100,000-deep nesting costs
a bounded amount of time and memory.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any

from lxml import etree
from w3lib.encoding import html_body_declared_encoding, http_content_type_encoding, read_bom, to_unicode

from features import lexicon
from features.urls import registered_domain, url_host, web_host

__all__ = ["MAX_BYTES", "MAX_LINKS", "Heading", "Link", "Page", "decode_html"]

#: Only this prefix of a document is analysed (bytes of raw input, characters of decoded input). Spam
#: structure shows well within it; the cap keeps a 50 MB page as cheap as a 2 MB one.
MAX_BYTES = 2_000_000
#: Links beyond this many are counted but not analysed one by one.
MAX_LINKS = 20_000
#: Inline styles / ``hidden`` attributes examined for hidden text; more are ignored.
MAX_HIDING_ATTRS = 2_000
#: Headings, anchor texts, meta values and script URLs are cut to this many characters.
MAX_ITEM_CHARS = 2_000
#: Inline scripts that mention ``location`` (a redirect, maybe) are kept, this many at most, each cut to
#: MAX_SCRIPT_CHARS characters.
MAX_LOCATION_SCRIPTS = 20
MAX_SCRIPT_CHARS = 4_000

#: Elements that start a new visible line.
BLOCK_TAGS = frozenset(
    """address article aside blockquote body br caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form header hgroup hr html li main menu nav ol pre section summary table
    tbody td tfoot th thead tr ul""".split()
)
#: Elements whose content a reader never sees as text.
SKIP_TAGS = frozenset("style noscript template svg math textarea select object canvas".split())

# The walk is an XSLT stylesheet run by libxslt: it flattens the tree into one string of visible text in
# which block boundaries, links, headings and a few records (title, meta, scripts, ad slots, hidden text)
# are marked with characters from Unicode's supplementary private use area, which real text does not use.
# Python then reads that string once. This keeps the per-element work in C.
_BR = "\U000f0000"  # line break at a block boundary
_LINK_OPEN, _SEP, _LINK_TEXT, _LINK_END = "\U000f0001", "\U000f0002", "\U000f0003", "\U000f0004"
_HEAD_OPEN, _HEAD_END = "\U000f0005", "\U000f0006"
_AD = "\U000f000a"  # an ad slot
_REC = "\U000f0009"  # a record on a line of its own: one letter of kind, then its payload
#: A line that is exactly one link (menus, lists of links): read with one match instead of the general loop.
_WHOLE_LINK_RE = re.compile(
    f"{_LINK_OPEN}([^{_SEP}]*){_SEP}([^{_LINK_TEXT}]*){_LINK_TEXT}([^{_LINK_OPEN}-{_AD}]*){_LINK_END}"
)
_MARK_RE = re.compile(
    f"{_LINK_OPEN}([^{_SEP}]*){_SEP}([^{_LINK_TEXT}]*){_LINK_TEXT}|{_LINK_END}|{_HEAD_OPEN}([1-6])|{_HEAD_END}|{_AD}"
)


#: The scheme of a URL.
_SCHEME_RE = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _xml_char(c: str) -> str:
    return f"&#x{ord(c):X};"


#: Ad slots by markup: AdSense ``<ins class=adsbygoogle>``, GPT ``div-gpt-ad-*`` containers, Taboola /
#: Outbrain / MGID widget containers, and iframes served by ad networks. Tested on ``ins``, ``div`` and
#: ``iframe`` only: a test on every element would cost more than the whole walk.
_AD_INS_TEST = "contains(@class,'adsbygoogle') or @data-ad-slot or @data-ad-client"
_AD_DIV_TEST = (
    "(@id and (starts-with(@id,'div-gpt-ad') or contains(@id,'taboola') or contains(@id,'outbrain'))) or "
    "(@class and (contains(@class,'OUTBRAIN') or contains(@class,'taboola') or contains(@class,'mgid') or "
    "contains(@class,'adsbygoogle')))"
)
#: Every string :data:`_AD_DIV_TEST` looks for. A document none of whose divs has one of them in its id or
#: class (most pages) is flattened by a stylesheet without the test: evaluating it on every div is a third
#: of the walk, and the output is the same.
_AD_DIV_WORDS = ("div-gpt-ad", "taboola", "outbrain", "OUTBRAIN", "mgid", "adsbygoogle")
_DIV_ID_CLASS_XPATH = etree.XPath("//div/@id | //div/@class", smart_strings=False)
_AD_IFRAME_TEST = " or ".join(
    f"contains(@src,'{h}')" for h in ("doubleclick", "googlesyndication", "taboola", "outbrain")
)
#: Attributes that may hide an element's text; evaluated in Python on the few elements that have them.
_HIDING_ATTRS_XPATH = etree.XPath("//@style | //@hidden")
#: An element's text (compiled once: ``element.xpath(...)`` would compile it for every element).
_STRING_XPATH = etree.XPath("string()")
_HIDDEN_HREFS_XPATH = etree.XPath("descendant-or-self::a/@href")

_BR_X, _REC_X = _xml_char(_BR), _xml_char(_REC)
_AD_DIV_IF = f'<xsl:if test="{_AD_DIV_TEST}">{_xml_char(_AD)}</xsl:if>'
_STYLESHEET = f"""<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
<xsl:output method="text" encoding="UTF-8"/>
<xsl:template match="script"><xsl:choose>
  <xsl:when test="@src">{_BR_X}{_REC_X}S<xsl:value-of select="@src"/>{_BR_X}</xsl:when>
  <xsl:otherwise>
    <xsl:variable name="code" select="string(.)"/>
    <xsl:if test="contains($code, 'adsbygoogle')">{_xml_char(_AD)}</xsl:if>
    <xsl:if test="contains($code, 'location')">{_BR_X}{_REC_X}J<xsl:value-of
      select="translate(substring($code, 1, {MAX_SCRIPT_CHARS}), '{_BR_X}', ' ')"/>{_BR_X}</xsl:if>
  </xsl:otherwise>
</xsl:choose></xsl:template>
<xsl:template match="{"|".join(sorted(SKIP_TAGS))}"/>
<xsl:template match="iframe"><xsl:if test="{_AD_IFRAME_TEST}">{_xml_char(_AD)}</xsl:if></xsl:template>
<xsl:template match="title">{_BR_X}{_REC_X}T<xsl:value-of select="."/>{_BR_X}</xsl:template>
<xsl:template match="meta[@name or @property or @http-equiv]">{_BR_X}{_REC_X}M<xsl:value-of
  select="(@name|@property|@http-equiv)[1]"/>{_xml_char(_SEP)}<xsl:value-of select="@content"/>{_BR_X}</xsl:template>
<xsl:template match="link[translate(@rel, 'CANONIL', 'canonil')='canonical']">{_BR_X}{_REC_X}C<xsl:value-of
  select="@href"/>{_BR_X}</xsl:template>
<xsl:template match="base[@href]">{_BR_X}{_REC_X}B<xsl:value-of select="@href"/>{_BR_X}</xsl:template>
<xsl:template match="a[@href]">{_xml_char(_LINK_OPEN)}<xsl:value-of
  select="@href"/>{_xml_char(_SEP)}<xsl:value-of select="@rel"/>{_xml_char(_LINK_TEXT)}<xsl:apply-templates
  />{_xml_char(_LINK_END)}</xsl:template>
<xsl:template match="h1|h2|h3|h4|h5|h6">{_BR_X}{_xml_char(_HEAD_OPEN)}<xsl:value-of
  select="substring(local-name(), 2, 1)"/><xsl:apply-templates/>{_xml_char(_HEAD_END)}{_BR_X}</xsl:template>
<xsl:template match="ins"><xsl:if test="{_AD_INS_TEST}">{_xml_char(_AD)}</xsl:if><xsl:apply-templates
  /></xsl:template>
<xsl:template match="div">{_BR_X}{_AD_DIV_IF}<xsl:apply-templates/>{_BR_X}</xsl:template>
<xsl:template match="p">{_BR_X}{_REC_X}P{_BR_X}<xsl:apply-templates/>{_BR_X}</xsl:template>
<xsl:template match="{"|".join(sorted(BLOCK_TAGS - {"div"}))}">{_BR_X}<xsl:apply-templates/>{_BR_X}</xsl:template>
</xsl:stylesheet>"""

_local = threading.local()


def _hidden_text(root: etree._Element) -> tuple[int, list[str]]:
    """Characters of text, and the hrefs of links, inside elements hidden by an inline style or the
    ``hidden`` attribute. Such text and links still reach a crawler (and :attr:`Page.lines`): a doorway
    page's stuffed keywords, a hacked page's block of pharma links."""
    total = 0
    hrefs: list[str] = []
    search = lexicon.HIDDEN_STYLE_RE.search
    seen: set[etree._Element] = set()
    for value in _HIDING_ATTRS_XPATH(root)[:MAX_HIDING_ATTRS]:
        if value.attrname == "style" and not search(value.lower()):
            continue
        el = value.getparent()
        if el is None or (seen and any(a in seen for a in el.iterancestors())):
            continue
        seen.add(el)
        total += len(" ".join(_STRING_XPATH(el).split()))
        if len(hrefs) < MAX_LINKS:
            hrefs.extend(h.strip()[:MAX_ITEM_CHARS] for h in _HIDDEN_HREFS_XPATH(el)[: MAX_LINKS - len(hrefs)])
    return total, hrefs


#: Encoding assumed when neither a BOM, the header nor a ``<meta charset>`` names one (Scrapy's default).
DEFAULT_ENCODING = "utf-8"


def decode_html(raw: bytes, content_type: str | None = None) -> tuple[str, str]:
    """``(encoding, text)`` of an HTML body, in the order a Scrapy response looks for its charset: a
    byte-order mark, then the charset of the HTTP ``Content-Type`` header, then a ``<meta charset>`` (or
    ``http-equiv``) declaration. Where none names one: UTF-8, where Scrapy would try to detect a charset
    from the bytes. Undecodable bytes become U+FFFD; nothing is guessed, so the same body always decodes
    the same way, whatever is installed.

    Spelled out with w3lib's parts rather than left to ``w3lib.encoding.html_to_unicode``, whose rules
    changed in w3lib 2.6 (without a declared charset it guesses one from the bytes, as a browser does)."""
    enc, bom = read_bom(raw)
    if enc is not None and bom is not None:
        return enc, to_unicode(raw[len(bom) :], enc)
    enc = http_content_type_encoding(content_type) or html_body_declared_encoding(raw) or DEFAULT_ENCODING
    return enc, to_unicode(raw, enc)


def _body_bytes(text: str) -> bytes:
    """What lxml parses: the text without NUL characters and outer whitespace, as UTF-8."""
    return text.replace("\x00", "").strip().encode("utf-8", "replace") or b"<html/>"


def _utf8_body(header: str | None, raw: bytes) -> tuple[str, bytes] | None:
    """:func:`decode_html`'s encoding and :func:`_body_bytes` of its text, for input it decodes as UTF-8
    without an error (most pages), computed on the bytes: decoding and encoding again would give them back.
    None for anything else (a BOM, another charset, invalid UTF-8, or a first or last character that
    ``str.strip`` would remove but ``bytes.strip`` does not), which takes the general path."""
    if read_bom(raw)[0] is not None:  # the steps of decode_html, without decoding
        return None
    enc = http_content_type_encoding(header) or html_body_declared_encoding(raw) or DEFAULT_ENCODING
    if enc not in ("utf-8", "utf8"):
        return None
    if not raw.isascii():
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            return None
    body = raw.replace(b"\x00", b"").strip()
    if not body or not (0x20 < body[0] < 0x80 and 0x20 < body[-1] < 0x80):
        return None
    return enc, body


def _flattener(root: etree._Element) -> etree.XSLT:
    """The compiled stylesheet for ``root``: without the ad test on divs when no div could pass it (the
    output is the same, sooner). Like parsers, one pair per thread."""
    pair = getattr(_local, "xslt", None)
    if pair is None:
        no_div_test = _STYLESHEET.replace(_AD_DIV_IF, "")
        pair = _local.xslt = tuple(etree.XSLT(etree.XML(x.encode("utf-8"))) for x in (_STYLESHEET, no_div_test))
    id_class = "\n".join(_DIV_ID_CLASS_XPATH(root))
    return pair[0] if any(w in id_class for w in _AD_DIV_WORDS) else pair[1]


def _parser() -> etree.HTMLParser:
    """lxml parsers must not be shared between threads; each thread gets its own. A plain
    ``etree.HTMLParser`` (not ``lxml.html``'s) avoids a Python class lookup for every element."""
    parser = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.HTMLParser(encoding="utf-8", recover=True, remove_comments=True, remove_pis=True)
        _local.parser = parser
    return parser


@dataclass(slots=True)
class Link:
    """One ``<a href>`` in document order: the raw href, its visible anchor text and rel, and the index of
    the visible line it starts on. ``kind`` is "external", "internal", "fragment", "script", "mail" or
    "other" (a non-web scheme, kept in ``host``); ``domain`` is the registered domain of web links."""

    href: str
    text: str
    rel: str
    line: int
    kind: str = ""
    host: str = ""
    domain: str = ""


@dataclass(slots=True)
class Heading:
    level: int
    text: str
    #: Index of the heading's first visible line.
    line: int


@dataclass
class Page:
    """The parsed document and everything one walk over it found. Build it with :meth:`from_html` or
    :meth:`from_tree`; treat it as read-only."""

    url: str | None
    title: str
    lines: list[str]
    #: For each line, how many of its characters are anchor text.
    line_link_chars: list[int]
    headings: list[Heading]
    links: list[Link]
    #: All ``<a href>`` elements, including those beyond :data:`MAX_LINKS`.
    link_total: int
    #: ``<p>`` elements.
    paragraph_count: int
    #: Characters of text inside elements hidden by inline style or the ``hidden`` attribute.
    hidden_chars: int
    meta: dict[str, str]
    canonical: str | None
    #: Ad slots found by markup (AdSense ``ins``, GPT divs, ``data-ad-*``, recommendation widgets).
    ad_slot_count: int
    script_srcs: list[str]
    #: True when :data:`MAX_BYTES` cut the analysis short.
    truncated: bool
    encoding: str | None = None
    #: The hrefs of links inside hidden elements (see :attr:`hidden_chars`), at most :data:`MAX_LINKS`.
    hidden_hrefs: list[str] = field(default_factory=list)
    #: Inline scripts that mention ``location`` (see :data:`MAX_LOCATION_SCRIPTS`).
    location_scripts: list[str] = field(default_factory=list)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)

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
            header = f"text/html; charset={encoding}" if encoding else content_type
            raw = bytes(html[:max_bytes])
            fast = _utf8_body(header, raw)  # most pages: neither decoded nor encoded again
            if fast is not None:
                detected, body = fast
            else:
                detected, text = decode_html(raw, header)
                body = _body_bytes(text)
        elif isinstance(html, str):
            body, detected = _body_bytes(html[:max_bytes]), None
        else:
            raise TypeError(f"html must be str or bytes, not {type(html).__name__}")
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
        copying or modifying it. The whole tree is analysed: a caller holding a document larger than
        :data:`MAX_BYTES` should pass its bytes to :meth:`from_html` instead, which analyses a prefix."""
        if not isinstance(root, etree._Element):
            raise TypeError(f"root must be an lxml element, not {type(root).__name__}")
        return cls._walk(root, url)

    # ---------------------------------------------------------------------------------------------------
    @classmethod
    def _walk(cls, root: etree._Element, url: str | None) -> Page:
        """Run the flattening stylesheet over the tree and read its output stream in one pass."""
        # Hidden text first: the first walk over a freshly parsed tree is the slow one, and after it the
        # check that picks the stylesheet costs little.
        hidden_chars, hidden_hrefs = _hidden_text(root)
        try:
            stream = str(_flattener(root)(root))
        except etree.XSLTApplyError:
            # Deeper than the stylesheet may recurse: only a tree handed over by the caller can be (our
            # own parser caps nesting at 255). Serialize it and analyse it as if freshly downloaded.
            return cls.from_html(etree.tostring(root, encoding="utf-8")[:MAX_BYTES], url)
        page = cls._read_stream(stream, url, hidden_chars)
        page.hidden_hrefs = hidden_hrefs
        return page

    @classmethod
    def _read_stream(cls, stream: str, url: str | None, hidden_chars: int) -> Page:
        lines: list[str] = []
        line_link_chars: list[int] = []
        headings: list[Heading] = []
        links: list[Link] = []
        meta: dict[str, str] = {}
        script_srcs: list[str] = []
        location_scripts: list[str] = []
        title_parts: list[str] = []
        canonical: str | None = None
        base: str | None = None
        ad_slots = paragraphs = link_total = 0
        anchor: Link | None = None
        anchor_parts: list[str] = []
        heading_level = heading_start = 0

        add_line, add_link_chars, whole_link = lines.append, line_link_chars.append, _WHOLE_LINK_RE.fullmatch
        for chunk in filter(None, map(str.strip, stream.split(_BR))):
            first = chunk[0]
            if first == _REC:
                kind, payload = chunk[1:2], chunk[2:]
                if kind == "P":
                    paragraphs += 1
                elif kind == "S":
                    if len(script_srcs) < MAX_LINKS:
                        script_srcs.append(payload[:MAX_ITEM_CHARS])
                elif kind == "J":
                    if len(location_scripts) < MAX_LOCATION_SCRIPTS:
                        location_scripts.append(payload)
                elif kind == "M":
                    key, _, value = payload.partition(_SEP)
                    key = key.strip().lower()
                    if key and key not in meta:
                        meta[key] = value[:MAX_ITEM_CHARS]
                elif kind == "T":
                    title_parts.append(payload)
                elif kind == "C":
                    canonical = canonical or payload.strip()
                elif kind == "B":
                    base = base or payload.strip()
                continue
            if chunk.isascii() or (  # no marks: plain text
                _LINK_OPEN not in chunk
                and _LINK_END not in chunk
                and _HEAD_OPEN not in chunk
                and _HEAD_END not in chunk
                and _AD not in chunk
            ):
                line = " ".join(chunk.split())
                add_line(line)
                if anchor is None:
                    add_link_chars(0)
                else:
                    anchor_parts.append(line)
                    add_link_chars(len(line))
                continue
            if first == _LINK_OPEN and anchor is None and (m := whole_link(chunk)) is not None:
                href, rel, text = m.groups()
                line = " ".join(text.split())
                link_total += 1
                if len(links) < MAX_LINKS:
                    links.append(Link(href.strip()[:MAX_ITEM_CHARS], line[:MAX_ITEM_CHARS], rel.lower(), len(lines)))
                if line:
                    add_line(line)
                    add_link_chars(len(line))
                continue
            # A line with link or heading marks: cut it at the marks and account for every piece.
            text_parts: list[str] = []
            link_chars = 0
            pos = 0
            for m in chain(_MARK_RE.finditer(chunk), (None,)):  # None: the text after the last mark
                piece = chunk[pos : m.start() if m is not None else len(chunk)]
                if piece:
                    text_parts.append(piece)
                    if anchor is not None:
                        anchor_parts.append(piece)
                        link_chars += len(piece.strip())
                if m is None:
                    break
                mark = m.group(0)
                pos = m.end()
                c = mark[0]
                if c == _LINK_OPEN:
                    link_total += 1
                    if anchor is None and len(links) < MAX_LINKS:
                        anchor = Link(m.group(1).strip()[:MAX_ITEM_CHARS], "", m.group(2).lower(), len(lines))
                        anchor_parts = []
                elif c == _LINK_END:
                    if anchor is not None:
                        anchor.text = " ".join(" ".join(anchor_parts).split())[:MAX_ITEM_CHARS]
                        links.append(anchor)
                        anchor = None
                elif c == _HEAD_OPEN:
                    if not heading_level:
                        heading_level = int(m.group(3))
                        heading_start = len(lines)
                elif c == _AD:
                    ad_slots += 1
                elif c == _HEAD_END and heading_level:
                    # The heading's text is on the lines since its start plus this line so far.
                    so_far = " ".join(" ".join(text_parts).split())
                    text_h = " ".join([*lines[heading_start:], so_far]).strip()
                    if text_h:
                        headings.append(Heading(heading_level, text_h[:MAX_ITEM_CHARS], heading_start))
                    heading_level = 0
            line = " ".join("".join(text_parts).split())
            if line:
                lines.append(line)
                line_link_chars.append(min(link_chars, len(line)))
        if anchor is not None:
            anchor.text = " ".join(" ".join(anchor_parts).split())[:MAX_ITEM_CHARS]
            links.append(anchor)

        canonical = canonical or meta.get("og:url")
        page = cls(
            url=url or base or canonical,
            title=" ".join(" ".join(title_parts)[:MAX_ITEM_CHARS].split()),
            lines=lines,
            line_link_chars=line_link_chars,
            headings=headings,
            links=links,
            link_total=link_total,
            paragraph_count=paragraphs,
            hidden_chars=hidden_chars,
            meta=meta,
            canonical=canonical,
            ad_slot_count=ad_slots,
            script_srcs=script_srcs,
            truncated=False,
        )
        page.location_scripts = location_scripts
        page._resolve_links()
        return page

    # ---------------------------------------------------------------------------------------------------
    def _resolve_links(self) -> None:
        """Classify every analysed link relative to the page's own site."""
        own, own_host = self.domain, self.host
        scheme_match, is_own_site = _SCHEME_RE.match, self.is_own_site
        for link in self.links:
            href = link.href
            if not href or href[0] == "#":
                link.kind = "fragment"
                continue
            if href[0] == "/" and href[1:2] != "/":  # a path: neither pattern below can match
                link.kind, link.host, link.domain = "internal", own_host, own
                continue
            host = web_host(href)
            if host is not None:
                link.host = host
                link.domain = domain = registered_domain(host)
                link.kind = "internal" if is_own_site(host, domain) else "external"
                continue
            s = scheme_match(href)
            if s is not None:
                scheme = s.group(1).lower()
                if scheme == "javascript":
                    link.kind = "script"
                elif scheme in ("mailto", "tel", "sms"):
                    link.kind = "mail"
                elif scheme in ("http", "https"):  # "http:foo" - relative in practice
                    link.kind, link.host, link.domain = "internal", own_host, own
                else:
                    link.kind, link.host = "other", scheme
                continue
            link.kind, link.host, link.domain = "internal", own_host, own

    def is_own_site(self, host: str, domain: str) -> bool:
        """Whether a web address with this ``host`` (and registered ``domain``) is on the page's own site: the
        page's registered domain, or its very host."""
        own = self.domain
        return bool(own and domain == own) or host == self.host

    @cached_property
    def host(self) -> str:
        """Host name of the page's URL (or its ``<base>`` / canonical URL), lower-cased; "" when unknown."""
        return url_host(self.url.strip()) if self.url else ""

    @cached_property
    def domain(self) -> str:
        """Registered domain of the page (``news.example.co.uk`` -> ``example.co.uk``); "" when unknown."""
        return registered_domain(self.host) if self.host else ""

    @cached_property
    def text(self) -> str:
        """All visible text, one line per block."""
        return "\n".join(self.lines)

    @cached_property
    def lower_text(self) -> str:
        return self.text.lower()

    @cached_property
    def lower_lines(self) -> list[str]:
        """Visible lines, lower-cased."""
        return self.lower_text.split("\n") if self.lines else []

    @cached_property
    def line_words(self) -> list[list[str]]:
        """Lower-cased words of each visible line (every CJK character counts as one word)."""
        return lexicon.words_by_line(self.lower_text) if self.lines else []

    @cached_property
    def words(self) -> list[str]:
        """Lower-cased words of the visible text, in order."""
        return list(chain.from_iterable(self.line_words))

    @cached_property
    def char_count(self) -> int:
        return sum(map(len, self.lines))

    def memo(self, key: str, compute: Any) -> Any:
        """Cache an intermediate result that several features of one family share."""
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(self)
            return value
