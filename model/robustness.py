"""Does a legitimate page stay legitimate when it changes in ways legitimate sites do?

Scores real legitimate pages as they are and after each of a few variations that real sites make and that
say nothing about spam: outbound links through the site's redirect script, ``rel="nofollow"`` on outbound
links, an affiliate box, a hidden mobile menu of social profiles, a "Related Searches" sidebar, a
recommendation widget with one clickbait teaser, the site's brand repeated in the title, a footer of
section links, six ad slots, a sponsored-links box, two betting partners, a trending list, related posts
with "Read more" links, a tag cloud, a "Follow us" row, share bars above and below the article, five reader
comments, a page cut short, a thin page of two paragraphs, a JavaScript app shell, no URL at all; and two
stacks of six of these at once, as a commercial news article and a blog post carry them. For each, it
prints how many pages the model flags. A variation that flags many more pages than the pages as they are is
a false-positive trap on real crawls: the bundled model once flagged 198 of 531 pages once their links went
through ``/out?url=``, which is how ``synth_ham_outbound`` (model/synth/_rewrite.py) came about, and then
its nofollow pages: adding ``rel="nofollow"`` to outbound links flagged 9 of 542. The single variations
from the related-searches box on are close to what ``synth_ham_incidental`` (model/synth/_incidental.py)
trains on, so they guard against a regression more than they test anything new; the stacks are written
here, apart from it, and the news stack flagged 43 of 542 before that family stacked what one kind of site
prints.

    python -m model.robustness --corpus ../shared/corpus/ham [--every 6] [--model DIR]

Only pages labelled ``ham`` with a URL are used; ``--every N`` takes every N-th of them.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import sys
from collections.abc import Callable
from urllib.parse import quote

from features.urls import registered_domain, url_host
from model.corpus import CorpusError, Record, add_corpus_argument, iter_corpus
from model.manifest import ModelError
from model.synth._rewrite import WRAPPERS, nofollow_outbound_links, wrap_outbound_links
from model.synth._shell import P_CLOSE_RE, TITLE_RE, insert_after_body_start, insert_before_body_end

__all__ = ["VARIATIONS", "main", "run"]

logger = logging.getLogger(__name__)

DEFAULT_EVERY = 6
EXIT_OK, EXIT_USAGE = 0, 2
#: A cut page keeps this share of its bytes (at least CUT_MIN_CHARS).
CUT_SHARE, CUT_MIN_CHARS = 0.3, 2000
#: A thin page keeps this many paragraphs.
THIN_PARAGRAPHS = 2
#: Ad slots the ad-slot variation adds (after the first paragraphs).
AD_SLOTS = 6

_P_RE = re.compile(r"<p[\s>].*?</p>", re.IGNORECASE | re.DOTALL)
_HEAD_RE = re.compile(r"<head[\s>].*?</head>", re.IGNORECASE | re.DOTALL)
_SOCIAL = ("twitter.com", "facebook.com", "instagram.com", "youtube.com", "linkedin.com", "partner-news.example")


def wrapped_links(page: str, url: str) -> str:
    """Outbound links through the site's ``/out?url=`` script (one form of ``synth_ham_outbound``)."""
    return wrap_outbound_links(random.Random(0), page, url, template=WRAPPERS[0], rate=1.0)[0]


def nofollow(page: str, url: str) -> str:
    """``rel="nofollow noopener"`` on every outbound link without a ``rel`` (as wikis and forums do)."""
    return nofollow_outbound_links(random.Random(0), page, url, rel="nofollow noopener")[0]


def affiliate_box(page: str, url: str) -> str:
    """A box of six "Check price on Amazon" links with an affiliate tag, as review sites carry."""
    items = "".join(
        f'<li><a href="https://www.amazon.com/dp/B0{i}X{i}Y{i}Z?tag=site-20" rel="sponsored nofollow">'
        "Check price on Amazon</a></li>"
        for i in range(6)
    )
    return insert_before_body_end(page, f'<aside class="products"><ul>{items}</ul></aside>')


def hidden_menu(page: str, url: str) -> str:
    """A mobile menu hidden with ``display:none`` that links the site's social profiles and a partner."""
    links = "".join(f'<li><a href="https://{d}/site">{d.split(".")[0]}</a></li>' for d in _SOCIAL)
    return insert_after_body_start(page, f'<div class="mobile-menu" style="display:none"><ul>{links}</ul></div>')


