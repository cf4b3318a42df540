"""``python -m model.robustness``: the legitimate-page variations and the report."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from model import robustness

URL = "https://www.harbourgazette.com/2019/05/ferries.html"
PAGE = """<!DOCTYPE html><html><head><title>Ferry timetable</title><script src="/app.js"></script></head>
<body><nav><a href="/">Home</a></nav><p>The ferry runs every forty minutes from November on.</p>
<p>Commuters said the change adds half an hour.</p><p>The summer timetable returns in April.</p>
<p>Sources: <a href="https://www.portauthority.example/timetable">the port authority</a>,
<a href="https://www.harbourgazette.com/2019/04/old.html">our April story</a>.</p></body></html>"""
HELDOUT = Path(__file__).parents[1] / "fixtures" / "heldout"


def hrefs(page: str) -> list[str]:
    return [a.get("href") for a in lxml.html.document_fromstring(page).iter("a")]


def test_every_variation_gives_a_parseable_page() -> None:
    for name, (vary, _) in robustness.VARIATIONS.items():
        page = vary(PAGE, URL)
        assert lxml.html.document_fromstring(page) is not None, name


def test_outbound_links_and_only_those_change() -> None:
    wrapped = hrefs(robustness.wrapped_links(PAGE, URL))
    assert wrapped[1].startswith("/out?url=https%3A%2F%2Fwww.portauthority.example")
    assert wrapped[0] == "/" and wrapped[2] == "https://www.harbourgazette.com/2019/04/old.html"
    root = lxml.html.document_fromstring(robustness.nofollow(PAGE, URL))
    rels = [a.get("rel") for a in root.iter("a")]
    assert rels == [None, "nofollow noopener", None]


def test_thin_cut_and_shell_pages() -> None:
    assert robustness.thin(PAGE, URL).count("<p>") == robustness.THIN_PARAGRAPHS
    assert len(robustness.cut_short(PAGE * 20, URL)) == int(len(PAGE * 20) * robustness.CUT_SHARE)
    shell = robustness.app_shell(PAGE, URL)
    assert "<title>Ferry timetable</title>" in shell and "ferry runs" not in shell
    assert robustness.hidden_menu(PAGE, URL).count('style="display:none"') == 1


def test_report_on_a_labelled_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert robustness.main(["--corpus", str(HELDOUT), "--every", "4"]) == robustness.EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith("4 legitimate pages, threshold ")  # 16 ham pages, every 4th
    for name in robustness.VARIATIONS:
        assert f"  {name}" in out


def test_a_missing_corpus_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert robustness.main(["--corpus", str(tmp_path / "nothing")]) == robustness.EXIT_USAGE
    assert "python -m model.robustness:" in capsys.readouterr().err


def test_single_hit_variations_add_one_box_or_title_suffix() -> None:
    related = lxml.html.document_fromstring(robustness.related_searches(PAGE, URL))
    assert related.xpath("//aside/h3/text()") == ["Related Searches"]
    assert {h.split("=")[1] for h in related.xpath("//aside//a/@href")} == {"ferry", "timetable"}
    widget = robustness.recommendation_widget(PAGE, URL)
    assert "You Won't Believe" in widget and "cdn.taboola.com" in widget
    assert hrefs(widget)[:3] == hrefs(PAGE)  # the page's own links come first, unchanged
    titled = lxml.html.document_fromstring(robustness.branded_title(PAGE, URL)).findtext(".//title")
    assert titled == "Ferry timetable | Harbourgazette News - Latest Harbourgazette News and Headlines"


def test_furniture_variations_add_footer_share_bars_and_comments() -> None:
    footer = lxml.html.document_fromstring(robustness.sitemap_footer(PAGE, URL))
    assert len(footer.xpath("//footer[@class='site-map']//a")) == 48
    assert all(h.startswith("/") for h in footer.xpath("//footer[@class='site-map']//a/@href"))
    shared = robustness.share_bars(PAGE, URL)
    assert (
        shared.count('class="share"') == 2 and "twitter.com/intent/tweet?url=https%3A%2F%2Fwww.harbourgazette" in shared
    )
    comments = lxml.html.document_fromstring(robustness.genuine_comments(PAGE, URL))
    assert len(comments.xpath("//li[@class='comment']")) == 5
    assert comments.xpath("//cite/a/@rel") == ["external nofollow ugc"] * 2
