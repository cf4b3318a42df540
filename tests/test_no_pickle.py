"""No code execution from data (issue 6): nothing is a pickle, nothing unpickles, and loading a model
directory reads its two data files and executes nothing that lies beside them."""

from __future__ import annotations

import ast
import pickle
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pytest
from scrapy import Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from model import Scorer
from model.manifest import MANIFEST_FILE, MODEL_FILE
from model.scorer import DEFAULT_MODEL_DIR
from spider_plugins import SpamGuardSpiderMiddleware
from spider_plugins.cli import main
from spider_plugins.state import existing_state

REPO = Path(__file__).resolve().parents[1]
PROJECT_DIRS = ("features", "model", "spider_plugins", "benchmarks")
#: File endings of pickle-based formats (pickle itself, joblib, and numpy's object arrays).
PICKLE_SUFFIXES = (".pkl", ".pickle", ".pckl", ".joblib", ".npy", ".npz")
#: The first bytes of a pickle of protocol 2 or later: the PROTO opcode and the protocol number.
PICKLE_MAGICS = tuple(b"\x80" + bytes([protocol]) for protocol in range(2, 6))
#: Modules that deserialize code or objects; the project never imports them.
UNSAFE_MODULES = {"pickle", "cPickle", "_pickle", "dill", "cloudpickle", "joblib", "shelve", "marshal"}
PAGE = b"<html><body><h1>Opening hours</h1><p>The library opens at nine.</p></body></html>"


def tracked_files() -> list[Path]:
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip(f"not a git checkout: {REPO}")
    out = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    return [REPO / name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def test_no_tracked_file_is_a_pickle() -> None:
    files = tracked_files()
    assert any(path.name == MODEL_FILE for path in files)  # the bundled model is among them
    by_name = [str(p.relative_to(REPO)) for p in files if p.name.lower().endswith(PICKLE_SUFFIXES)]
    assert by_name == []
    by_content = []
    for path in files:
        if path.is_file():
            with path.open("rb") as fh:
                if fh.read(2) in PICKLE_MAGICS:
                    by_content.append(str(path.relative_to(REPO)))
    assert by_content == []


def test_project_code_imports_no_deserializer() -> None:
    offenders = []
    for directory in PROJECT_DIRS:
        for path in sorted((REPO / directory).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for node in ast.walk(tree):
                names: list[str] = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    names = [node.module]
                elif isinstance(node, ast.keyword) and node.arg == "allow_pickle":
                    names = ["allow_pickle="]
                offenders += [
                    f"{path.relative_to(REPO)}:{node.lineno}: {n}"
                    for n in names
                    if n.split(".")[0] in UNSAFE_MODULES or n == "allow_pickle="
                ]
    assert offenders == []


# -- a model directory with traps beside its two files ---------------------------------------------


class _TouchOnUnpickle:
    """Unpickling this creates ``path``: the proof that a loader executed what it read."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, ...]:
        return (Path.touch, (self.path,))


def trapped_model_dir(root: Path) -> tuple[Path, Path]:
    """A copy of the bundled model plus files that leave a mark in ``root/marks`` if anything executes
    or unpickles them; returns (model dir, marks dir)."""
    model_dir = root / "model"
    marks = root / "marks"
    marks.mkdir()
    shutil.copytree(DEFAULT_MODEL_DIR, model_dir, ignore=shutil.ignore_patterns("report"))
    for name in ("__init__.py", "evil.py", "sitecustomize.py", "conftest.py", "__main__.py"):
        (model_dir / name).write_text(
            f"import pathlib\npathlib.Path({str(marks / name)!r}).touch()\n", encoding="utf-8"
        )
    for name in ("model.pkl", "model.pickle", "model.joblib", "scorer.pkl"):
        (model_dir / name).write_bytes(pickle.dumps(_TouchOnUnpickle(marks / name)))
    return model_dir, marks


def test_the_traps_are_armed(tmp_path: Path) -> None:
    """Control: unpickling a trap file, or running a trap module, does leave its mark."""
    model_dir, marks = trapped_model_dir(tmp_path)
    pickle.loads((model_dir / "model.pkl").read_bytes())
    subprocess.run([sys.executable, str(model_dir / "evil.py")], check=True)
    assert sorted(p.name for p in marks.iterdir()) == ["evil.py", "model.pkl"]


class _OpenRecorder:
    """Records the files opened under one directory (CPython's ``open`` audit event covers ``open``,
    ``io.open``, ``os.open`` and pathlib). Audit hooks cannot be removed, so one hook is installed per
    process and does nothing unless a recorder is active."""

    _active: ClassVar[list[_OpenRecorder]] = []
    _installed: ClassVar[bool] = False

    def __init__(self, directory: Path) -> None:
        self.directory = str(directory.resolve())
        self.opened: set[str] = set()

    @classmethod
    def _hook(cls, event: str, args: tuple[Any, ...]) -> None:
        if event != "open" or not cls._active or not args or not isinstance(args[0], str | bytes | Path):
            return
        path = args[0].decode("utf-8", "replace") if isinstance(args[0], bytes) else str(args[0])
        for recorder in cls._active:
            if path.startswith(recorder.directory):
                recorder.opened.add(Path(path).name)

    def __enter__(self) -> _OpenRecorder:
        if not _OpenRecorder._installed:
            sys.addaudithook(_OpenRecorder._hook)
            _OpenRecorder._installed = True
        _OpenRecorder._active.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _OpenRecorder._active.remove(self)


@pytest.fixture
def no_unpickling(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("something tried to unpickle or np.load while loading a model")

    for name in ("load", "loads", "Unpickler"):
        monkeypatch.setattr(pickle, name, refuse)
    monkeypatch.setattr(np, "load", refuse)
    yield


def test_scorer_load_reads_two_files_and_runs_nothing(tmp_path: Path, no_unpickling: None) -> None:
    model_dir, marks = trapped_model_dir(tmp_path)
    path_before, modules_before = list(sys.path), set(sys.modules)
    with _OpenRecorder(model_dir) as recorder:
        scorer = Scorer.load(model_dir)
        verdict = scorer.score_html(PAGE, "https://library.example.org/hours")
        scorer.score_html(PAGE)  # scoring again does not re-read the model either
    assert 0.0 <= verdict.score <= 1.0
    assert recorder.opened == {MODEL_FILE, MANIFEST_FILE}
    assert list(marks.iterdir()) == []
    assert sys.path == path_before
    new_modules = set(sys.modules) - modules_before
    assert not [m for m in new_modules if str(getattr(sys.modules[m], "__file__", "")).startswith(str(tmp_path))]


def test_cli_and_crawl_with_a_trapped_model_dir_run_nothing(
    tmp_path: Path, no_unpickling: None, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    import logging

    monkeypatch.setattr(logging.getLogger(), "level", logging.getLogger().level)  # main() sets it
    model_dir, marks = trapped_model_dir(tmp_path)
    page = tmp_path / "page.html"
    page.write_bytes(PAGE)
    assert main(["score", "--format", "jsonl", "--jobs", "1", "--model", str(model_dir), str(page)]) == 0
    assert '"score"' in capsys.readouterr().out

    class TrapSpider(Spider):
        name = "trap"

    crawler = get_crawler(TrapSpider, {"SPAMGUARD_MODEL": str(model_dir)})
    try:
        mw = build_from_crawler(SpamGuardSpiderMiddleware, crawler)
        assert mw.scorer.directory == model_dir
    finally:
        state = existing_state(crawler)
        if state is not None:
            state.close()
    assert list(marks.iterdir()) == []
