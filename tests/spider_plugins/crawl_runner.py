"""Run one real crawl in a fresh process and write what happened as JSON (used by test_crawl.py).

    python crawl_runner.py SPEC.json

SPEC: {"start_urls": [...], "hosts": [...], "settings": {...}, "out": "result.json",
"fail_on": "substring"?, "errback": bool?}. Each crawl gets its own process so that Twisted/asyncio state
never leaks between tests. With ``fail_on`` the spider's callback raises RuntimeError on URLs containing it
(a spider bug the crawl must survive); with ``errback`` every followed request gets an errback that records
(url, exception type).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from spider_plugins.demo import crawl, site_spider


def test_spider(fail_on: str | None, errback: bool) -> type:
    base: Any = site_spider()

    class TestSpider(base):  # type: ignore[misc, valid-type]
        failures: list[list[str]]

        def parse(self, response: Any, **kwargs: Any) -> Any:
            if fail_on and fail_on in response.url:
                self.reached.append(response.url)
                raise RuntimeError(f"spider bug on {response.url}")
            yield from super().parse(response, **kwargs)

        def follow(self, response: Any, url: str) -> Any:
            request = super().follow(response, url)
            return request.replace(errback=self.on_error) if errback else request

        def on_error(self, failure: Any) -> None:
            self.failures = getattr(self, "failures", [])
            self.failures.append([failure.request.url, type(failure.value).__name__])

    return TestSpider


def main(spec_path: str) -> int:
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    spidercls = test_spider(spec.get("fail_on"), spec.get("errback", False))
    try:
        result = crawl(spec["start_urls"], spec["hosts"], spec["settings"], spidercls)
    except Exception as exc:
        Path(spec["out"]).write_text(json.dumps({"error": f"{type(exc).__name__}: {exc}"}), encoding="utf-8")
        return 3
    Path(spec["out"]).write_text(json.dumps(result.to_json()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
