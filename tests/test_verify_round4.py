"""`scorecard verify`, round 4: every field compared exactly, a duplicated indicator or
a missing hash is a difference, the scorecard's shape refused where it is wrong, and
every scorecard `score` writes (with --rebalance, from a filled form, with --missing
zero) re-scored."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import invoke

from engine.render.json_out import result_sha256

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")
FORM = "examples/licheng-2021/自评表.xlsx"
TRIPS = '"id": "trips"'
INDICATORS = '"indicators":'
FAKE_NAME = "外出招商活动次数（已核实满分）"
AS_WRITTEN = "give the scorecard as 'scorecard score --format json' wrote it"

pytestmark = pytest.mark.usefixtures("in_root")


def written(tmp_path: Path, *args: str, actuals: str = SEED[1]) -> Path:
    """A scorecard as `score` writes it (the extra ``args`` go to `score`)."""
    card = tmp_path / "card.json"
    code, _, err = invoke("score", SEED[0], actuals, *args, "-f", "json", "-o", str(card))
    assert (code, err) == (0, "")
    return card


def load(card: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(card.read_text("utf-8"))
    return data


def save(card: Path, data: dict[str, Any], rehash: bool = True) -> str:
    """Write ``data`` back (with its result hash redone, as a careful forger would)."""
    if rehash:
        data["stamp"]["result_sha256"] = result_sha256(data)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    card.write_text(text, "utf-8")
    return text


def trips_of(data: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The indicator `trips` and the list it is in."""
    siblings = data["indicators"][1]["children"][0]["children"]
    assert siblings[1]["id"] == "trips"
    return siblings[1], siblings


def line_col(text: str, i: int) -> str:
    """``line:col`` of character ``i`` of ``text``."""
    return f"{text.count(chr(10), 0, i) + 1}:{i - text.rfind(chr(10), 0, i)}"


def at(text: str, key: str, value: Any = ..., nth: int = 0, after: str = "") -> str:
    """``line:col`` of the value of the ``nth`` key ``key`` (with this ``value``) after
    the text ``after``."""
    needle = json.dumps(key) + ":"
    if value is not ...:
        needle += " " + json.dumps(value, ensure_ascii=False)
    i = text.index(after) if after else -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return line_col(text, i + len(json.dumps(key)) + 2)  # after the key, its ': '


def mapping_at(text: str, iid: str, nth: int = 0) -> str:
    """``line:col`` of the ``nth`` indicator mapping with id ``iid``."""
    needle = '"id": ' + json.dumps(iid)
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return line_col(text, text.rindex("{", 0, i))


def summary(card: Path, count: int, ids: str, actuals: str = SEED[1]) -> str:
    return f"{card}: {count} difference(s) from a re-score of {SEED[0]} and {actuals} (in {ids})"


# -- finding 1: what verify did not compare --


def test_an_indicator_written_twice_with_a_fake_score_is_caught_even_rehashed(
    tmp_path: Path,
) -> None:
    card = written(tmp_path)
    data = load(card)
    trips, siblings = trips_of(data)
    fake = {**trips, "score": "3.75"}
    siblings.insert(1, fake)
    text = save(card, data)
    code, out, err = invoke("verify", str(card))
    assert (code, out) == (1, "")
    first = mapping_at(text, "trips")
    assert err.splitlines() == [
        f"{card}:{at(text, 'score', after=TRIPS)}: trips score: written 3.75, re-scored 2.81",
        f"{card}:{mapping_at(text, 'trips', 1)}: trips indicator: written again "
        f"(first at line {first.split(':')[0]}); a scorecard lists each indicator once",
        summary(card, 2, "trips"),
    ]