def _brand(url: str) -> str:
    """The site's name as its pages print it: ``https://www.nyasatimes.com/...`` -> "Nyasatimes"."""
    domain = registered_domain(url_host(url))
    return (domain.split(".")[0] or "Site").replace("-", " ").title()


def related_searches(page: str, url: str) -> str:
    """A sidebar "Related Searches" box of five links to the site's own search, as reference and Q&A
    sites print (and parked landers too)."""
    title = TITLE_RE.search(page)
    words = re.findall(r"[^\W\d_]{5,}", title.group(2) if title else "")[:5]  # 5+ letters: few stop words
    items = "".join(f'<li><a href="/search?q={w.lower()}">{w.lower()} guide</a></li>' for w in words or ["help"])
    return insert_before_body_end(page, f'<aside class="sidebar"><h3>Related Searches</h3><ul>{items}</ul></aside>')


def recommendation_widget(page: str, url: str) -> str:
    """A Taboola block under the article: five teasers, one with a curiosity-gap headline, and its loader."""
    teasers = (
        "City council approves new budget for parks",
        "You Won't Believe What This Old Farmhouse Looks Like Now",
        "The best hiking trails for a weekend away",
        "How one bakery survived the pandemic",
        "Local team wins regional championship",
    )
    items = "".join(
        f'<div class="trc_item"><a href="https://partner{i}.example/story-{i}?utm_source=taboola">{t}</a></div>'
        for i, t in enumerate(teasers)
    )
    return insert_before_body_end(
        page,
        f'<div id="taboola-below-article"><h4>Around the Web</h4>{items}</div>'
        '<script async src="https://cdn.taboola.com/libtrc/site/loader.js"></script>',
    )


def branded_title(page: str, url: str) -> str:
    """The title with the site's brand added twice ("... | Brand News - Latest Brand News and Headlines")."""
    brand = _brand(url)
    return TITLE_RE.sub(
        lambda m: f"<title>{m.group(2)} | {brand} News - Latest {brand} News and Headlines</title>", page, count=1
    )


def sitemap_footer(page: str, url: str) -> str:
    """A "fat footer" of 48 links to the site's own sections, in eight columns, as large sites carry."""
    sections = ("news", "sport", "business", "culture", "travel", "food", "science", "opinion")
    cols = "".join(
        f"<div class='col'><h4>{s.title()}</h4><ul>"
        + "".join(
            f'<li><a href="/{s}/{t}/">{s.title()} {t}</a></li>'
            for t in ("latest", "local", "world", "video", "archive", "newsletters")
        )
        + "</ul></div>"
        for s in sections
    )
    return insert_before_body_end(page, f'<footer class="site-map">{cols}</footer>')


def share_bars(page: str, url: str) -> str:
    """A share bar of seven networks (share-intent links) above and below the article, as news sites do."""
    u = quote(url, safe="")
    links = (
        f'<a href="https://www.facebook.com/sharer/sharer.php?u={u}">Facebook</a>'
        f'<a href="https://twitter.com/intent/tweet?url={u}">X</a>'
        f'<a href="https://wa.me/?text={u}">WhatsApp</a><a href="https://t.me/share/url?url={u}">Telegram</a>'
        f'<a href="https://www.linkedin.com/sharing/share-offsite/?url={u}">LinkedIn</a>'
        f'<a href="https://pinterest.com/pin/create/button/?url={u}">Pinterest</a><a href="mailto:?body={u}">Email</a>'
    )
    bar = f'<div class="share"><span>Share this article</span>{links}</div>'
    return insert_before_body_end(insert_after_body_start(page, bar), bar)


def genuine_comments(page: str, url: str) -> str:
    """Five on-topic reader comments, two of them signed with a link to the author's own site."""
    comments = (
        ("Maria", None, "Thanks for writing this up, I had been wondering about the details since last week."),
        ("J. Okafor", "https://okafor-notes.example/", "The second point matches what I saw when I went there."),
        ("Tom", None, "Do you know whether the same applies to the northern part of the county?"),
        ("Lena Fischer", "https://lenafischer.example/blog/", "Good summary. The photos in the middle are great."),
        ("Sam", None, "I disagree with the conclusion, but the background section was useful."),
    )
    items = []
    for name, site, text in comments:
        author = f'<a href="{site}" rel="external nofollow ugc">{name}</a>' if site else name
        items.append(f'<li class="comment"><cite>{author}</cite><p>{text}</p><a href="#reply">Reply</a></li>')
    items_html = "".join(items)
    return insert_before_body_end(page, f'<section id="comments"><h3>5 Comments</h3><ol>{items_html}</ol></section>')


