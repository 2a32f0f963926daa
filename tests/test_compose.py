"""Spec composition: extends/change/remove/add/include resolved before compile, every
key keeping the file:line:col it came from; cycles, clashes and broken weights refused
with both locations; show --resolved; the stamp hashes every file."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import textwrap
from pathlib import Path

import pytest
from conftest import invoke
from hypothesis import given
from hypothesis import strategies as st

from engine.base.errors import ErrorList
from engine.scoring.actuals import check_actuals, load_actuals
from engine.scoring.evaluate import evaluate
from engine.spec.compile import compile_spec, load_spec
from engine.spec.load import load_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
UNITS = "examples/families/units"
A = (f"{UNITS}/unit-a-2021.yaml", f"{UNITS}/unit-a.actuals.yaml")
B = (f"{UNITS}/unit-b-2021.yaml", f"{UNITS}/unit-b.actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"differs from {path}"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def errors_of(path: Path) -> list[str]:
    with pytest.raises(ErrorList) as e:
        load_spec(path)
    return [str(x) for x in e.value.errors]


# -- the shipped family of unit specs ------------------------------------------------
def test_a_unit_spec_is_the_base_with_its_changes() -> None:
    spec = load_spec(A[0])
    assert spec.id == "unit-a-2021"
    assert "capital" not in spec.by_id
    assert spec.by_id["trips"].target == 3
    assert spec.by_id["community"].weight == 18
    assert spec.by_id["river"].weight == 2
    assert [c.id for c in spec.by_id["duties"].children] == [
        "trips",
        "community",
        "satisfaction",
        "river",
    ]


def test_trace_steps_point_into_the_file_each_rule_came_from() -> None:
    code, out, _ = invoke("explain", *A, "trips", "--width", "100")
    assert code == 0
    assert f"ratio (higher is better)   {UNITS}/common-2021.yaml:44:29" in out
    assert f"defined at {UNITS}/common-2021.yaml:43:9" in out
    code, out, _ = invoke("explain", *A, "community", "--width", "100")
    assert f"threshold (higher is better)   {UNITS}/unit-a-2021.yaml:12:35" in out


@pytest.mark.parametrize(("files", "name"), [(A, "unit-a-2021"), (B, "unit-b-2021")])
def test_the_unit_scorecards_match_the_golden_files(files: tuple[str, str], name: str) -> None:
    code, out, err = invoke("score", *files, "--format", "tree", "--width", "100")
    assert (code, err) == (0, "")
    golden(f"{name}.tree.txt", out)


def test_show_resolved_names_each_keys_file_and_reads_back_as_the_same_spec(
    tmp_path: Path,
) -> None:
    code, out, err = invoke("show", A[0], "--resolved")
    assert (code, err) == (0, "")
    golden("unit-a-2021.resolved.yaml", out)
    assert f"target: 3  # {UNITS}/unit-a-2021.yaml:11" in out
    assert f"unit: 次  # {UNITS}/common-2021.yaml:43" in out
    copy = write(tmp_path, "resolved.yaml", out)
    actuals = load_actuals(A[1], load_spec(copy))
    assert (
        evaluate(load_spec(copy), actuals).total
        == evaluate(load_spec(A[0]), load_actuals(A[1], load_spec(A[0]))).total
    )


def test_show_resolved_of_a_composition_that_fails_prints_the_spec_then_the_error(
    tmp_path: Path,
) -> None:
    shutil.copytree(ROOT / UNITS, tmp_path / "u")
    spec = tmp_path / "u" / "unit-a-2021.yaml"
    spec.write_text(spec.read_text("utf-8").replace("trips: {", "tripz: {"), encoding="utf-8")
    code, out, err = invoke("show", str(spec), "--resolved")
    assert code == 1
    assert f"extends: common-2021.yaml  # {spec}:9" in out
    assert f"tripz:  # {spec}:11" in out
    assert err == (
        f"{spec}:11:3: no indicator 'tripz' in the base; did you mean 'trips'?; give the id "
        "of an indicator of the spec it extends\n"
    )


def test_show_resolved_of_a_failed_include_prints_the_spec_as_written(tmp_path: Path) -> None:
    shutil.copytree(ROOT / UNITS, tmp_path / "u")
    own = tmp_path / "u" / "unit-b-own.yaml"
    own.write_text(own.read_text("utf-8").replace("id: markets", "id: trips"), encoding="utf-8")
    code, out, err = invoke("show", str(tmp_path / "u" / "unit-b-2021.yaml"), "--resolved")
    assert code == 1
    assert "include: unit-b-own.yaml  # " in out  # not the half-resolved document
    assert "children:" not in out
    assert err.startswith(f"{own}:3:8: id 'trips' is used twice: ")
    assert err.count("\n") == 1


def test_include_pulls_a_list_into_a_group_with_its_own_positions() -> None:
    spec = load_spec(B[0])
    own = spec.by_id["own"]
    assert [c.id for c in own.children] == ["markets", "elderly"]
    assert str(own.children[0].pos).startswith(f"{UNITS}/unit-b-own.yaml:3:")
    assert spec.rounding.mode == "half_even"


def test_the_stamp_hashes_every_file_that_went_in() -> None:
    code, out, _ = invoke("score", *B, "--format", "json")
    assert code == 0
    stamp = json.loads(out)["stamp"]
    files = [f"{UNITS}/unit-b-2021.yaml", f"{UNITS}/common-2021.yaml", f"{UNITS}/unit-b-own.yaml"]
    assert [s["file"] for s in stamp["spec_sources"]] == files
    for s in stamp["spec_sources"]:
        assert s["sha256"] == hashlib.sha256(Path(s["file"]).read_bytes()).hexdigest()
    assert stamp["spec_sha256"] not in [s["sha256"] for s in stamp["spec_sources"]]


def test_a_changed_base_changes_the_childs_hash(tmp_path: Path) -> None:
    shutil.copytree(ROOT / UNITS, tmp_path / "u")
    before = load_spec(tmp_path / "u" / "unit-a-2021.yaml").sha256
    base = tmp_path / "u" / "common-2021.yaml"
    base.write_text(base.read_text("utf-8") + "# a comment\n", encoding="utf-8")
    assert load_spec(tmp_path / "u" / "unit-a-2021.yaml").sha256 != before


def test_a_composed_spec_copied_elsewhere_keeps_its_hash(tmp_path: Path) -> None:
    # the hash is of the files' contents, never their paths: a scorecard verified on
    # another machine shows no spec_sha256 difference for a spec of several files
    shutil.copytree(ROOT / UNITS, tmp_path / "elsewhere")
    here = load_spec(f"{UNITS}/unit-a-2021.yaml").sha256
    assert load_spec(tmp_path / "elsewhere" / "unit-a-2021.yaml").sha256 == here


def test_set_reaches_the_bases_indicators_through_the_child() -> None:
    code, out, _ = invoke("explain", *A, "trips", "--set", "trips.target=2")
    assert code == 0
    assert "target ≥ 2 次" in out


# -- refusals, with both locations -----------------------------------------------------
BASE = """\
    spec: 1
    id: base
    total: 10
    indicators:
      - id: g
        name: 组
        weight: 10
        children:
          - {id: a, name: A, weight: 6, direction: higher, target: 1, method: ratio}
          - {id: b, name: B, weight: 4, direction: higher, target: 1, method: ratio}
    """


@pytest.fixture
def base(tmp_path: Path) -> Path:
    return write(tmp_path, "base.yaml", BASE)


def test_unknown_ids_in_change_and_remove_say_what_was_meant(tmp_path: Path, base: Path) -> None:
    child = write(
        tmp_path,
        "c.yaml",
        "spec: 1\nid: c\nextends: base.yaml\nchange: {aa: {target: 2}}\nremove: [bb]\n",
    )
    assert errors_of(child) == [
        f"{child}:4:10: no indicator 'aa' in the base; did you mean 'a'?; give the id of an "
        "indicator of the spec it extends",
        f"{child}:5:10: no indicator 'bb' in the base; did you mean 'b'?; give the id of an "
        "indicator of the spec it extends",
    ]


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ("remove: [a, a]\n", "4:13: 'a' is removed at {child}:4:10"),
        ("remove: [g]\nchange: {a: {target: 2}}\n", "5:10: 'a' is removed at {child}:4:10"),
    ],
)
def test_an_indicator_removed_is_said_to_be_removed_when_edited_again(
    tmp_path: Path, base: Path, edits: str, message: str
) -> None:
    """Both said "no indicator 'a' in the base", which it is; and a change of an
    indicator whose group was removed was taken without a word."""
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: base.yaml\n" + edits)
    assert errors_of(child)[0] == (
        f"{child}:" + message.format(child=child) + "; an indicator removed cannot be changed, "
        "added to or removed again: keep one of the two edits"
    )


def test_extends_naming_a_folder_says_so(tmp_path: Path, base: Path) -> None:
    """It said "no file 'sub' next to c.yaml", which the user can see there."""
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "base.yaml", BASE)
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: sub\n")
    assert errors_of(child) == [
        f"{child}:3:10: extends: 'sub' is a folder; name a spec file in it, e.g. "
        "extends: sub/base.yaml"
    ]


def test_extends_naming_a_device_says_so(tmp_path: Path, base: Path) -> None:
    """It said "no file '/dev/zero' next to c.yaml", which exists."""
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: /dev/zero\n")
    assert errors_of(child) == [
        f"{child}:3:10: extends: '/dev/zero' is not a regular file (a device, pipe or "
        "socket); name a spec file"
    ]


def test_an_added_id_that_clashes_names_both_places(tmp_path: Path, base: Path) -> None:
    child = write(
        tmp_path,
        "c.yaml",
        "spec: 1\nid: c\nextends: base.yaml\nadd:\n  g: [{id: a, name: X, weight: 1, "
        "direction: higher, target: 1, method: ratio}]\n",
    )
    assert errors_of(child) == [
        f"{child}:5:12: id 'a' is already used at {base}:9:14; choose another id or change "
        "that indicator instead"
    ]


def test_weights_that_no_longer_add_up_name_the_edit_and_the_group(
    tmp_path: Path, base: Path
) -> None:
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: base.yaml\nremove: [b]\n")
    assert errors_of(child) == [
        f"{child}:4:10: after this edit the weights under group 'g' ({base}:5:5) add up to 6, "
        "not 10: a 6; change the weights so that they add up"
    ]


KEYS = (
    "valid keys here: actual, aggregate, assumed, children, description, direction, id, include, "
    "method, name, not_applicable, source, target, unit, weight"
)


def test_a_key_mistyped_in_an_edit_is_told_before_the_weights_it_left(
    tmp_path: Path, base: Path
) -> None:
    """change: {a: {wieght: 4}} with b removed: told only that the weights add up
    to 6, and the typo after they were mended. Now the typo first, at its key,
    in change and in an indicator added alike."""
    child = write(
        tmp_path,
        "c.yaml",
        "spec: 1\nid: c\nextends: base.yaml\nchange: {a: {target: 2, wieght: 10}}\n"
        "remove: [b]\nadd:\n  g: [{id: n, name: N, weight: 4, direction: higher, target: 1, "
        "metod: ratio}]\n",
    )
    assert errors_of(child) == [
        f"{child}:4:25: unknown key 'wieght'; did you mean 'weight'?; {KEYS}",
        f"{child}:7:65: unknown key 'metod'; did you mean 'method'?; {KEYS}",
    ]


def test_a_spec_key_mistyped_is_told_with_the_weights_it_does_not_touch(
    tmp_path: Path, base: Path
) -> None:
    """change2: beside a removal that leaves the weights short: told only once the
    weights were mended. Both at once now: such a key changes no indicator."""
    child = write(
        tmp_path, "c.yaml", "spec: 1\nid: c\nextends: base.yaml\nremove: [b]\nchange2: x\n"
    )
    keys = (
        "add, aggregate, change, description, effective, extends, grades, id, indicators, "
        "inputs, methods, not_applicable, remove, rounding, source, spec, tests, title, total, "
        "version"
    )
    assert errors_of(child) == [
        f"{child}:4:10: after this edit the weights under group 'g' ({base}:5:5) add up to 6, "
        "not 10: a 6; change the weights so that they add up",
        f"{child}:5:1: unknown key 'change2'; did you mean 'change'?; valid keys here: {keys}",
    ]


def test_a_cycle_is_refused_naming_the_ring(tmp_path: Path) -> None:
    write(tmp_path, "x.yaml", "spec: 1\nid: x\nextends: y.yaml\n")
    y = write(tmp_path, "y.yaml", "spec: 1\nid: y\nextends: x.yaml\n")
    x = tmp_path / "x.yaml"
    assert errors_of(x) == [
        f"{y}:3:10: extends 'x.yaml' makes a cycle: {x} → {y} → {x} (also {x}:3:10); remove "
        "one of them"
    ]


def test_a_list_that_includes_itself_is_a_cycle_not_a_hang(tmp_path: Path) -> None:
    # the included file is a bare list: its own include was once resolved only after
    # it had left the chain, and the tree grew without end
    lst = write(tmp_path, "list.yaml", "- {id: a, name: A, weight: 10, include: list.yaml}\n")
    spec = write(
        tmp_path,
        "s.yaml",
        "spec: 1\nid: s\ntotal: 10\nindicators:\n  - {id: g, name: G, weight: 10, "
        "include: list.yaml}\n",
    )
    assert errors_of(spec) == [
        f"{lst}:1:41: include 'list.yaml' makes a cycle: {lst} → {lst}; remove one of them"
    ]


def test_the_same_list_included_twice_is_an_id_clash_naming_both_groups(tmp_path: Path) -> None:
    spec = write(
        tmp_path,
        "s.yaml",
        """\
        spec: 1
        id: s
        total: 10
        indicators:
          - {id: g, name: G, weight: 5, include: list.yaml}
          - {id: h, name: H, weight: 5, include: list.yaml}
        """,
    )
    lst = write(
        tmp_path,
        "list.yaml",
        "- {id: a, name: A, weight: 5, direction: higher, target: 1, method: ratio}\n",
    )
    assert errors_of(spec) == [
        f"{lst}:1:8: id 'a' is used twice: {lst}:1:8 (in 'g', {spec}:5:5) and {lst}:1:8 "
        f"(in 'h', {spec}:6:5); each indicator id once in the composed spec"
    ]


def test_an_error_in_the_base_is_reported_in_the_base(tmp_path: Path) -> None:
    write(tmp_path, "base.yaml", BASE.replace("method: ratio}", "method: ratoi}", 1))
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: base.yaml\n")
    found = errors_of(child)
    assert len(found) == 1 and found[0].startswith(f"{tmp_path / 'base.yaml'}:9:")
    assert "ratoi" in found[0]


def test_extends_by_id_finds_the_spec_in_the_folder(tmp_path: Path, base: Path) -> None:
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: base\nchange: {a: {target: 2}}\n")
    assert load_spec(child).by_id["a"].target == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "extends: base.yaml\nindicators: []\n",
            "a spec that extends another edits its indicators with change, remove and add, "
            "not a new indicators list",
        ),
        (
            "extends: base.yaml\nchange: {a: {id: z}}\n",
            "change cannot rename an indicator; remove it and add the new one",
        ),
        (
            "extends: base.yaml\nadd: {a: [{id: z}]}\n",
            "'a' at {base}:9:9 is a leaf indicator; add to a group (or 'indicators' for the "
            "top level)",
        ),
        (
            "extends: nothere.yaml\n",
            "extends: no file 'nothere.yaml' next to {child}; give a path relative to this "
            "file, or the id of a spec in its folder",
        ),
        (
            "extends: base.yml\n",
            "extends: no file 'base.yml' next to {child}; did you mean 'base.yaml'?; give a path "
            "relative to this file, or the id of a spec in its folder",
        ),
    ],
)
def test_misuses_of_composition_say_what_is_valid(
    tmp_path: Path, base: Path, text: str, message: str
) -> None:
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\n" + text)
    found = errors_of(child)
    assert len(found) == 1
    assert found[0].split(": ", 1)[1] == message.format(base=base, child=child)


@given(
    st.integers(min_value=1, max_value=999),
    st.integers(min_value=1, max_value=9),
    st.integers(min_value=0, max_value=50),
)
def test_a_composed_spec_scores_like_the_same_spec_written_out(
    target: int, weight_a: int, actual: int
) -> None:
    child = (
        f"spec: 1\nid: base\nextends: base.yaml\nchange:\n  a: {{target: {target}, "
        f"weight: {weight_a}}}\n  b: {{weight: {10 - weight_a}}}\n"
    )
    full = textwrap.dedent(BASE)
    full = full.replace(
        "{id: a, name: A, weight: 6, direction: higher, target: 1,",
        f"{{id: a, name: A, weight: {weight_a}, direction: higher, target: {target},",
    )
    full = full.replace(
        "{id: b, name: B, weight: 4,", f"{{id: b, name: B, weight: {10 - weight_a},"
    )
    values = f"spec: base\nvalues: {{a: {actual}, b: 1}}\n"
    with tempfile.TemporaryDirectory() as d:
        Path(d, "base.yaml").write_text(textwrap.dedent(BASE), encoding="utf-8")
        Path(d, "child.yaml").write_text(child, encoding="utf-8")
        composed = load_spec(Path(d, "child.yaml"))
    written = compile_spec(load_text(full, "full.yaml"))
    sa = evaluate(composed, check_actuals(load_text(values, "a.yaml"), composed))
    sb = evaluate(written, check_actuals(load_text(values, "a.yaml"), written))
    assert sa.total == sb.total
    assert [(r.id, r.score) for r in sa.walk()] == [(r.id, r.score) for r in sb.walk()]


# -- several bases (a diamond over one shared ancestor) -------------------------------
def _sectors(tmp_path: Path) -> Path:
    write(tmp_path, "common.yaml", BASE)
    write(tmp_path, "sa.yaml", "spec: 1\nid: sa\nextends: common.yaml\nchange: {a: {target: 5}}\n")
    write(
        tmp_path,
        "sb.yaml",
        "spec: 1\nid: sb\nextends: common.yaml\nrounding: {places: 1}\n"
        "change: {b: {method: threshold}}\n",
    )
    return tmp_path


def test_two_bases_over_one_ancestor_merge_both_changes(tmp_path: Path) -> None:
    _sectors(tmp_path)
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: [sa.yaml, sb.yaml]\n")
    spec = load_spec(child)
    assert spec.by_id["a"].target == 5
    assert spec.by_id["b"].method is not None and spec.by_id["b"].method.name == "threshold"
    assert spec.rounding.places == 1
    assert str(spec.by_id["b"].method.pos).startswith(f"{tmp_path / 'sb.yaml'}:5:")


def test_bases_that_change_one_key_differently_are_refused_naming_both(tmp_path: Path) -> None:
    _sectors(tmp_path)
    sc = write(
        tmp_path, "sc.yaml", "spec: 1\nid: sc\nextends: common.yaml\nchange: {a: {target: 7}}\n"
    )
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: [sa.yaml, sc.yaml]\n")
    assert errors_of(child) == [
        f"{tmp_path / 'sa.yaml'}:4:14: the bases disagree on indicator 'a' key 'target': here "
        f"and at {sc}:4:14; make them agree, or settle it in the spec that extends them"
    ]
    settled = write(
        tmp_path,
        "d.yaml",
        "spec: 1\nid: d\nextends: [sa.yaml, sc.yaml]\nchange: {a: {target: 6}}\n",
    )
    assert load_spec(settled).by_id["a"].target == 6


def test_a_changed_method_that_cannot_take_the_bases_text_target_names_both(
    tmp_path: Path,
) -> None:
    write(
        tmp_path,
        "common.yaml",
        """\
        spec: 1
        id: common
        total: 10
        indicators:
          - {id: system, name: 制度健全性, weight: 10, target: 健全,
             method: {grades: {健全: 1, 不健全: 0}}}
        """,
    )
    child = write(
        tmp_path,
        "u.yaml",
        "spec: 1\nid: u\nextends: common.yaml\nchange: {system: {method: ratio}}\n",
    )
    assert errors_of(child) == [
        f"{tmp_path / 'common.yaml'}:5:51: 'target' must be a number, not the text '健全'; a text "
        f"target suits a qualitative indicator scored by grades; the method is set at {child}:4:"
        "27"
    ]


def test_explain_names_where_a_unit_spec_set_the_weight_and_target() -> None:
    """An indicator defined in the shared set but changed by the unit's spec: explain
    says where each changed value was set, not only where the indicator is defined."""
    units = "examples/families/units"
    code, out, err = invoke(
        "explain", f"{units}/unit-a-2021.yaml", f"{units}/unit-a.actuals.yaml", "community"
    )
    assert (code, err) == (0, "")
    lines = [line.strip() for line in out.splitlines()]
    at = lines.index(f"defined at {units}/common-2021.yaml:45:9")
    assert lines[at + 1] == f"weight set at {units}/unit-a-2021.yaml:12:23"
    code, out, _ = invoke(
        "explain", f"{units}/unit-a-2021.yaml", f"{units}/unit-a.actuals.yaml", "trips"
    )
    assert f"target set at {units}/unit-a-2021.yaml:11:19" in out
    assert "weight set at" not in out  # the weight is the shared set's own


# -- extends by an id that fiscal-year versions share -----------------------------
def _years(folder: Path) -> None:
    for year, target in (("2021", 4), ("2022", 6)):
        write(
            folder,
            f"rules-{year}.yaml",
            f"""\
            spec: 1
            id: street
            version: "{year}"
            effective: {{from: {year}-01-01, to: {year}-12-31}}
            total: 10
            indicators:
              - {{id: trips, name: 招商, weight: 10, direction: higher, target: {target},
                 method: ratio}}
            """,
        )


def test_extends_by_a_shared_id_takes_the_version_in_force_over_the_specs_dates(
    tmp_path: Path,
) -> None:
    _years(tmp_path)
    child = write(
        tmp_path,
        "unit.yaml",
        "spec: 1\nid: unit\nextends: street\neffective: {from: 2022-01-01, to: 2022-12-31}\n",
    )
    assert load_spec(child).by_id["trips"].target == 6  # rules-2021 sorts first


def test_extends_by_a_shared_id_without_dates_to_choose_by_is_refused(tmp_path: Path) -> None:
    _years(tmp_path)
    child = write(tmp_path, "unit.yaml", "spec: 1\nid: unit\nextends: street\n")
    assert errors_of(child) == [
        f"{child}:3:10: extends: 'street' is the id of 2 specs here ({tmp_path}/rules-2021.yaml "
        f"(2021-01-01 – 2021-12-31); {tmp_path}/rules-2022.yaml (2022-01-01 – 2022-12-31)), "
        "and this spec has no effective dates to choose by; name the file to extend "
        "(extends: rules-2022.yaml)"
    ]


def test_a_file_name_too_long_for_the_system_is_no_such_file(tmp_path: Path) -> None:
    name = "a" * 300 + ".yaml"
    child = write(tmp_path, "c.yaml", f"spec: 1\nid: c\nextends: {name}\n")
    assert errors_of(child) == [
        f"{child}:3:10: extends: no file '{'a' * 60}… (305 characters)' next to {child}; give "
        "a path relative to this file, or the id of a spec in its folder"
    ]


def test_a_chain_of_extends_deeper_than_the_limit_is_refused_not_a_crash(tmp_path: Path) -> None:
    write(
        tmp_path,
        "s0.yaml",
        "spec: 1\nid: s0\ntotal: 1\nindicators:\n  - {id: a, name: A, weight: 1, "
        "direction: higher, target: 1, method: ratio}\n",
    )
    for k in range(1, 400):
        write(tmp_path, f"s{k}.yaml", f"spec: 1\nid: s{k}\nextends: s{k - 1}.yaml\n")
    errors = errors_of(tmp_path / "s399.yaml")
    assert errors == [
        f"{tmp_path}/s336.yaml:3:10: extends 's335.yaml' goes 64 files deep; specs may extend "
        "and include at most 64 files in a chain: join some of them"
    ]


def test_includes_count_one_level_per_file_and_a_cycle_names_each_once(tmp_path: Path) -> None:
    # an include was counted twice (32 nested files reached the limit of 64), and a
    # cycle's ring named the including file twice
    for k in range(40):
        nxt = f", include: l{k + 1}.yaml" if k < 39 else ""
        write(tmp_path, f"l{k}.yaml", f"- {{id: g{k}, name: G{k}, weight: 10{nxt}}}\n")
    (tmp_path / "l39.yaml").write_text(
        "- {id: x, name: X, weight: 10, direction: higher, target: 1, method: ratio}\n",
        encoding="utf-8",
    )
    spec = write(
        tmp_path,
        "s.yaml",
        "spec: 1\nid: s\ntotal: 10\nindicators:\n  - {id: top, name: T, weight: 10, "
        "include: l0.yaml}\n",
    )
    assert load_spec(spec).by_id["x"].weight == 10
    a = write(tmp_path, "a.yaml", "- {id: a, name: A, weight: 10, include: b.yaml}\n")
    b = write(tmp_path, "b.yaml", "- {id: b, name: B, weight: 10, include: a.yaml}\n")
    spec.write_text(spec.read_text("utf-8").replace("l0.yaml", "a.yaml"), encoding="utf-8")
    assert errors_of(spec) == [
        f"{b}:1:41: include 'a.yaml' makes a cycle: {a} → {b} → {a} (also {a}:1:41); remove "
        "one of them"
    ]


def _shared(tmp_path: Path, entry: str) -> Path:
    """Two specs including one list of indicators whose entry is ``entry``."""
    for name in ("a", "b"):
        write(
            tmp_path,
            f"{name}.yaml",
            f"spec: 1\nid: {name}\ntotal: 10\nindicators:\n"
            "  - {id: g, name: G, weight: 10, include: list.yaml}\n",
        )
    return write(tmp_path, "list.yaml", f"- {{{entry}}}\n")


def test_a_shared_lists_problem_is_told_once_and_the_list_alone_is_checked(
    tmp_path: Path,
) -> None:
    """Each spec including the list told its problem again; the list given alone
    was called valid unchecked."""
    lst = _shared(
        tmp_path, "id: x, name: X, wieght: 10, direction: higher, target: 1, method: ratio"
    )
    said = (
        f"{lst}:1:20: unknown key 'wieght'; did you mean 'weight' (required)?; valid keys here: "
        "actual, aggregate, assumed, children, description, direction, id, include, method, "
        "name, not_applicable, source, target, unit, weight"
    )
    code, _out, err = invoke("validate", str(tmp_path))
    assert (code, err.splitlines()) == (1, [said, "1 error in 1 of 3 files"])
    code, _out, err = invoke("validate", str(lst))
    assert (code, err.splitlines()) == (1, [said, "1 error in 1 of 1 file"])
    _shared(tmp_path, "id: x, name: X, weight: 10, direction: higher, target: 1, method: ratio")
    code, out, err = invoke("validate", str(lst))
    assert (code, err, out) == (0, "", "1 file valid\n")


def test_removing_every_indicator_of_a_group_asks_to_remove_the_group(tmp_path: Path) -> None:
    """It said the group's weights added up to 0 'not 10: ;' and to change them."""
    base = write(tmp_path, "base.yaml", BASE)
    child = write(tmp_path, "c.yaml", "spec: 1\nid: c\nextends: base.yaml\nremove: [a, b]\n")
    assert errors_of(child) == [
        f"{child}:4:10: after this edit group 'g' ({base}:5:5) has no indicators left; remove "
        "the group too (remove: [g]), or keep some of its indicators"
    ]
    both = write(tmp_path, "d.yaml", "spec: 1\nid: d\nextends: base.yaml\nremove: [a, b, g]\n")
    assert errors_of(both) == [
        f"{both}:4:16: after this edit the spec has no indicators left; remove fewer"
    ]


