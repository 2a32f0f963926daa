"""`scorecard verify`: a scorecard someone sends, re-scored and compared field by field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import invoke

from engine.render.json_out import result_sha256

ROOT = Path(__file__).resolve().parent.parent
SEED = ("specs/gz-dept-overall-2021.yaml", "examples/licheng-2021/actuals.yaml")


pytestmark = pytest.mark.usefixtures("in_root")


def written(tmp_path: Path, *sets: str) -> Path:
    card = tmp_path / "card.json"
    extra = [x for s in sets for x in ("--set", s)]
    code, _, err = invoke("score", *SEED, *extra, "-f", "json", "-o", str(card))
    assert (code, err) == (0, "")
    return card


def test_the_stamp_hashes_the_result_itself_and_names_the_engine(tmp_path: Path) -> None:
    data = json.loads(written(tmp_path).read_text("utf-8"))
    stamp = data["stamp"]
    assert stamp["engine"] == "scorecard" and stamp["engine_version"] == "0.1.0"
    assert stamp["result_sha256"] == result_sha256(data)
    data["total"] = "88.60"
    assert result_sha256(data) != stamp["result_sha256"]


def test_an_untouched_scorecard_copied_to_another_folder_verifies(tmp_path: Path) -> None:
    other = tmp_path / "sent" / "by" / "mail"
    other.mkdir(parents=True)
    card = shutil.copy(written(tmp_path), other / "荔城.json")
    code, out, err = invoke("verify", str(card))
    assert (code, err) == (0, "")
    assert out == (
        f"{card}: agrees with a re-score of {SEED[0]} and {SEED[1]} (total 88.59, engine 0.1.0)\n"
    )


def test_files_beside_the_scorecard_are_found_when_the_stamp_paths_are_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = written(tmp_path)
    folder = tmp_path / "archive"
    folder.mkdir()
    for f in (card, *SEED):
        shutil.copy(ROOT / f, folder)
    monkeypatch.chdir(tmp_path)
    code, out, err = invoke("verify", "archive/card.json")
    assert (code, err) == (0, "")
    assert "agrees with a re-score of archive/gz-dept-overall-2021.yaml and " in out


def test_a_copy_of_the_files_elsewhere_given_by_hand_differs_only_in_path(tmp_path: Path) -> None:
    card = written(tmp_path)
    spec = shutil.copy(ROOT / SEED[0], tmp_path / "spec.yaml")
    actuals = shutil.copy(ROOT / SEED[1], tmp_path / "actuals.yaml")
    code, out, err = invoke("verify", str(card), str(spec), str(actuals))
    assert (code, err) == (0, "")
    assert out.startswith(f"{card}: agrees")


def test_a_hand_edited_total_is_caught_at_its_line(tmp_path: Path) -> None:
    card = written(tmp_path)
    text = card.read_text("utf-8")
    card.write_text(text.replace('"total": "88.59"', '"total": "90.59"', 1), "utf-8")
    line = next(i for i, x in enumerate(text.splitlines(), 1) if x.startswith('  "total": '))
    code, out, err = invoke("verify", str(card))
    assert (code, out) == (1, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"{card}:11:22: stamp result_sha256: written ")
    assert lines[0].endswith(": it was edited after it was written")
    assert ", but the result hashes to " in lines[0]
    assert lines[1] == f"{card}:{line}:12: scorecard total: written 90.59, re-scored 88.59"
    assert lines[2] == (
        f"{card}: 2 difference(s) from a re-score of {SEED[0]} and {SEED[1]} (in scorecard, stamp)"
    )


def test_a_hand_edited_indicator_score_is_listed_by_indicator(tmp_path: Path) -> None:
    card = written(tmp_path)
    data = json.loads(card.read_text("utf-8"))
    trips = data["indicators"][1]["children"][0]["children"][1]
    assert trips["id"] == "trips"
    trips["score"] = "4.00"
    data["stamp"]["result_sha256"] = result_sha256(data)  # even with the hash redone
    card.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert [x.split(": ", 1)[1] for x in err.splitlines()] == [
        "trips score: written 4.00, re-scored 2.81",
        f"1 difference(s) from a re-score of {SEED[0]} and {SEED[1]} (in trips)",
    ]


def test_the_indicators_that_differ_are_summed_up_in_the_specs_order(tmp_path: Path) -> None:
    """They were listed alphabetically: rehab before trips, which the spec defines first."""
    card = written(tmp_path)
    data = json.loads(card.read_text("utf-8"))

    def walk(items: list[dict[str, object]]) -> list[dict[str, object]]:
        return [x for i in items for x in (i, *walk(i.get("children", [])))]  # type: ignore[arg-type]

    by_id = {r["id"]: r for r in walk(data["indicators"])}
    by_id["rehab"]["score"] = "1.00"
    by_id["trips"]["score"] = "4.00"
    data["stamp"]["result_sha256"] = result_sha256(data)
    card.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert [x.split(": ", 1)[1] for x in err.splitlines()] == [
        "trips score: written 4.00, re-scored 2.81",
        "rehab score: written 1.00, re-scored 2.63",
        f"2 difference(s) from a re-score of {SEED[0]} and {SEED[1]} (in trips, rehab)",
    ]


def test_a_changed_actuals_file_is_named_with_the_indicators_it_moves(tmp_path: Path) -> None:
    card = written(tmp_path)
    actuals = tmp_path / "actuals.yaml"
    actuals.write_text(
        (ROOT / SEED[1]).read_text("utf-8").replace("  trips: 3\n", "  trips: 2\n"), "utf-8"
    )
    code, _, err = invoke("verify", str(card), SEED[0], str(actuals))
    assert code == 1
    listed = [x.split(": ", 1)[1].split(":")[0] for x in err.splitlines()[:-1]]
    assert listed[0] == "stamp actuals_sha256"
    assert "trips score" in listed and "trips actual" in listed
    assert "scorecard total" in listed


def test_the_stamps_set_changes_are_applied_again(tmp_path: Path) -> None:
    card = written(tmp_path, "rounding.places=1")
    code, out, err = invoke("verify", str(card))
    assert (code, err) == (0, "")
    assert "(total 88.7, engine 0.1.0)" in out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{\n  "total": 1,\n', "3:1: not JSON"),
        ('{"total": 1}\n', "1:1: not a scorecard: no stamp naming the spec and actuals files"),
    ],
)
def test_what_is_not_a_scorecard_is_refused_in_one_line(
    tmp_path: Path, text: str, message: str
) -> None:
    card = tmp_path / "x.json"
    card.write_text(text, "utf-8")
    code, out, err = invoke("verify", str(card))
    assert code == 1 and out == ""
    assert len(err.splitlines()) == 1 and err.startswith(str(card)) and message in err


def test_a_spec_without_its_actuals_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = invoke("verify", str(written(tmp_path)), SEED[0])
    assert code == 2
    assert err == (
        "scorecard verify: give both SPEC and ACTUALS, or neither to use those the stamp names\n"
    )


def test_a_hand_edited_text_target_is_listed(tmp_path: Path) -> None:
    """A qualitative indicator's text target (target_label) is compared too."""
    card = written(tmp_path)
    data = json.loads(card.read_text("utf-8"))
    trips = data["indicators"][1]["children"][0]["children"][1]
    assert trips["id"] == "trips" and trips["target_label"] is None
    trips["target_label"] = "全部完成"
    data["stamp"]["result_sha256"] = result_sha256(data)
    card.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    code, _, err = invoke("verify", str(card))
    assert code == 1
    assert [x.split(": ", 1)[1] for x in err.splitlines()] == [
        "trips target_label: written 全部完成, re-scored nothing",
        f"1 difference(s) from a re-score of {SEED[0]} and {SEED[1]} (in trips)",
    ]


