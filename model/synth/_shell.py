"""Page shells: a ham page's own <head>, header, navigation and footer around synthetic content.

The raw text of the ham page is kept byte for byte (doctype, comments, head with its scripts, styles and
meta tags, header, navigation, footer) except at the content slot: lxml finds the element holding the main
text once per record, the slot is located in the raw text, and the synthetic fragment replaces its content
(or is injected after one of its paragraphs). Re-serializing with lxml would change the shell's idioms
(``<br />``, character references) and give synthetic pages away. Title and description meta tags are
rewritten for the new page, and the ham site's domain is replaced by the synthetic page's domain everywhere,
so internal links stay internal. A minimal hand-built shell is used for some pages (and most parked ones).
"""

from __future__ import annotations

import html
import random
import re
from collections import Counter
from dataclasses import dataclass, field

import lxml.html
from lxml import etree

from model.synth import _lexicon as lex
from model.synth._sources import MIN_PARAGRAPH_CHARS, slugify

#: The placeholder the content fragment replaces when a page is rendered.
SLOT_TAG = "synthslot"
SLOT = f"<{SLOT_TAG}></{SLOT_TAG}>"
#: Text put into the shell's first <h1> in replace mode; rendering swaps in the new page title.
TITLE_SLOT = "synthtitleslot"
#: Class tokens harvested from a shell for the synthetic markup.
MAX_SHELL_CLASSES = 80
#: Share of the slot's paragraphs after which an injected block may be placed (the rest: at the end).
MIN_P_FOR_SLOT = 2

_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.I)
_BODY_CLOSE = re.compile(r"</body\s*>", re.I)
_HEAD_CLOSE = re.compile(r"</head\s*>", re.I)
#: A page's ``<title>`` element: groups the start tag, the text and the end tag.
TITLE_RE = re.compile(r"(<title\b[^>]*>)(.*?)(</title\s*>)", re.I | re.S)
_META = re.compile(r"<meta\b[^>]*>", re.I)
_META_KEY = re.compile(r"""\b(?:name|property)\s*=\s*["']?([\w:.-]+)""", re.I)
_META_CONTENT = re.compile(r"""(\bcontent\s*=\s*)(["'])(.*?)\2""", re.I | re.S)

_TITLE_KEYS = frozenset({"og:title", "twitter:title"})
_DESC_KEYS = frozenset({"description", "og:description", "twitter:description"})

#: Generic class names of common CMS themes, mixed with the shell's own classes.
GENERIC_CLASSES = (
    "post",
    "entry",
    "item",
    "card",
    "news-item",
    "teaser",
    "article-item",
    "story",
    "list-item",
    "widget",
    "box",
    "media",
    "row",
    "col-md-4",
    "col-sm-6",
    "grid-item",
    "td-module",
    "post-item",
    "content-block",
    "listing",
    "module",
    "block",
    "tile",
    "feed-item",
    "headline",
    "summary",
    "excerpt",
    "entry-title",
    "post-title",
    "title",
    "meta",
    "links",
    "section",
    "container",
    "wrapper",
    "inner",
    "clearfix",
)


def esc(text: str) -> str:
    """Text-node escaping as lxml serializes it."""
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


@dataclass
class Shell:
    prefix: str
    body: str  # serialized body content containing SLOT once
    suffix: str
    site_domain: str | None = None  # registered domain of the ham page the shell came from
    classes: list[str] = field(default_factory=list)
    entities: bool = False  # the shell writes non-ASCII text as character references
    xhtml: bool = False  # the shell closes void elements XHTML-style ("<br />")
    minified: bool = False  # the shell's body has (almost) no line breaks

    def adapt(self, markup: str) -> str:
        """``markup`` written in the shell's own idioms (character references, void-element slashes)."""
        if self.xhtml:
            markup = _XHTML_VOID.sub(lambda m: f"<{m.group(1)}{m.group(2)} />", markup)
        if self.entities:
            markup = markup.encode("ascii", "xmlcharrefreplace").decode("ascii")
        if self.minified:
            markup = markup.replace("\n", "")
        return markup

    def render(
        self,
        fragment: str,
        *,
        title: str | None,
        description: str | None,
        head_extra: str = "",
        meta_keywords: str | None = None,
        new_domain: str | None = None,
    ) -> str:
        prefix = self.prefix
        if title is not None:
            prefix = _set_title(prefix, title, self.adapt)
            prefix = _set_meta(prefix, _TITLE_KEYS, title)
        if description is not None:
            prefix = _set_meta(prefix, _DESC_KEYS, description)
        if meta_keywords is not None:
            if _set_meta(prefix, frozenset({"keywords"}), meta_keywords) == prefix:
                head_extra = f'<meta name="keywords" content="{attr(meta_keywords)}">\n' + head_extra
            else:
                prefix = _set_meta(prefix, frozenset({"keywords"}), meta_keywords)
        if head_extra:
            prefix = add_to_head(prefix, self.adapt(head_extra))
        body = self.body.replace(SLOT, self.adapt(fragment), 1)
        if TITLE_SLOT in body:
            body = body.replace(TITLE_SLOT, self.adapt(esc(title or "")))
        page = prefix + body + self.suffix
        if new_domain and self.site_domain and "." in self.site_domain:
            page = replace_domain(page, self.site_domain, new_domain)
        return page


