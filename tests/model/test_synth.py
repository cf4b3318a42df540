"""The spam synthesizer: determinism, labels, families, content taken from the given ham."""

from __future__ import annotations

import hashlib
import os
import random
import re
import subprocess
import sys
from collections import Counter

import lxml.html
import pytest

from features.lexicon import CTA_LINE_RE, GENERIC_ANCHOR_RE
from model.corpus import Record, read_jsonl
from model.synth import FAMILIES, HAM_FAMILIES, REWRITE_FAMILIES, synthesize
from model.synth import _lexicon as _lex

_SITES = (
    ("https://www.harbourgazette.com/2019/05/{slug}.html", "en"),
    ("https://blog.moorlandnotes.org/posts/{slug}/", "en"),
    ("http://www.kuechenfreunde.de/2020/11/03/{slug}/", "de"),
    ("https://www.alpenbote.at/lokales/{slug}-4471203", "de"),
    ("https://www.cityledger.co.uk/news/{slug}", "en"),
    (None, "en"),
)
_TOPICS = (
    (
        "Harbour ferry timetable changes for the winter season",
        "The ferry operator announced on Monday that crossings will run every forty minutes from November.",
        "Commuters who rely on the early boat said the change would add half an hour to their journeys.",
        "A spokesperson for the harbour authority promised that the summer timetable would return in April.",
    ),
    (
        "Moorland walkers asked to keep dogs on leads during nesting",
        "Rangers have put up new signs along the upper paths where curlews and lapwings nest.",
        "Volunteers counted more breeding pairs than in any year since the survey began two decades ago.",
        "Visitors are reminded that ground-nesting birds abandon their eggs when disturbed.",
    ),
    (
        "Rezept für einen saftigen Apfelkuchen mit Streuseln",
        "Für den Teig werden Butter, Zucker und Eier schaumig geschlagen und dann mit dem Mehl vermischt.",
        "Die Äpfel werden geschält, in dünne Spalten geschnitten und mit etwas Zitronensaft beträufelt.",
        "Der Kuchen wird bei 180 Grad etwa fünfzig Minuten gebacken und sollte vor dem Anschneiden abkühlen.",
    ),
    (
        "Gemeinderat beschließt neue Radwege im Ortszentrum",
        "Der Gemeinderat hat am Dienstagabend mit großer Mehrheit den Ausbau der Radwege beschlossen.",
        "Die Arbeiten sollen im kommenden Frühjahr beginnen und bis zum Herbst abgeschlossen sein.",
        "Anwohner hatten sich seit Jahren über gefährliche Kreuzungen und fehlende Abstellplätze beklagt.",
    ),
    (
        "City library extends opening hours after record visitor numbers",
        "The central library will now stay open until nine on weekdays, the council confirmed.",
        "Staff said the reading rooms had been full almost every afternoon since the refurbishment finished.",
        "The extra hours are funded for one year, after which councillors will review it.",
    ),
    (
        "Local orchestra plays first concert in restored town hall",
        "More than four hundred people attended the opening concert in the restored hall on Saturday night.",
        "The programme included works by Haydn and a new piece commissioned from a local composer.",
        "Organisers hope to hold a monthly series of concerts once the acoustic panels have been installed.",
    ),
)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _page(title: str, paragraphs: tuple[str, ...], lang: str, k: int) -> str:
    paras = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{title} | Site {k}</title>
