"""The messages of composition, fiscal-year families and import speak the interface
language: in Chinese (``--lang zh``) not one English sentence is left, and the file
positions stay as they are."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_i18n_sentences import english_sentences
from typer.testing import CliRunner

from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
BASE = """\
spec: 1
id: common
total: 10
indicators:
  - id: g
    name: 组
    weight: 10
    children:
      - {id: a, name: 甲, weight: 6, unit: 次, direction: higher, target: 4, method: ratio}
      - {id: b, name: 乙, weight: 4, unit: 次, direction: higher, target: 4, method: ratio}
"""


def _files(tmp_path: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")


def _zh(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, [*args, "--lang", "zh"])
    return result.exit_code, result.stderr


CASES = {
    "a cycle": (
        {
            "x.yaml": "spec: 1\nid: x\nextends: y.yaml\n",
            "y.yaml": "spec: 1\nid: y\nextends: x.yaml\n",
        },
        "x.yaml",
        "{d}/y.yaml:3:10: extends 'x.yaml' 形成循环：{d}/x.yaml → {d}/y.yaml → {d}/x.yaml"
        "（另见 {d}/x.yaml:3:10）；请去掉其中一处",
    ),
    "a base that is not there": (
        {"u.yaml": "spec: 1\nid: u\nextends: nothere.yaml\n"},
        "u.yaml",
        "{d}/u.yaml:3:10: extends：{d}/u.yaml 旁边没有文件 'nothere.yaml'；请给出相对于本文件的"
        "路径，或同一文件夹中某个规格的 id",
    ),
    "weights that no longer add up": (
        {
            "common.yaml": BASE,
            "u.yaml": "spec: 1\nid: u\nextends: common.yaml\nchange: {a: {weight: 5}}\n",
        },
        "u.yaml",
        "{d}/u.yaml:4:22: 这次修改之后，分组 'g'（{d}/common.yaml:5:5）下的分值之和为 9，"
        "而不是 10：a 5 + b 4；请调整分值使之相符",
    ),
    "bases that disagree": (
        {
            "common.yaml": BASE,
            "b1.yaml": "spec: 1\nid: b1\nextends: common.yaml\nchange: {a: {target: 5}}\n",
            "b2.yaml": "spec: 1\nid: b2\nextends: common.yaml\nchange: {a: {target: 6}}\n",
            "u.yaml": "spec: 1\nid: u\nextends: [b1.yaml, b2.yaml]\n",
        },
        "u.yaml",
        "{d}/b1.yaml:4:14: 各基础规格在 指标 'a' 的键 'target' 上不一致：此处和 "
        "{d}/b2.yaml:4:14；请使它们一致，或在扩展它们的规格中明确",
    ),
    "a family folder without the id": (
        {
            "years/r21.yaml": BASE.replace("id: common", "id: rules")
            + "effective: {from: 2021-01-01, to: 2021-12-31}\n"
        },
        "years",
        None,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_family_errors_are_said_in_chinese(name: str, tmp_path: Path) -> None:
    files, target, expected = CASES[name]
    _files(tmp_path, files)
    code, err = _zh("validate", str(tmp_path / target))
    if expected is None:  # a valid family: score it with actuals of another id
        (tmp_path / "a.yaml").write_text("spec: other\nperiod: '2021'\nvalues: {}\n", "utf-8")
        code, err = _zh("score", str(tmp_path / target), str(tmp_path / "a.yaml"))
    assert code == 1
    first = err.splitlines()[0]
    if expected is not None:
        assert first == expected.format(d=tmp_path)
    assert english_sentences(err) == [], err


def test_import_says_what_it_wrote_in_chinese(tmp_path: Path) -> None:
    out = tmp_path / "draft.yaml"
    code, err = _zh("import", str(ROOT / "examples/import/inner-mongolia.xlsx"), "-o", str(out))
    assert code == 0
    assert err == (
        f"已写入 {out}：6 个指标，9 处猜测标为“待确认”，请逐条核对；下一步：scorecard validate "
        f"{out}\n"
    )


def test_a_folder_where_one_version_is_needed_is_named_once_in_chinese() -> None:
    code, err = _zh("batch", "examples/families/years", "examples/docs/units.csv")
    assert code == 2
    assert err == (
        "examples/families/years: 这是各财年版本的文件夹，只有 score、explain、whatif、compare、"
        "view 和 review 按单个评价对象的期间从中选出版本（review：每个文件一个评价对象时）；此处请"
        "给出其中一个版本的文件：rules-2021.yaml "
        "(2021-01-01 – 2021-12-31)、rules-2022.yaml (2022-01-01 – 2022-12-31)\n"
    )


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (("score", "specs/gz-dept-overall-2021.yaml", "examples/docs/units.csv"), "examples/docs/"),
        (("batch", "specs/gz-dept-overall-2021.yaml", "examples/docs/units.csv", "-o", "."), ".: "),
    ],
)
def test_a_chinese_message_that_starts_at_a_path_gets_no_command_name(
    args: tuple[str, ...], start: str
) -> None:
    code, err = _zh(*args)
    assert code == 2
    assert err.startswith(start), err
    assert "scorecard" not in err.split(": ")[0]