def ad_slots(page: str, url: str) -> str:
    """An AdSense slot after each of the first six paragraphs, and the AdSense loader."""
    slot = (
        '<ins class="adsbygoogle" style="display:block" data-ad-client="ca-pub-1234567890123456" '
        'data-ad-slot="4567890123"></ins><script>(adsbygoogle = window.adsbygoogle || []).push({});</script>'
    )
    ends = [m.end() for m in P_CLOSE_RE.finditer(page)][:AD_SLOTS]
    for at in reversed(ends):
        page = page[:at] + slot + page[at:]
    loader = '<script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>'
    return insert_after_body_start(page, loader)


def sponsored_box(page: str, url: str) -> str:
    """Three native ads to advertisers' sites under a "Sponsored" label."""
    ads = ("Compare mortgage rates in minutes", "The mattress everyone is talking about", "Plan your next cruise")
    items = "".join(
        f'<li><a href="https://adv{i}.example.com/landing?utm_campaign=native" rel="sponsored">{t}</a></li>'
        for i, t in enumerate(ads)
    )
    return insert_before_body_end(page, f'<div class="sponsored"><span>Sponsored</span><ul>{items}</ul></div>')


def betting_partners(page: str, url: str) -> str:
    """Two betting sponsors in a "Partners" box, as sports and news sites link them: "Sports betting at
    bet365", "Online casino bonus at Betway". (One such link never counted: the feature starts at two.)"""
    partners = (
        ("https://www.bet365.com/?affiliate=365_01", "Sports betting: the best odds at bet365"),
        ("https://www.betway.com/promo", "Online casino bonus at Betway"),
    )
    items = "".join(f'<li><a href="{h}" rel="sponsored">{t}</a></li>' for h, t in partners)
    return insert_before_body_end(page, f'<aside class="partners"><p>Our partners</p><ul>{items}</ul></aside>')


def trending_list(page: str, url: str) -> str:
    """A "Trending Now" sidebar of ten of the site's own headlines on other subjects."""
    heads = (
        "Storm warning issued for the weekend",
        "School board delays vote on new calendar",
        "Police name suspect in bank robbery",
        "Prices at the pump fall for third week",
        "Local chef opens second restaurant",
        "Road closures planned for marathon",
        "Hospital expands emergency department",
        "Library to extend opening hours",
        "Festival lineup announced",
        "Team signs new coach",
    )
    items = "".join(f'<li><a href="/news/story-{i}/">{h}</a></li>' for i, h in enumerate(heads))
    return insert_before_body_end(page, f"<aside><h3>Trending Now</h3><ol>{items}</ol></aside>")


def related_posts(page: str, url: str) -> str:
    """Five related posts of the site, each with a blurb and a "Read more »" link, as blog themes print."""
    titles = (
        "How we rebuilt the old barn",
        "Ten years of the summer market",
        "A guide to the new bus routes",
        "What the council decided on parking",
        "Meet the volunteers behind the food bank",
    )
    items = "".join(
        f'<div class="post"><h4><a href="/2024/05/post-{i}/">{t}</a></h4><p>{t}, and what it means for the town.'
        f'</p><a href="/2024/05/post-{i}/" class="more">Read more »</a></div>'
        for i, t in enumerate(titles)
    )
    return insert_before_body_end(page, f'<section class="related"><h3>Related posts</h3>{items}</section>')


def tag_cloud(page: str, url: str) -> str:
    """A WordPress tag cloud of twenty tags."""
    tags = "history travel food photography family garden recipes weekend local events music books hiking coffee"
    tags += " review tips diy kids holidays art"
    items = " ".join(
        f'<a href="/tag/{t}/" class="tag-cloud-link" style="font-size:{10 + i % 8}pt">{t}</a>'
        for i, t in enumerate(tags.split())
    )
    return insert_before_body_end(
        page, f'<aside class="widget"><h3>Tags</h3><div class="tagcloud">{items}</div></aside>'
    )


def follow_row(page: str, url: str) -> str:
    """A "Follow us" row of eight social profiles."""
    nets = ("facebook.com", "twitter.com", "instagram.com", "youtube.com", "linkedin.com", "pinterest.com")
    items = " ".join(
        f'<a href="https://{d}/oursite">{d.split(".")[0].title()}</a>' for d in (*nets, "tiktok.com", "t.me")
    )
    return insert_before_body_end(page, f'<div class="follow">Follow us: {items}</div>')