<meta name="description" content="{paragraphs[0]}">
<link rel="stylesheet" href="/static/site{k}.css">
<script src="/static/app{k}.js"></script>
</head>
<body class="page-{k}">
<header class="masthead"><a href="/" class="logo">Site {k}</a>
<nav><ul class="menu"><li><a href="/news/">News</a></li><li><a href="/sport/">Sport</a></li></ul></nav>
</header>
<main><article class="story-{k}"><h1>{title}</h1>
<div class="story-body">
{paras}
</div></article></main>
<footer><p>Contact us at the office, open on weekdays from nine to five o'clock.</p></footer>
</body>
</html>
"""


@pytest.fixture(scope="module")
def ham() -> list[Record]:
    records = []
    for k, ((url, lang), (title, *paragraphs)) in enumerate(zip(_SITES, _TOPICS, strict=True)):
        records.append(
            Record(
                id=f"tiny/{k}",
                source="tiny",
                url=url.format(slug=_slug(title)) if url else None,
                label="ham",
                kind=None,
                html=_page(title, tuple(paragraphs), lang, k),
            )
        )
    return records


ALL = FAMILIES + HAM_FAMILIES


def test_same_pages_in_another_process_with_another_hash_seed(ham, tmp_path):
    path = tmp_path / "ham.jsonl"
    path.write_text("".join(r.to_json() + "\n" for r in ham), encoding="utf-8")
    script = (
        "import hashlib, sys\n"
        "from model.corpus import read_jsonl\n"
        "from model.synth import FAMILIES, HAM_FAMILIES, synthesize\n"
        "out = synthesize(list(read_jsonl(sys.argv[1])), 24, seed=5, families=FAMILIES + HAM_FAMILIES)\n"
        "print(hashlib.sha256(''.join(r.to_json() for r in out).encode()).hexdigest())\n"
    )
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(path)], env=env, capture_output=True, text=True, check=True
        )
        digests.add(done.stdout.strip())
    here = synthesize(list(read_jsonl(path)), 24, seed=5, families=ALL)
    digests.add(hashlib.sha256("".join(r.to_json() for r in here).encode()).hexdigest())
    assert len(digests) == 1


def test_same_seed_same_pages_and_other_seed_other_pages(ham):
    first = synthesize(ham, 24, seed=5, families=ALL)
    again = synthesize(ham, 24, seed=5, families=ALL)
    other = synthesize(ham, 24, seed=6, families=ALL)
    assert first == again
    assert [r.html for r in first] != [r.html for r in other]
    assert sum(a.html != b.html for a, b in zip(first, other, strict=True)) >= len(first) // 2


@pytest.mark.parametrize("family", ALL)
def test_every_family_builds_parseable_labelled_pages(ham, family):
    records = synthesize(ham, 6, seed=11, families=[family])
    assert len(records) == 6
    for i, r in enumerate(records):
        assert r.id == f"synth/{family}/11/{i}"
        assert r.source == f"synth-{family}"
        assert r.kind == family
        assert r.label == ("ham" if family in HAM_FAMILIES else "spam")
        assert r.url is None or re.match(r"https?://[a-z0-9.-]+\.[a-z.]+(/|$)", r.url)
        root = lxml.html.document_fromstring(r.html)
        assert root.find("body") is not None
        assert len(root.text_content().split()) > 5
        # nothing in the markup names the generator or the family
        assert "synth" not in r.html.lower()
        assert family not in r.html


def test_pages_use_text_from_the_given_ham(ham):
    sentences = {p for _title, *ps in _TOPICS for p in ps}
    titles = {t for t, *_ in _TOPICS}
    title_words = {w.lower() for t in titles for w in re.findall(r"\w{6,}", t)}
    for r in synthesize(ham, 36, seed=3, families=ALL):
        text = " ".join(lxml.html.document_fromstring(r.html).text_content().split())
        if r.kind in ("link_directory", "parked"):  # keyword pages: phrases cut from the ham titles
            found = {w for w in re.findall(r"\w{6,}", text.lower()) if w in title_words}
            assert len(found) >= 2, r.id
        else:
            assert any(s in text for s in sentences) or any(t in text for t in titles), r.id


def test_aggregator_pages_have_teasers_with_cta_and_share_rows(ham):
    share_names = ("twitter", "facebook", "tweet")
    ctas = (
        "read more",
        "click here",
        "cick here",
        "clik",
        "continue",
        "full story",
        "read full",
        "read the",
        "more >>",
        "weiterlesen",
        "mehr lesen",
        "hier klicken",
        "zum ganzen",
        "weiter lesen",
        *(c.lower() for wordings in _lex.CTAS_UNLISTED.values() for c in wordings),
    )
    for r in synthesize(ham, 8, seed=2, families=["aggregator"]):
        root = lxml.html.document_fromstring(r.html)
        text = root.text_content()
        labels = " ".join(a.get("aria-label") or "" for a in root.iter("a")).lower()
        assert any(c in text.lower() for c in ctas), r.id
        assert any(s in text.lower() or s in labels for s in share_names), r.id
        other_titles = [t for t, *_ in _TOPICS if t in text]
        assert len(other_titles) >= 2, r.id  # the article plus at least one off-topic teaser


def test_calls_to_action_are_split_between_listed_and_unlisted_wordings():
    """The unlisted calls to action must stay unknown to the feature lexicon, or the quarter of teaser blocks
    that use them would teach the model nothing it does not learn from the others."""
    listed = [c for wordings in _lex.CTAS.values() for c in wordings if CTA_LINE_RE.match(c.lower())]
    assert len(listed) >= 0.8 * sum(map(len, _lex.CTAS.values()))  # the usual ones are mostly known words
    for wordings in _lex.CTAS_UNLISTED.values():
        for cta in wordings:
            assert not CTA_LINE_RE.match(cta.lower()), cta
            assert not GENERIC_ANCHOR_RE.match(cta.lower()), cta


def test_ham_families_are_labelled_ham_and_spam_families_spam(ham):
    records = synthesize(ham, 24, seed=9, families=ALL)
    for r in records:
        assert r.label == ("ham" if r.kind in HAM_FAMILIES else "spam")
    assert {r.kind for r in records if r.label == "ham"} == set(HAM_FAMILIES)


def test_n_is_spread_evenly_over_families(ham):
    counts = Counter(r.kind for r in synthesize(ham, 19, seed=1))
    assert set(counts) == set(FAMILIES)
    assert max(counts.values()) - min(counts.values()) <= 1
    assert sum(counts.values()) == 19


def test_default_families_are_the_spam_families(ham):
    assert {r.label for r in synthesize(ham, 16, seed=4)} == {"spam"}


def test_urls_are_invented_not_the_ham_sites(ham):
    ham_hosts = {re.sub(r"^www\.", "", r.url.split("/")[2]) for r in ham if r.url}
    for r in synthesize(ham, 24, seed=8, families=ALL):
        if r.kind in REWRITE_FAMILIES:  # a real page kept whole, at its own address
            assert r.url in {h.url for h in ham}
        elif r.url:
            host = re.sub(r"^(www|blog)\.", "", r.url.split("/")[2])
            assert host not in ham_hosts, r.url


def test_unknown_family_is_a_clear_error(ham):
    with pytest.raises(ValueError, match="unknown synthetic family 'casino'"):
        synthesize(ham, 3, seed=1, families=["aggregator", "casino"])
    with pytest.raises(ValueError, match="not the string"):
        synthesize(ham, 3, seed=1, families="parked")


def test_empty_ham_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one ham record"):
        synthesize([], 3, seed=1)


def test_ham_without_text_is_a_clear_error():
    empty = [Record(id="e", source="e", url=None, label="ham", kind=None, html="<html><body></body></html>")]
    with pytest.raises(ValueError, match="no ham record has a title"):
        synthesize(empty, 2, seed=1)


def test_zero_pages(ham):
    assert synthesize(ham, 0, seed=1) == []


def test_hacked_links_keep_the_page_and_add_sold_links(ham):
    """A hacked page: the ham page's own text stays, and links whose anchors sell a spam vertical point
    to other sites."""
    from features import extract_features

    records = synthesize(ham, 8, seed=2, families=["hacked_links"])
    for r in records:
        text = " ".join(lxml.html.document_fromstring(r.html).text_content().split())
        assert any(s in text for _t, *ps in _TOPICS for s in ps), r.id
    # Links cloaked behind the site's own redirect script (/goto/cheap-viagra) name no site to count.
    money = [extract_features(r.html, r.url)["money_anchor_domain_count"] for r in records]
    assert sum(m >= 1 for m in money) >= 6, money


def test_comment_spam_is_a_post_under_a_flood_of_linked_praise(ham):
    """The copied post, then comments: generic praise whose authors link to other sites."""
    from features import extract_features
    from model.synth import _lexicon as lex

    praise = [p for ps in lex.COMMENT_PRAISE.values() for p in ps]
    for r in synthesize(ham, 8, seed=2, families=["comment_spam"]):
        text = " ".join(lxml.html.document_fromstring(r.html).text_content().split())
        assert any(s in text for _t, *ps in _TOPICS for s in ps), r.id
        assert any(p in text for p in praise), r.id
        assert extract_features(r.html, r.url)["external_domain_count"] >= 2, r.id


_LINKED_PAGE = """<html><head><link rel="stylesheet" href="https://fonts.example-cdn.com/css?family=Lato">
<title>Further reading</title></head><body><p>Sources for this article:</p><ul>
<li><a href="https://www.harbourgazette.com/2019/05/ferries.html">our ferry story</a></li>
<li><a href="https://archive.moorlandnotes.org/curlews?a=1&amp;b=2">Curlew survey</a></li>
<li><a class="ext" href='https://www.alpenbote.at/lokales/radwege'>Radwege</a></li>
<li><a href="https://cityledger.co.uk/news/library">Library hours</a></li>
<li><a href="/2019/05/other.html">Another story of ours</a></li></ul></body></html>"""


def test_wrapped_links_go_through_one_script_of_the_site_and_own_links_stay():
    from urllib.parse import unquote

    from model.synth._rewrite import wrap_outbound_links

    total = 0
    for seed in range(30):
        page, wrapped = wrap_outbound_links(
            random.Random(seed), _LINKED_PAGE, "https://www.harbourgazette.com/2019/05/x.html"
        )
        root = lxml.html.document_fromstring(page)
        hrefs = [a.get("href") for a in root.iter("a")]
        assert hrefs[0] == "https://www.harbourgazette.com/2019/05/ferries.html"  # the site's own: unchanged
        assert hrefs[-1] == "/2019/05/other.html"
        assert 'href="https://fonts.example-cdn.com/css?family=Lato"' in page  # not an <a>: unchanged
        changed = [h for h in hrefs[1:4] if not h.startswith("https://") or "harbourgazette.com" in h]
        assert len(changed) == wrapped
        total += wrapped
        scripts = {re.sub(r"[?=].*", "", h) for h in changed}
        assert len(scripts) == (1 if wrapped else 0), changed  # one site, one redirect script
        for h in changed:
            if "id=" not in h and "link=" not in h.split("&")[0]:
                assert any(t in unquote(h) for t in ("moorlandnotes.org", "alpenbote.at", "cityledger.co.uk")), h
    assert total >= 30  # most of the three links, most of the time


def test_outbound_family_rewrites_a_real_page_with_a_url(ham):
    linked = Record(
        id="linked",
        source="tiny",
        url="https://www.harbourgazette.com/2019/05/x.html",
        label="ham",
        kind=None,
        html=_LINKED_PAGE,
    )
    records = synthesize([*ham, linked], 12, seed=4, families=["synth_ham_outbound"])
    for r in records:
        assert r.label == "ham" and r.url is not None
    rewritten = [r for r in records if r.html != _LINKED_PAGE and "Further reading" in r.html]
    assert rewritten, "the one page with links to other sites was drawn and rewritten"
    assert all(r.url == linked.url for r in rewritten)


def test_nofollow_goes_on_outbound_links_without_a_rel_only():
    from model.synth._rewrite import nofollow_outbound_links

    page = _LINKED_PAGE.replace('<a class="ext" ', '<a class="ext" rel="me" ')
    out, changed = nofollow_outbound_links(random.Random(1), page, "https://www.harbourgazette.com/x.html", rel="ugc")
    rels = [a.get("rel") for a in lxml.html.document_fromstring(out).iter("a")]
    assert rels == [None, "ugc", "me", "ugc", None] and changed == 2


def test_link_heavy_pages_link_mostly_to_other_sites():
    from model.synth._rewrite import LINK_HEAVY_MIN, is_link_heavy

    url = "https://www.harbourgazette.com/x.html"
    outbound = "".join(f'<a href="https://site{i}.example.org/">s{i}</a>' for i in range(LINK_HEAVY_MIN))
    own = "".join(f'<a href="/section-{i}/">n{i}</a>' for i in range(LINK_HEAVY_MIN))
    assert is_link_heavy(f"<body>{outbound}{own}</body>", url)  # half the links go elsewhere
    assert not is_link_heavy(f"<body>{outbound}{own}{own}</body>", url)  # a third
    assert not is_link_heavy(f"<body>{outbound[: outbound.rindex('<a')]}</body>", url)  # too few
    # Absolute links to the site itself are not outbound.
    assert not is_link_heavy(f"<body>{outbound.replace('site', 'www.harbourgazette.com/site')}</body>", url)


def test_outbound_rewrites_wrap_mark_nofollow_or_both():
    from model.synth._rewrite import rewrite_outbound_links

    def links(page: str) -> list[tuple[str | None, str | None]]:
        return [(a.get("href"), a.get("rel")) for a in lxml.html.document_fromstring(page).iter("a")]

    before = links(_LINKED_PAGE)
    kinds = set()
    for seed in range(40):
        out, changed = rewrite_outbound_links(random.Random(seed), _LINKED_PAGE, "https://www.harbourgazette.com/x")
        after = links(out)
        wrapped = [a[0] for a in after] != [b[0] for b in before]
        nofollowed = any(rel for _, rel in after)
        kinds.add((wrapped, nofollowed))
        assert after[0] == before[0] and after[-1] == before[-1]  # the site's own links never change
        assert 0 <= changed <= 3 and (changed > 0) == (wrapped or nofollowed)
    assert kinds >= {(True, False), (False, True), (True, True)}


def test_outbound_family_works_on_a_corpus_without_urls(ham):
    linked = Record(id="linked", source="tiny", url=None, label="ham", kind=None, html=_LINKED_PAGE)
    no_urls = [Record(id=r.id, source=r.source, url=None, label="ham", kind=None, html=r.html) for r in ham]
    records = synthesize([*no_urls, linked], 12, seed=4, families=["synth_ham_outbound"])
    assert all(r.label == "ham" and r.url is None for r in records)
    rewritten = [r for r in records if "Further reading" in r.html and r.html != _LINKED_PAGE]
    assert rewritten
    for r in rewritten:  # without a URL every absolute link is another site's: all four may change
        hrefs = [a.get("href") for a in lxml.html.document_fromstring(r.html).iter("a")]
        rels = [a.get("rel") for a in lxml.html.document_fromstring(r.html).iter("a")]
        assert hrefs[-1] == "/2019/05/other.html" and rels[-1] is None
        # a wrapped link goes through a script of the page's own (a path), never a proxy host with no site
        assert all(h.startswith("/") or re.match(r"https://[a-z0-9-]+\.[a-z]", h) for h in hrefs), hrefs


def test_incidental_family_keeps_a_real_page_and_adds_what_one_kind_of_site_prints(ham):
    from model.synth import _lexicon as lex
    from model.synth._incidental import INCIDENTALS, SEARCH_PATHS, SITE_KINDS

    def title(page: str) -> str:
        return lxml.html.document_fromstring(page).findtext(".//title")

    share_intents = "|".join(re.escape(t.split("{u}")[0]) for _, t, _ in lex.SHARE_NETWORKS)
    signs = {
        "related_searches": "|".join(re.escape(f'<li><a href="{p.split("{q}")[0]}') for p in SEARCH_PATHS),
        "recommendation_widget": r"(?i)taboola|outbrain|mgid",
        "meta_keywords": r'<meta name="keywords"',
        "ad_slots": r'adsbygoogle|div-gpt-ad|class="ad-container"',
        "sponsored_links": r'<div class="(?:sponsored|native-ads|promo|partner-links)"><span>',
        "betting_partners": r'<div class="(?:partners|sponsors|betting-partner|partner-box)"><span>',
        "most_read": r'<aside class="(?:most-read|trending|popular|widget)"><(?:h3|h4|div)>',
        "share_bars": share_intents,
        "follow_row": r'<div class="(?:social|follow|footer-social)">',
        "related_posts": r'<section class="related">',
        "tags": r'<div class="(?:tags|post-tags|entry-tags)">',
    }
    seen: Counter[str] = Counter()
    sizes: Counter[int] = Counter()
    for r in synthesize(ham, 80, seed=5, families=["synth_ham_incidental"]):
        assert r.label == "ham" and r.kind == "synth_ham_incidental"
        # A real page kept whole, at its own address: every paragraph of one ham page is still there.
        original = next(h for h in ham if all(p in r.html for p in re.findall(r"<p>.*?</p>", h.html)))
        assert r.url == original.url and r.html != original.html
        found = {
            name for name, sign in signs.items() if len(re.findall(sign, r.html)) > len(re.findall(sign, original.html))
        }
        if title(r.html) != title(original.html):
            found.add("branded_title")
        # What one kind of site prints, one to six things of it.
        assert 1 <= len(found) <= 6, found
        assert any(found <= set(kind) for kind in SITE_KINDS.values()), found
        seen.update(found)
        sizes[len(found)] += 1
    assert set(seen) == set(INCIDENTALS), seen
    assert sizes[1] and sum(n for k, n in sizes.items() if k >= 3), sizes


def test_incidental_widget_teasers_are_clickbait_that_the_features_see(ham):
    from features.schema import extract_features

    records = synthesize(ham, 60, seed=6, families=["synth_ham_incidental"])
    widget = [r for r in records if "utm_source" in r.html or re.search(r"taboola|outbrain|mgid", r.html, re.I)]
    assert widget
    hits = [extract_features(r.html, r.url)["clickbait_phrase_count"] for r in widget]
    assert sum(h >= 1 for h in hits) >= len(hits) // 2, hits