def replace_domain(text: str, old: str, new: str) -> str:
    """``old`` -> ``new`` wherever ``old`` is a whole host name or a host's registered-domain tail."""
    pieces = text.split(old)
    if len(pieces) == 1:
        return text
    out = [pieces[0]]
    for piece in pieces[1:]:
        before = out[-1][-1:] if out[-1] else ""
        after = piece[:1]
        whole = not (before.isalnum() or before in "-_") and not (after.isalnum() or after in "-_")
        out.append(new if whole else old)
        out.append(piece)
    return "".join(out)


def _set_title(prefix: str, title: str, adapt) -> str:
    new = adapt(esc(title))
    if TITLE_RE.search(prefix):
        return TITLE_RE.sub(lambda m: m.group(1) + new + "</title>", prefix, count=1)
    return add_to_head(prefix, f"<title>{new}</title>")


def _set_meta(prefix: str, keys: frozenset[str], value: str) -> str:
    def fix(m: re.Match[str]) -> str:
        tag = m.group(0)
        key = _META_KEY.search(tag)
        if not key or key.group(1).lower() not in keys:
            return tag
        return _META_CONTENT.sub(lambda c: f"{c.group(1)}{c.group(2)}{attr(value)}{c.group(2)}", tag, count=1)

    return _META.sub(fix, prefix)


def add_to_head(prefix: str, markup: str) -> str:
    """``markup`` at the end of the page's ``<head>`` (before ``<body>`` or at the start without one)."""
    m = _HEAD_CLOSE.search(prefix)
    if m:
        return prefix[: m.start()] + markup + prefix[m.start() :]
    m = _BODY_OPEN.search(prefix)
    if m:
        return prefix[: m.start()] + markup + prefix[m.start() :]
    return markup + prefix


def insert_after_body_start(page: str, fragment: str) -> str:
    """``fragment`` just after the page's ``<body>`` tag (at the start without one)."""
    m = _BODY_OPEN.search(page)
    if m is None:
        return fragment + "\n" + page
    return page[: m.end()] + fragment + "\n" + page[m.end() :]


def insert_before_body_end(page: str, fragment: str) -> str:
    """``fragment`` just before the page's last ``</body>`` (at the end without one)."""
    matches = list(_BODY_CLOSE.finditer(page))
    if not matches:
        return page + "\n" + fragment
    at = matches[-1].start()
    return page[:at] + fragment + "\n" + page[at:]


