"""Loading a model directory safely: every fault is one clear ModelError naming the file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from model import DEFAULT_MODEL_DIR, ModelError, Scorer


@pytest.fixture
def model_dir(tmp_path: Path) -> Path:
    target = tmp_path / "model"
    target.mkdir()
    for name in ("model.txt", "manifest.json"):
        shutil.copy(DEFAULT_MODEL_DIR / name, target / name)
    return target


def edit_manifest(model_dir: Path, **changes) -> None:
    path = model_dir / "manifest.json"
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data))


def test_a_copy_loads(model_dir):
    assert Scorer.load(model_dir).threshold == Scorer.load().threshold


def test_tampered_model_file(model_dir):
    path = model_dir / "model.txt"
    path.write_text(path.read_text().replace("leaf_value=", "leaf_value=1", 1))
    with pytest.raises(ModelError, match=r"model\.txt: sha256 .* does not match"):
        Scorer.load(model_dir)


def test_truncated_model_file(model_dir):
    path = model_dir / "model.txt"
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(ModelError, match=r"model\.txt"):
        Scorer.load(model_dir)


def test_truncated_model_with_matching_hash_is_still_refused(model_dir):
    from model.manifest import sha256_file

    path = model_dir / "model.txt"
    path.write_bytes(path.read_bytes()[:1000])
    edit_manifest(model_dir, model_sha256=sha256_file(path))
    with pytest.raises(ModelError, match="not a LightGBM text model"):
        Scorer.load(model_dir)


def test_schema_mismatch_names_the_differences(model_dir):
    data = json.loads((model_dir / "manifest.json").read_text())
    names = data["feature_names"]
    edit_manifest(model_dir, feature_names=[*names[:-1], "retired_feature_count"])
    with pytest.raises(ModelError) as err:
        Scorer.load(model_dir)
    message = str(err.value)
    assert "retired_feature_count" in message and names[-1] in message and "spamguard train" in message


def test_fingerprint_mismatch(model_dir):
    edit_manifest(model_dir, schema_fingerprint="0000000000000000")
    with pytest.raises(ModelError, match="fingerprint 0000000000000000 does not match"):
        Scorer.load(model_dir)


@pytest.mark.parametrize(
    ("content", "pattern"),
    [("{not json", "cannot be read as JSON"), ("[1, 2]", "JSON object"), ('{"format": 1}', "missing")],
)
def test_broken_manifest(model_dir, content, pattern):
    (model_dir / "manifest.json").write_text(content)
    with pytest.raises(ModelError, match=pattern):
        Scorer.load(model_dir)


def test_bad_threshold(model_dir):
    edit_manifest(model_dir, threshold=1.5)
    with pytest.raises(ModelError, match="threshold"):
        Scorer.load(model_dir)


@pytest.mark.parametrize("missing", ["model.txt", "manifest.json"])
def test_missing_files(model_dir, missing):
    (model_dir / missing).unlink()
    with pytest.raises(ModelError, match=missing.replace(".", r"\.")):
        Scorer.load(model_dir)


def test_not_a_directory(tmp_path):
    with pytest.raises(ModelError, match="not a model directory"):
        Scorer.load(tmp_path / "nowhere")


def test_model_error_is_a_value_error():
    assert issubclass(ModelError, ValueError)


@pytest.mark.parametrize("value", ["zero", [0.0], "ALL_NAN_STRINGS"])
def test_bad_undefined_values(model_dir, value):
    n = len(json.loads((model_dir / "manifest.json").read_text())["feature_names"])
    if value == "ALL_NAN_STRINGS":
        value = ["nan"] * n
    edit_manifest(model_dir, undefined_values=value)
    with pytest.raises(ModelError, match="undefined_values must be a list of finite numbers or nulls"):
        Scorer.load(model_dir)
