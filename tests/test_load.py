"""The loader: positions, YAML 1.2 scalars, and what it refuses."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from engine.base.errors import LoadError
from engine.spec.load import load_file, load_text


def test_scalars_follow_yaml_1_2_and_numbers_are_exact() -> None:
    doc = load_text("a: no\nb: 010\nc: 2021-01-01\nd: 2.675\ne: true\nf: ~\ng: '1'\n", "t.yaml")
    assert doc.data == {
        "a": "no",
        "b": Fraction(10),
        "c": "2021-01-01",
        "d": Fraction("2.675"),
        "e": True,
        "f": None,
        "g": "1",
    }


def test_every_value_and_key_keeps_its_position() -> None:
    doc = load_text("top:\n  - {id: x, weight: 4}\n", "t.yaml")
    assert str(doc.pos(("top", 0, "weight"))) == "t.yaml:2:21"
    assert str(doc.key_pos(("top", 0, "weight"))) == "t.yaml:2:13"
    assert str(doc.pos(("top", 0))) == "t.yaml:2:5"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: 1\na: 2\n",
            "t.yaml:2:1: duplicate key 'a' (first at line 1); each key may appear once",
        ),
        (
            "a: &x [1]\nb: *x\n",
            "t.yaml:1:4: YAML anchors (&x) are not allowed; write the value out",
        ),
        ("a: .nan\n", "t.yaml:1:4: '.nan' is not a finite number; write a plain number"),
        ("a: -.inf\n", "t.yaml:1:4: '-.inf' is not a finite number; write a plain number"),
        (
            "a: 1e999\n",
            "t.yaml:1:4: '1e999' is out of range; numbers must lie strictly between -1e21 and 1e21",
        ),
        (
            "a: [1, 2\n",
            "t.yaml:1:4: YAML syntax error: the '[' opened here is never closed; "
            "add ']' (or a ',' between entries)",
        ),
        (
            "a:\n\t- 1\n",
            "t.yaml:2:1: YAML syntax error: a tab is used for indentation; indent "
            "with spaces, not tabs",
        ),
        (
            "a: !!python/object:os.system x\n",
            "t.yaml:1:4: YAML tag 'tag:yaml.org,2002:python/object:os.system' is not supported; "
            "remove it",
        ),
        ("a: 1\n---\nb: 2\n", "t.yaml:2:1: more than one YAML document (---); give one per file"),
        ("[" * 100 + "]" * 100, "t.yaml:1:65: nesting deeper than 64 levels"),
    ],
)
def test_refused_yaml_is_reported_where_it_is(text: str, message: str) -> None:
    with pytest.raises(LoadError) as e:
        load_text(text, "t.yaml")
    assert str(e.value) == message


def test_deep_nesting_does_not_recurse(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as e:
        load_text("[" * 20000 + "]" * 20000, "t.yaml")
    assert "nesting deeper than 64 levels" in str(e.value)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a: \xff\xfe\n", "x.yaml:1:4: not valid UTF-8 (byte 0xff); save the file as UTF-8"),
        (b"a: 1\n\x00\x01", "x.yaml:2:1: binary data (NUL byte); expected UTF-8 text"),
    ],
)
def test_files_that_are_not_utf8_text_are_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    p = tmp_path / "x.yaml"
    p.write_bytes(content)
    with pytest.raises(LoadError) as e:
        load_file(p, "x.yaml")
    assert str(e.value) == message


def test_a_bom_is_accepted(tmp_path: Path) -> None:
    p = tmp_path / "x.yaml"
    p.write_bytes("\ufeffa: 1\n".encode())
    assert load_file(p).data == {"a": Fraction(1)}


def test_missing_file_and_directory_are_plain_messages(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as e:
        load_file(tmp_path / "nope.yaml", "nope.yaml")
    assert str(e.value) == "nope.yaml: no such file"
    with pytest.raises(LoadError) as e:
        load_file(tmp_path, "folder")
    assert str(e.value) == "folder: is a directory; give a file"


def test_oversized_files_are_refused_before_reading(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    p.write_bytes(b"#" * (8 * 1024 * 1024 + 1))
    with pytest.raises(LoadError) as e:
        load_file(p, "big.yaml")
    assert str(e.value) == "big.yaml: file is 8388609 bytes; files over 8388608 bytes are refused"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a:\n  b：2\n  c: 3\n",
            "t.yaml:2:4: YAML syntax error: a full-width '：' (Chinese "
            "input mode); YAML needs the ASCII ':'",
        ),
        (
            "a: {x: 1， y: 2}\n",
            "t.yaml:1:9: YAML syntax error: a full-width '，' (Chinese "
            "input mode); YAML needs the ASCII ','",
        ),
    ],
)
def test_full_width_punctuation_is_named(text: str, message: str) -> None:
    with pytest.raises(LoadError) as e:
        load_text(text, "t.yaml")
    assert str(e.value) == message


def test_full_width_text_in_a_value_is_not_blamed() -> None:
    with pytest.raises(LoadError) as e:
        load_text("d: 甲，乙：丙\nt: [1\n", "t.yaml")
    assert "full-width" not in str(e.value)


@pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
def test_deep_nesting_is_placed_alike_by_every_pyyaml_build(
    loader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yaml

    from engine.spec import load

    if not hasattr(yaml, loader):
        pytest.skip(f"this PyYAML build has no {loader}")
    monkeypatch.setattr(load, "_Loader", getattr(yaml, loader))
    with pytest.raises(LoadError) as e:
        load_text("a: " + "[" * 2000 + "]" * 2000 + "\n", "t.yaml")
    # the top mapping is level 1, so the 64th "[" (column 4 + 63) is level 65
    assert str(e.value) == "t.yaml:1:67: nesting deeper than 64 levels"


def test_text_fields_written_as_numbers_keep_their_text() -> None:
    """``version: 2021.10`` became 2021.1 and ``entity: 001`` became 1, which a
    compare of 2021.1 and 2021.10 then could not tell apart."""
    doc = load_text(
        "spec: s\nversion: 2021.10\nentity: 001\nperiod: 2021.10\ntitle: 1e3\n"
        "values: {a: 001, b: 2021.10}\n",
        "a.yaml",
    )
    assert doc.data == {
        "spec": "s",
        "version": "2021.10",
        "entity": "001",
        "period": "2021.10",
        "title": "1e3",
        "values": {"a": Fraction(1), "b": Fraction("2021.1")},
    }


def test_a_spec_and_its_actuals_show_the_version_and_entity_as_written(tmp_path: Path) -> None:
    from engine.scoring.actuals import load_actuals
    from engine.spec.compile import compile_spec

    spec = compile_spec(
        load_text(
            "spec: 1\nid: s\nversion: 2021.10\ntotal: 10\nindicators:\n"
            "  - {id: a, name: A, weight: 10, direction: higher, target: 100, method: ratio}\n",
            "s.yaml",
        )
    )
    assert spec.version == "2021.10"
    (tmp_path / "a.yaml").write_text("spec: s\nentity: 0755\nperiod: 2021\nvalues: {a: 90}\n")
    actuals = load_actuals(str(tmp_path / "a.yaml"), spec)
    assert (actuals.entity, actuals.period) == ("0755", "2021")