def test_a_json_problem_is_said_in_the_interface_language(tmp_path: Path) -> None:
    path = tmp_path / "t.json"
    path.write_text("{} x\n", "utf-8")
    code, _, err = invoke("verify", str(path), "--lang", "zh")
    assert code == 1
    assert err == (
        f"{path}:1:4: 不是 JSON（有多余的内容）；请提供 'scorecard score --format json' "
        "生成的评分结果\n"
    )
    code, _, err = invoke("verify", str(path))
    assert err.startswith(f"{path}:1:4: not JSON (Extra data); ")


@pytest.mark.parametrize(
    ("lang", "field", "where", "shown"),
    [
        (
            "en",
            "published.scores[2].difference",
            "scorecard",
            "scorecard published.scores[2].difference",
        ),
        (
            "zh",
            "published.scores[2].difference",
            "scorecard",
            "评分表 差额（published.scores[2].difference）",
        ),
        ("zh", "spec_sha256", "stamp", "印记 规格文件的 SHA-256（spec_sha256）"),
        ("zh", "trace", "trips", "trips 推导过程（trace）"),
        ("zh", "lines", "trips", "trips lines"),  # a key without a word: the key alone
    ],
)
def test_a_difference_names_its_field_in_words_and_by_its_key(
    lang: str, field: str, where: str, shown: str
) -> None:
    """Chinese auditors read 评分表 总分（total）, not the JSON path alone; English
    keeps the key as it is written in the file."""
    from engine.base.i18n import speaking
    from engine.review.verify import Difference

    with speaking(lang):
        said = str(Difference(where, field, "1", "2", None))
    assert said.startswith(shown + (": " if lang == "en" else "："))


@pytest.mark.parametrize("command", ["score", "review"])
def test_a_scorecard_given_as_actuals_is_told_to_be_one(tmp_path: Path, command: str) -> None:
    """It was told to be a spec (it has indicators), to be given first."""
    card = written(tmp_path)
    code, _out, err = invoke(command, SEED[0], str(card))
    assert code == 1
    assert err == (
        f"{card}:1:1: this is a scorecard (score --format json writes one), not actuals; give "
        f"the actuals it was scored from, or check it with: scorecard verify {card}\n"
    )


def test_a_scorecard_given_to_batch_is_told_to_be_one(tmp_path: Path) -> None:
    """batch told it to be one entity's actuals, to score with score, which refuses it."""
    card = written(tmp_path)
    code, _out, err = invoke("batch", SEED[0], str(card))
    assert code == 2
    assert err == (
        f"{card}: a scorecard (score --format json writes one), not a table; check it with "
        f"'scorecard verify {card}'; a table is a .csv, .xlsx or .parquet file\n"
    )