def _stack(*variations: Callable[[str, str], str]) -> Callable[[str, str], str]:
    def stacked(page: str, url: str) -> str:
        for vary in variations:
            page = vary(page, url)
        return page

    return stacked


#: What a commercial news article carries all at once.
news_page_kit = _stack(trending_list, share_bars, recommendation_widget, ad_slots, sponsored_box, branded_title)
#: What a blog post carries all at once.
blog_post_kit = _stack(related_posts, tag_cloud, share_bars, follow_row, ad_slots, genuine_comments)


def cut_short(page: str, url: str) -> str:
    """The first 30% of the page (a download cut short, or a crawler's byte cap)."""
    return page[: max(CUT_MIN_CHARS, int(len(page) * CUT_SHARE))]


def thin(page: str, url: str) -> str:
    """Only the first two paragraphs kept, navigation and all else intact (a contact or about page)."""
    kept = 0

    def keep_first(m: re.Match[str]) -> str:
        nonlocal kept
        kept += 1
        return m.group(0) if kept <= THIN_PARAGRAPHS else ""

    return _P_RE.sub(keep_first, page)


def app_shell(page: str, url: str) -> str:
    """The page's ``<head>`` over an empty JavaScript app: what a crawler gets from a single-page app."""
    m = _HEAD_RE.search(page)
    head = m.group(0) if m else "<head><title>App</title></head>"
    return (
        f"<!DOCTYPE html><html>{head}<body><noscript>You need to enable JavaScript to run this app.</noscript>"
        '<div id="root"></div><script src="/static/js/main.3f2a.js"></script></body></html>'
    )


#: name -> (variation, whether the page keeps its URL).
VARIATIONS: dict[str, tuple[Callable[[str, str], str], bool]] = {
    "as is": (lambda page, url: page, True),
    "links via /out?url=": (wrapped_links, True),
    "nofollow outbound links": (nofollow, True),
    "affiliate box": (affiliate_box, True),
    "hidden social menu": (hidden_menu, True),
    "related searches box": (related_searches, True),
    "clickbait widget": (recommendation_widget, True),
    "brand repeated in title": (branded_title, True),
    "sitemap footer": (sitemap_footer, True),
    "six ad slots": (ad_slots, True),
    "sponsored links box": (sponsored_box, True),
    "two betting partners": (betting_partners, True),
    "trending list": (trending_list, True),
    "related posts, read more": (related_posts, True),
    "tag cloud": (tag_cloud, True),
    "follow-us row": (follow_row, True),
    "share bar top and bottom": (share_bars, True),
    "five reader comments": (genuine_comments, True),
    "first 30% of the page": (cut_short, True),
    "two paragraphs only": (thin, True),
    "JavaScript app shell": (app_shell, True),
    "news page: six of these": (news_page_kit, True),
    "blog post: six of these": (blog_post_kit, True),
    "no URL given": (lambda page, url: page, False),
}


def run(records: list[Record], model: str | None, out: Callable[[str], None] = print) -> dict[str, int]:
    """Flagged pages per variation (the "as is" row first), printed as a table; returns the counts."""
    from model.scorer import Scorer

    scorer = Scorer.load(model)
    out(f"{len(records)} legitimate pages, threshold {scorer.threshold:.3f}")
    flagged: dict[str, int] = {}
    for name, (vary, keep_url) in VARIATIONS.items():
        n = 0
        for r in records:
            assert r.url is not None
            n += scorer.score_html(vary(r.html, r.url), url=r.url if keep_url else None).is_spam
        flagged[name] = n
        out(f"  {name:26s} {n:5d} flagged ({n / max(len(records), 1):.1%})")
    return flagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m model.robustness", description=__doc__.split("\n\n")[0])
    add_corpus_argument(parser)
    parser.add_argument("--model", metavar="DIR", help="model directory (default: the bundled model)")
    parser.add_argument(
        "--every", type=int, default=DEFAULT_EVERY, metavar="N", help=f"use every N-th page (default {DEFAULT_EVERY})"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.every < 1:
        parser.error("--every must be at least 1")
    try:
        ham = [r for r in iter_corpus(args.corpus) if r.label == "ham" and r.url]
        run(ham[:: args.every], args.model)
    except (CorpusError, ModelError, OSError) as exc:
        print(f"python -m model.robustness: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
