"""The ham records as content sources: text (titles, paragraphs, blurbs) and page shells.

Text is extracted lazily, once per record, and cached; a record's extraction depends only on that record,
so what a synthetic page gets never depends on which pages were built before it (determinism).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass

import lxml.html
import tldextract
from lxml import etree

from model.corpus import Record
from model.synth import _lexicon as lex

logger = logging.getLogger(__name__)

#: Offline: the bundled public-suffix snapshot only. The synthesizer needs subdomains and suffixes, not just
#: the registered domain that features.urls gives.
_TLD_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)

#: A paragraph shorter than this (characters) is navigation or a caption, not article text.
MIN_PARAGRAPH_CHARS = 40
#: Longer "paragraphs" are usually whole-page text dumps; they are cut at a sentence boundary.
MAX_PARAGRAPH_CHARS = 1500
#: Paragraphs kept per record.
MAX_PARAGRAPHS = 60
#: Blurbs (teaser text) are cut to this many characters at a word boundary.
MAX_BLURB_CHARS = 320
#: Headings (h2/h3) kept per record, and their length bounds in characters.
MAX_HEADINGS = 30
MIN_HEADING_CHARS = 4
MAX_HEADING_CHARS = 90
#: Attempts when drawing a record that satisfies a constraint (site, language) before relaxing it.
MAX_DRAW_ATTEMPTS = 12
#: Minimum stop-word hits before a language guess from text is trusted.
MIN_STOPWORD_HITS = 5

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")
_CODEY = re.compile(r"[{};]\s*$|function\s*\(|var\s+\w+\s*=|window\.|document\.")
_TITLE_SPLIT = re.compile(r"\s+[|–—·»:-]\s+")
_WORD = re.compile(r"[^\W\d_]+", re.U)
_ASCII_WORD = re.compile(r"^[a-z]{2,12}$")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")

_TEXT_XPATH = etree.XPath("//p | //h1 | //h2 | //h3 | //title | //meta | //html")


def clean(text: str | None) -> str:
    return " ".join(text.split()) if text else ""


def cut(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters at a word boundary."""
    if len(text) <= limit:
        return text
    head = text[:limit].rsplit(" ", 1)[0]
    return head.rstrip(",;:-–") + "…" if head else text[:limit]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


def slugify(text: str, max_words: int = 9) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", folded)[:max_words]
    return "-".join(words) or "page"


def parse(html: str) -> lxml.html.HtmlElement | None:
    decl = _XML_DECL.match(html)
    if decl:
        html = html[decl.end() :]
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


@dataclass(frozen=True, slots=True)
class TextSource:
    """The reusable text of one ham record."""

    index: int
    site: str
    url: str | None
    lang: str
    title: str
    paragraphs: tuple[str, ...]
    headings: tuple[str, ...]
    blurb: str

    @property
    def usable(self) -> bool:
        return bool(self.title) and bool(self.paragraphs)


def guess_lang(declared: str, text: str) -> str:
    declared = declared[:2].lower()
    if declared:
        return declared
    words = [w.lower() for w in _WORD.findall(text[:4000])]
    scores = {lang: sum(w in stop for w in words) for lang, stop in lex.STOPWORDS.items()}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= MIN_STOPWORD_HITS else "xx"


def extract_text(index: int, record: Record, root: lxml.html.HtmlElement | None, site: str) -> TextSource:
    if root is None:
        return TextSource(index, site, record.url, "xx", "", (), (), "")
    title = h1 = desc = ""
    declared = root.get("lang") or root.get("xml:lang") or ""
    paragraphs: list[str] = []
    headings: list[str] = []
    seen: set[str] = set()
    for el in _TEXT_XPATH(root):
        tag = el.tag
        if tag == "p":
            if len(paragraphs) >= MAX_PARAGRAPHS:
                continue
            text = clean(el.text_content())
            if len(text) < MIN_PARAGRAPH_CHARS or text in seen or _CODEY.search(text):
                continue
            seen.add(text)
            paragraphs.append(cut(text, MAX_PARAGRAPH_CHARS))
        elif tag == "h1":
            h1 = h1 or clean(el.text_content())
        elif tag in ("h2", "h3"):
            text = clean(el.text_content())
            if (
                MIN_HEADING_CHARS <= len(text) <= MAX_HEADING_CHARS
                and len(headings) < MAX_HEADINGS
                and " " in text
                and not text.isupper()
                and text not in headings
            ):
                headings.append(text)
        elif tag == "title":
            title = title or clean(el.text_content())
        elif tag == "meta":
            key = (el.get("name") or el.get("property") or "").lower()
            if key in ("description", "og:description") and not desc:
                desc = clean(el.get("content"))
        elif tag == "html" and not declared:
            declared = el.get("lang") or ""
    if not h1 or len(h1) > MAX_HEADING_CHARS * 2:
        # "<headline> | <site name>" -> "<headline>"
        h1 = max(_TITLE_SPLIT.split(title), key=len) if title else ""
    blurb = cut(desc or (paragraphs[0] if paragraphs else ""), MAX_BLURB_CHARS)
    lang = guess_lang(declared, " ".join(paragraphs[:8]))
    return TextSource(index, site, record.url, lang, h1, tuple(paragraphs), tuple(headings), blurb)
