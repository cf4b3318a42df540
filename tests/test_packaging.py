"""The built wheel carries every subpackage and data file an installed (non-editable) copy needs."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_contains_code_model_and_demo_site(tmp_path):
    pytest.importorskip("setuptools", minversion="77", reason="building the wheel offline needs setuptools >= 77")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("scrapy_spamguard-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "features/page.py",
        "features/py.typed",
        "model/synth/__init__.py",
        "model/default/model.txt",
        "model/default/manifest.json",
        "spider_plugins/cli.py",
        "spider_plugins/demo_site/index.html",
    ):
        assert required in names, required
    assert not any(n.startswith("tests/") for n in names)