def test_a_list_using_the_including_specs_inputs_is_valid_with_it_and_alone(
    tmp_path: Path,
) -> None:
    """Checked alone as a spec of its own, the list's formula named inputs that
    only the spec including it declares: a valid folder failed."""
    write(
        tmp_path,
        "s.yaml",
        "spec: 1\nid: s\ntotal: 10\ninputs:\n  budget: {name: 预算}\n  spent: {name: 支出}\n"
        "indicators:\n  - {id: g, name: G, weight: 10, include: own.yaml}\n",
    )
    own = write(
        tmp_path,
        "own.yaml",
        "- {id: rate, name: 执行率, weight: 10, unit: '%', direction: higher, target: 90, "
        "method: ratio, actual: spent / budget * 100}\n",
    )
    code, out, err = invoke("validate", str(tmp_path))
    assert (code, out, err) == (0, "2 files valid\n", "")
    code, out, err = invoke("validate", str(own))
    assert (code, out, err) == (0, "1 file valid\n", "")


def test_a_change_that_includes_a_list_into_a_group_counts_its_weights(tmp_path: Path) -> None:
    """change: {group: {include: …}} beside a change of a sibling's weight: the
    weights were checked before the list was included (20, not 40), and the file
    is found beside the child that names it, not beside the base."""
    shutil.copytree(ROOT / UNITS, tmp_path / "u")
    (tmp_path / "u" / "edu").mkdir()
    write(
        tmp_path / "u" / "edu",
        "outputs.yaml",
        "- {id: teachers, name: 教师培训人次, weight: 10, unit: 人次, direction: higher, "
        "target: 5000, method: ratio}\n",
    )
    child = write(
        tmp_path / "u" / "edu",
        "edu-2021.yaml",
        "spec: 1\nid: edu\nextends: ../common-2021.yaml\nchange:\n"
        "  budget_execution: {weight: 5}\n  capital: {weight: 5}\n"
        "  management: {include: outputs.yaml}\n",
    )
    spec = load_spec(child)
    assert [c.id for c in spec.by_id["management"].children] == [
        "budget_execution",
        "staff_control",
        "compliance",
        "capital",
        "teachers",
    ]
    assert str(spec.by_id["teachers"].pos).startswith(
        f"{tmp_path / 'u' / 'edu' / 'outputs.yaml'}:1:"
    )
    short = write(
        tmp_path / "u" / "edu",
        "short.yaml",
        "spec: 1\nid: edu\nextends: ../common-2021.yaml\nchange:\n"
        "  capital: {weight: 5}\n  management: {include: outputs.yaml}\n",
    )
    assert errors_of(short) == [
        f"{short}:5:21: after this edit the weights under group 'management' "
        f"({tmp_path / 'u' / 'common-2021.yaml'}:21:5) add up to 45, not 40: budget_execution "
        "10 + staff_control 10 + compliance 10 + capital 5 + teachers 10; change the weights so "
        "that they add up"
    ]