#: Tags that can hold a page's main text directly (text nodes separated by <br>) or as <p> children.
_CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "main", "span", "font", "blockquote"})
#: Tags whose text never counts as main text.
_NON_TEXT_TAGS = frozenset({"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "select"})


#: Inline tags: their text belongs to the nearest block ancestor.
_INLINE_TAGS = frozenset(
    {
        "a",
        "span",
        "b",
        "strong",
        "em",
        "i",
        "u",
        "font",
        "small",
        "sup",
        "sub",
        "abbr",
        "cite",
        "code",
        "q",
        "mark",
        "time",
        "br",
        "img",
    }
)
#: Text nodes shorter than this (characters, stripped) are ignored when locating the main text.
MIN_TEXT_NODE_CHARS = 25
_TEXT_NODES = etree.XPath(
    f".//text()[string-length(normalize-space(.)) >= {MIN_TEXT_NODE_CHARS}]"
    "[not(parent::script or parent::style or parent::noscript or parent::option or parent::textarea)]"
)


def find_slot(body: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The element holding the page's main text.

    Every longer text node credits its block container (the parent of a ``<p>``, or a ``<div>``/``<td>``
    that holds text directly between ``<br>``s); the best-credited container outside navigation, header,
    footer, aside and forms wins. Falls back to ``<article>``/``<main>``.
    """
    scores: Counter = Counter()
    for t in _TEXT_NODES(body):
        el = t.getparent()
        if el is None:
            continue
        if t.is_tail:
            el = el.getparent()
        while el is not None and el.tag in _INLINE_TAGS:
            el = el.getparent()
        if el is None:
            continue
        if el.tag in ("p", "li", "h2", "h3", "blockquote"):
            el = el.getparent()
            if el is None:
                continue
        scores[el] += len(t.strip())
    for best, score in scores.most_common(5):
        if score < MIN_PARAGRAPH_CHARS * MIN_P_FOR_SLOT or best is body:
            break
        if best.tag in _NON_TEXT_TAGS or best.tag in ("ul", "ol", "table", "tr", "tbody", "select"):
            continue
        if not any(a.tag in _NON_TEXT_TAGS for a in best.iterancestors()):
            return best
    for xpath in (".//article", ".//main", ".//*[@role='main']", ".//*[@id='content']"):
        found = body.xpath(xpath)
        if found:
            return found[0]
    return None


#: Markup of the replaced content that is page furniture, not text: kept so script/ad counts stay real.
_FURNITURE = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<ins\b[^>]*>.*?</ins\s*>|<iframe\b.*?</iframe\s*>"
    r"|<noscript\b.*?</noscript\s*>",
    re.I | re.S,
)
#: A shell whose body averages more characters per line than this is minified: fragments lose newlines.
MINIFIED_CHARS_PER_LINE = 400
_VOID = re.compile(r"<(?:br|img|hr|input)\b[^>]*>", re.I)
_CLASS_VALUES = etree.XPath(".//@class")
_ATTR_CACHE: dict[str, re.Pattern[str]] = {}
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|(?!amp;|lt;|gt;|quot;)[a-z]+);", re.I)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_XHTML_VOID = re.compile(r"<(br|img|input|hr|meta|link)\b([^>]*?)\s*/?>", re.I)
#: The end tag of a paragraph.
P_CLOSE_RE = re.compile(r"</p\s*>", re.I)
_H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(</h1\s*>)", re.I | re.S)


def _attr_value(attrs: str, name: str) -> str:
    rx = _ATTR_CACHE.get(name)
    if rx is None:
        rx = _ATTR_CACHE[name] = re.compile(rf"""(?<![\w-]){name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
    m = rx.search(attrs)
    if not m:
        return ""
    return " ".join((m.group(1) or m.group(2) or m.group(3) or "").split())


def _key(el: lxml.html.HtmlElement) -> tuple[str, str]:
    return (" ".join((el.get("id") or "").split()), " ".join((el.get("class") or "").split()))


def raw_span(raw: str, start: int, body: lxml.html.HtmlElement, el: lxml.html.HtmlElement) -> tuple[int, int] | None:
    """Where ``el``'s content starts and ends in the raw text (after its open tag, before its close tag).

    The element is found as the k-th raw open tag with its name, id and class; its end by balancing open
    and close tags of that name (comments, scripts and styles skipped). ``None`` when the raw text does not
    match the parsed tree well enough (the caller then picks another shell).
    """
    tag = el.tag
    key = _key(el)
    k = 0
    for other in body.iter(tag):
        if other is el:
            break
        if _key(other) == key:
            k += 1
    found = None
    for m in re.finditer(rf"<{tag}\b([^>]*)>", raw[start:], re.I):
        attrs = m.group(1)
        if (_attr_value(attrs, "id"), _attr_value(attrs, "class")) == key:
            if k == 0:
                found = m
                break
            k -= 1
    if found is None or found.group(0).endswith("/>"):
        return None
    content_start = start + found.end()
    scan = re.compile(rf"<!--.*?-->|<script\b.*?</script\s*>|<style\b.*?</style\s*>|<(/?){tag}\b[^>]*>", re.I | re.S)
    depth = 1
    for m in scan.finditer(raw, content_start):
        closing = m.group(1)
        if closing is None:
            continue
        if closing == "/":
            depth -= 1
            if depth == 0:
                return content_start, m.start()
        elif not m.group(0).endswith("/>"):
            depth += 1
    return None


@dataclass(frozen=True, slots=True)
class ShellInfo:
    """Offsets into a ham page's raw text, found once per record."""

    body_start: int  # just after <body ...>
    body_end: int  # at </body> (or the end of the text)
    slot: tuple[int, int]  # the main content, between its element's open and close tags
    h1: tuple[int, int] | None  # inner text of the first <h1> outside the slot
    p_ends: tuple[int, ...]  # ends of </p> tags inside the slot (injection points)
    classes: tuple[str, ...]
    entities: bool
    xhtml: bool
    minified: bool
    furniture: str  # scripts, styles, ad slots and iframes of the replaced content, kept in replace mode


def _uses_references(sample: str) -> bool:
    """The page writes non-ASCII text as character references (or has none at all)."""
    non_ascii = len(_NON_ASCII.findall(sample))
    return non_ascii == 0 or len(_ENTITY.findall(sample)) > non_ascii


def _xhtml_voids(sample: str) -> bool:
    """Most void elements (br, img, hr, input) in ``sample`` are closed XHTML-style."""
    closed = open_ = 0
    for m in _VOID.finditer(sample):
        if m.group(0).endswith("/>"):
            closed += 1
        else:
            open_ += 1
    return closed > open_


def analyze_shell(html_text: str, root: lxml.html.HtmlElement) -> ShellInfo | None:
    """Where a ham page's body, content slot and first <h1> are in its raw text; ``None`` if unusable."""
    head_end = _HEAD_CLOSE.search(html_text)
    open_m = _BODY_OPEN.search(html_text, head_end.end() if head_end else 0) or _BODY_OPEN.search(html_text)
    if open_m is None:
        return None
    body = root.find("body")
    if body is None:
        return None
    close_ms = list(_BODY_CLOSE.finditer(html_text, open_m.end()))
    body_end = close_ms[-1].start() if close_ms else len(html_text)
    slot = find_slot(body)
    if slot is None or slot is body:
        return None
    span = raw_span(html_text, open_m.end(), body, slot)
    if span is None or not (open_m.end() <= span[0] <= span[1] <= body_end):
        return None
    c_start, c_end = span
    h1_span = None
    h1 = _H1.search(html_text, open_m.end(), body_end)
    if h1 and not (c_start <= h1.start() < c_end or c_start < h1.end() <= c_end):
        h1_span = (h1.start(2), h1.end(2))
    classes = Counter(tok for value in _CLASS_VALUES(body) for tok in value.split())
    sample = html_text[open_m.end() : open_m.end() + 200_000]
    return ShellInfo(
        body_start=open_m.end(),
        body_end=body_end,
        slot=span,
        h1=h1_span,
        p_ends=tuple(m.end() for m in P_CLOSE_RE.finditer(html_text, c_start, c_end)),
        classes=tuple(c for c, _ in classes.most_common(MAX_SHELL_CLASSES)),
        entities=_uses_references(sample),
        xhtml=_xhtml_voids(html_text[c_start:c_end] if _VOID.search(html_text, c_start, c_end) else sample),
        minified=len(sample) > MINIFIED_CHARS_PER_LINE * (sample.count("\n") + 1),
        furniture="\n".join(m.group(0) for m in _FURNITURE.finditer(html_text, c_start, c_end)),
    )


def from_info(html_text: str, info: ShellInfo, site_domain: str | None, rng: random.Random, *, mode: str) -> Shell:
    """A shell cut from a ham page; ``mode`` is ``replace`` (empty the content slot) or ``inject``.

    The raw page text is kept as it is everywhere except at the content slot (and the first <h1> in
    replace mode), so the shell keeps its exact markup idioms (entities, XHTML slashes, comments, case).
    """
    c_start, c_end = info.slot
    edits: list[tuple[int, int, str]] = []
    if mode == "replace":
        edits.append((c_start, c_end, SLOT + info.furniture))
        if info.h1 is not None:
            edits.append((info.h1[0], info.h1[1], TITLE_SLOT))
    else:
        closes = info.p_ends
        at = rng.choice(closes[:-1] or closes) if closes and rng.random() < 0.7 else c_end
        edits.append((at, at, SLOT))
    offset = info.body_start
    body_text = html_text[offset : info.body_end]
    for a, b, text in sorted(edits, reverse=True):
        body_text = body_text[: a - offset] + text + body_text[b - offset :]
    return Shell(
        prefix=html_text[:offset],
        body=body_text,
        suffix=html_text[info.body_end :],
        site_domain=site_domain,
        classes=list(info.classes),
        entities=info.entities,
        xhtml=info.xhtml,
        minified=info.minified,
    )


_DOCTYPES = (
    "<!DOCTYPE html>",
    "<!doctype html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
    '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">',
    '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN" "http://www.w3.org/TR/html4/loose.dtd">',
    "",
)


def minimal(
    rng: random.Random, *, lang: str, site_name: str, domain: str, nav: list[str], parked: bool = False
) -> Shell:
    """A small hand-built shell (own head, optional header/nav/sidebar/footer)."""
    year = rng.randint(2012, 2026)
    base = f"https://{'www.' if rng.random() < 0.5 else ''}{domain}"
    head = []
    head.append(
        rng.choice(
            (
                '<meta charset="utf-8">',
                '<meta charset="UTF-8">',
                '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
            )
        )
    )
    if rng.random() < 0.8:
        head.append('<meta name="viewport" content="width=device-width, initial-scale=1">')
    head.append("<title></title>")
    if rng.random() < 0.7:
        head.append('<meta name="description" content="">')
    if rng.random() < 0.5:
        head.append('<meta property="og:title" content="">')
    theme = slugify(rng.choice(nav) if nav else site_name, 1)
    for k in range(rng.randint(0, 6)):
        head.append(
            f'<link rel="stylesheet" href="{base}/wp-content/themes/{theme}/css/style{k or ""}.css'
            f'?ver={rng.randint(1, 6)}.{rng.randint(0, 9)}" type="text/css" media="all">'
        )
    if rng.random() < 0.6:
        head.append(
            (
                "<style>body{{margin:0;font-family:{}}}.{}{{max-width:{}px;margin:0 auto}}a{{color:#{:06x}}}</style>"
            ).format(
                rng.choice(("Arial,sans-serif", "Georgia,serif", "Helvetica", "Roboto,sans-serif")),
                rng.choice(GENERIC_CLASSES),
                rng.choice((960, 1100, 1200, 1280)),
                rng.randrange(0xFFFFFF),
            )
        )
    for _ in range(rng.randint(0, 5)):
        head.append(
            rng.choice(
                (
                    f'<script src="{base}/wp-includes/js/jquery/jquery.min.js?ver=3.{rng.randint(1, 7)}.1"></script>',
                    '<script async src="https://www.googletagmanager.com/gtag/js?id='
                    f'G-{rng.randrange(16**8):08X}"></script>',
                    "<script>window.dataLayer = window.dataLayer || [];"
                    "function gtag(){dataLayer.push(arguments);}gtag('js', new Date());</script>",
                    f'<script type="text/javascript" src="/js/main.js?v={rng.randint(1, 999)}"></script>',
                    '<link rel="icon" href="/favicon.ico">',
                )
            )
        )
    lang_attr = f' lang="{lang}"' if rng.random() < 0.8 else ""
    prefix = f"{rng.choice(_DOCTYPES)}\n<html{lang_attr}>\n<head>\n" + "\n".join(head) + "\n</head>\n<body>\n"
    body = []
    if not parked or rng.random() < 0.3:
        header_tag = rng.choice(("header", "div"))
        body.append(
            f'<{header_tag} id="{rng.choice(("header", "masthead", "top"))}">'
            f'<a href="{base}/" class="{rng.choice(("logo", "site-title", "brand"))}">{esc(site_name)}</a>'
        )
        if nav:
            items = "".join(f'<li><a href="/{slugify(n, 2)}/">{esc(n)}</a></li>' for n in nav)
            body.append(f'<nav><ul class="{rng.choice(("menu", "nav", "navbar-nav"))}">{items}</ul></nav>')
        body.append(f"</{header_tag}>")
    wrap = rng.choice(("div", "main", "div", "section"))
    body.append(
        f'<{wrap} class="{rng.choice(("container", "content", "main", "wrap", "site-content"))}">{SLOT}</{wrap}>'
    )
    if not parked and rng.random() < 0.4:
        items = "".join(f'<li><a href="/{slugify(n, 2)}/">{esc(n)}</a></li>' for n in nav[:6])
        body.append(f'<aside class="sidebar"><div class="widget"><ul>{items}</ul></div></aside>')
    footer = lex.COPYRIGHT.get(lang, lex.COPYRIGHT["en"]).format(year=year, site=site_name)
    footer_tag = rng.choice(("footer", "div"))
    body.append(f'<{footer_tag} id="footer"><p>{esc(footer)}</p></{footer_tag}>')
    for _ in range(rng.randint(0, 3)):
        body.append(f'<script src="/js/{rng.choice(("app", "scripts", "custom", "theme"))}.js"></script>')
    return Shell(
        prefix=prefix,
        body="\n".join(body) + "\n",
        suffix="</body>\n</html>\n",
        site_domain=None,
        classes=list(GENERIC_CLASSES),
    )