def test_every_field_is_compared_even_with_the_hash_redone(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = load(card)
    trips, _ = trips_of(data)
    trips.update(direction="lower", unit="%", name=FAKE_NAME)
    data["rules_total"] = "95.00"
    data["published"]["total"] = "88.59"
    text = save(card, data)
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err.splitlines() == [
        f"{card}:{at(text, 'rules_total')}: scorecard rules_total: written 95.00, "
        "re-scored nothing",
        f"{card}:{at(text, 'total', nth=2)}: scorecard published.total: written 88.59, "
        "re-scored 88.51",
        f"{card}:{at(text, 'name', after=TRIPS)}: trips name: written {FAKE_NAME}, "
        "re-scored 外出招商活动次数",
        f"{card}:{at(text, 'unit', '%', after=TRIPS)}: trips unit: written %, re-scored 次",
        f"{card}:{at(text, 'direction', after=TRIPS)}: trips direction: written lower, "
        "re-scored higher",
        summary(card, 5, "trips, scorecard"),
    ]


def test_a_field_the_re_score_does_not_write_or_one_left_out_is_a_difference(
    tmp_path: Path,
) -> None:
    card = written(tmp_path)
    data = load(card)
    trips, _ = trips_of(data)
    del trips["unit"]
    trips["verified"] = True
    text = save(card, data)
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err.splitlines() == [
        f"{card}:{mapping_at(text, 'trips')}: trips unit: missing; re-scored 次",
        f"{card}:{at(text, 'verified')}: trips verified: written true, but a re-score "
        "has no such field",
        summary(card, 2, "trips"),
    ]


def test_a_scorecard_without_its_result_hash_is_not_taken_as_unedited(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = load(card)
    del data["stamp"]["result_sha256"]
    text = save(card, data, rehash=False)
    code, out, err = invoke("verify", str(card))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{card}:{at(text, 'stamp')}: stamp result_sha256: missing, but 'scorecard score' "
        "always writes it: the stamp was edited after it was written",
        summary(card, 1, "stamp"),
    ]


def test_true_is_not_1_and_the_indicators_order_is_compared(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = load(card)
    data["indicators"].reverse()
    data["format"] = True
    text = save(card, data)
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err.splitlines() == [
        f"{card}:{at(text, 'format')}: scorecard format: written true (true or false), "
        "re-scored 1 (a number); a scorecard writes it as a number",
        f"{card}:{at(text, 'indicators')}: scorecard indicators: written in the order "
        "duties, management, re-scored management, duties",
        summary(card, 2, "scorecard"),
    ]


# -- finding 2: an id that is not text --


@pytest.mark.parametrize(
    ("value", "said"), [(["management"], "a list of 1"), ({"a": 1}, "a mapping")]
)
def test_an_indicator_id_that_is_not_text_is_refused_where_it_is(
    tmp_path: Path, value: Any, said: str
) -> None:
    card = written(tmp_path)
    data = load(card)
    data["indicators"][0]["id"] = value
    text = save(card, data)
    code, out, err = invoke("verify", str(card))
    assert (code, out) == (1, "")
    assert err == (
        f"{card}:{at(text, 'id', after=INDICATORS)}: an indicator's id must be text, "
        f"not {said}; {AS_WRITTEN}\n"
    )


def test_children_that_are_not_a_list_are_refused_where_they_are(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = load(card)
    data["indicators"][0]["children"] = None
    text = save(card, data)
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err == (
        f"{card}:{at(text, 'children', None)}: 'children' must be a list of indicators, "
        f"not nothing (empty); {AS_WRITTEN}\n"
    )


def test_json_nested_deeper_than_a_scorecard_is_refused_located(tmp_path: Path) -> None:
    card = tmp_path / "deep.json"
    card.write_text('{"stamp": ' + "[" * 100_000 + "]" * 100_000 + "}", "utf-8")
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err == f"{card}:1:74: nesting deeper than 64 levels\n"


# -- finding 3: what `score` writes, `verify` re-scores --


def test_a_scorecard_written_with_rebalance_verifies(tmp_path: Path) -> None:
    card = written(tmp_path, "--set", "trips.weight=5", "--rebalance")
    assert load(card)["stamp"]["spec_changes"] == ["trips.weight=5", "--rebalance"]
    code, out, err = invoke("verify", str(card))
    assert (code, err) == (0, "")
    assert out == (
        f"{card}: agrees with a re-score of {SEED[0]} and {SEED[1]} (total 88.27, engine 0.1.0)\n"
    )


def test_a_scorecard_of_a_filled_form_is_re_scored_from_the_form(tmp_path: Path) -> None:
    card = written(tmp_path, actuals=FORM)
    code, out, err = invoke("verify", str(card))
    assert (code, err) == (0, "")
    assert out == (
        f"{card}: agrees with a re-score of {SEED[0]} and {FORM} (total 88.59, engine 0.1.0)\n"
    )
    copy = shutil.copy(ROOT / FORM, tmp_path / "form.xlsx")
    code, out, err = invoke("verify", str(card), SEED[0], str(copy))
    assert (code, err) == (0, "")


def test_a_scorecard_written_with_missing_zero_verifies(tmp_path: Path) -> None:
    actuals = tmp_path / "actuals.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8")
    actuals.write_text(text.replace("  trips: 3\n", ""), "utf-8")
    card = written(tmp_path, "--missing", "zero", actuals=str(actuals))
    code, out, err = invoke("verify", str(card))
    assert (code, err) == (0, "")
    assert out.startswith(f"{card}: agrees with a re-score of ")


def test_a_value_missing_from_the_actuals_re_scored_does_not_name_missing_zero(
    tmp_path: Path,
) -> None:
    """verify scores a missing value 0 by design; its trace said "missing value scored 0
    (--missing zero)", a flag nobody gave."""
    card = written(tmp_path)
    actuals = tmp_path / "actuals.yaml"
    text = (ROOT / SEED[1]).read_text("utf-8")
    actuals.write_text(text.replace("  trips: 3\n", ""), "utf-8")
    card_text = card.read_text("utf-8")
    trace = card_text.index("[", card_text.index('"trace"', card_text.index(TRIPS)))
    for lang, line in [
        (
            "en",
            "trips trace: written step 1 3.75 * min(3 / 4, 1) 3.75 * min(0.75, 1) 3.75 * 0.75 "
            "2.8125, re-scored step 1 missing value scored 0 (no value in the actuals)",
        ),
        (
            "zh",
            "trips 推导过程（trace）：记录为 第 1 步 3.75 * min(3 / 4, 1) "
            "3.75 * min(0.75, 1) 3.75 * 0.75 2.8125，重新评分为 第 1 步 缺失值计 0 分"
            "（实际值中没有该值）",
        ),
    ]:
        code, out, err = invoke("verify", str(card), SEED[0], str(actuals), "--lang", lang)
        assert (code, out) == (1, "")
        assert f"{card}:{line_col(card_text, trace)}: {line}" in err.splitlines()
        assert "--missing zero" not in err


# -- finding 4: the stamp's changes are the scorecard's, not the command line's --


def test_spec_changes_that_are_not_a_list_of_texts_are_refused_in_the_scorecard(
    tmp_path: Path,
) -> None:
    card = written(tmp_path)
    data = load(card)
    data["stamp"]["spec_changes"] = "--set trips.weight=5"
    text = save(card, data)
    code, out, err = invoke("verify", str(card))
    assert (code, out) == (1, "")
    assert err == (
        f"{card}:{at(text, 'spec_changes')}: stamp spec_changes must be a list of texts "
        f"(the --set changes), not the text '--set trips.weight=5'; {AS_WRITTEN}\n"
    )


@pytest.mark.parametrize(
    ("change", "column", "problem"),
    [
        (
            "garbage",
            0,
            "write PATH=VALUE, e.g. indicators.trips.weight=5 or rounding.mode=half_even",
        ),
        ("trips.weight=abc", 14, "'weight' must be a number, not the text 'abc'"),
    ],
)
def test_a_stamp_change_that_cannot_be_applied_is_located_in_the_scorecard(
    tmp_path: Path, change: str, column: int, problem: str
) -> None:
    card = written(tmp_path)
    data = load(card)
    data["stamp"]["spec_changes"] = [change]
    text = save(card, data)
    line, col = line_col(text, text.index(json.dumps(change))).split(":")
    code, out, err = invoke("verify", str(card))
    assert (code, out) == (1, "")
    assert err == (
        f"{card}:{line}:{int(col) + column}: the stamp's change '{change}' cannot be "
        f"applied again: {problem}\n"
    )


# -- finding 5 and the user trial: two values that print alike --


def test_a_total_written_as_a_number_is_told_from_the_text(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = load(card)
    data["total"] = 88.59
    text = save(card, data)
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err.splitlines() == [
        f"{card}:{at(text, 'total', 88.59)}: scorecard total: written 88.59 (a number), "
        're-scored "88.59" (text); a scorecard writes it as text',
        summary(card, 1, "scorecard"),
    ]


def test_a_number_is_shown_exactly_as_written(tmp_path: Path) -> None:
    card = written(tmp_path)
    text = card.read_text("utf-8").replace('"total": "88.59"', '"total": 88.590000000000000001')
    card.write_text(text, "utf-8")
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert err.splitlines()[1].endswith(
        "scorecard total: written 88.590000000000000001 (a number), re-scored "
        '"88.59" (text); a scorecard writes it as text'
    )


def test_a_trace_step_that_reads_alike_is_shown_by_the_part_that_differs(
    tmp_path: Path,
) -> None:
    card = written(tmp_path)
    spec = tmp_path / "spec.yaml"
    spec.write_text(
        (ROOT / SEED[0]).read_text("utf-8").replace("mode: half_up", "mode: half_even"), "utf-8"
    )
    code, _, err = invoke("verify", str(card), str(spec), SEED[1])
    assert code == 1
    text = card.read_text("utf-8")
    lines = [x.split(": ", 1)[1] for x in err.splitlines()[:-1]]
    assert (
        f"{card}:{at(text, 'mode')}: scorecard spec.rounding.mode: written half_up, "
        "re-scored half_even" in err.splitlines()
    )
    assert (
        'staff_control trace: written step 2 label "round 2 places half_up", '
        're-scored step 2 label "round 2 places half_even"'
    ) in lines
    for line in lines:
        if ": written " in line and ", re-scored " in line:
            a, b = line.split(": written ", 1)[1].split(", re-scored ", 1)
            assert a != b, line


def test_control_characters_of_an_id_are_shown_escaped_in_the_summary(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = load(card)
    data["indicators"][0]["id"] = "\x1b[2Jmanagement"
    save(card, data)
    code, _, err = invoke("verify", str(card))
    assert code == 1 and "\x1b" not in err
    # the spec's indicator first, then the one written that the spec does not have
    assert err.splitlines()[-1].endswith(r"(in management, \x1b[2Jmanagement)")


def test_an_indicator_left_out_of_the_scorecard_is_said_in_words(tmp_path: Path) -> None:
    """It said "trips indicator: written nothing, re-scored present" (in Chinese
    too, with 'indicator' and 'present' left in English)."""
    code, out, _ = invoke("score", *SEED, "-f", "json")
    assert code == 0
    card = json.loads(out)

    def without(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: without(v) for k, v in node.items()}
        if isinstance(node, list):
            return [
                without(x) for x in node if not (isinstance(x, dict) and x.get("id") == "trips")
            ]
        return node

    path = tmp_path / "c.json"
    path.write_text(json.dumps(without(card), ensure_ascii=False, indent=2), "utf-8")
    code, _, err = invoke("verify", str(path), *SEED)
    assert code == 1
    assert any(
        line.endswith(": indicator trips: the re-score has it, the scorecard as written does not")
        for line in err.splitlines()
    )
