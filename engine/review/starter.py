"""`scorecard init`: starter files that validate, score and pass their tests."""

from __future__ import annotations

from pathlib import Path

from ..base.errors import UsageError, os_reason
from ..base.i18n import _, ngettext
from ..base.output import write_atomic
from ..base.text import utf8

SPEC = """\
# yaml-language-server: $schema=./spec.schema.json
# A starter spec: edit the indicators, then run
#   scorecard validate starter.yaml
#   scorecard score starter.yaml starter.actuals.yaml
#   scorecard test starter.yaml
spec: 1
id: starter
title: 示例指标体系 / starter indicator system
version: "1"
total: 100
rounding: {places: 2, mode: half_up}
grades:
  - {grade: 优, min: 90}
  - {grade: 良, min: 80}
  - {grade: 中, min: 60}
  - {grade: 差, min: 0}
inputs:
  budget: {name: 全年预算数, unit: 万元}
  spent: {name: 全年执行数, unit: 万元}
indicators:
  - id: output
    name: 产出指标
    weight: 60
    children:
      - {id: trainings, name: 培训场次, weight: 30, unit: 次, direction: higher,
         target: 12, method: ratio}
      - id: pass_rate
        name: 验收合格率
        weight: 30
        unit: "%"
        direction: higher
        method:
          bands:
            - {min: 98, points: 30}
            - {min: 90, points: 24}
            - {points: 0}
  - id: satisfaction
    name: 满意度
    weight: 20
    children:
      - {id: survey, name: 服务对象满意度, weight: 20, unit: "%", direction: higher,
         target: 90, method: threshold}
  - id: budget_execution
    name: 预算执行率
    weight: 20
    unit: "%"
    direction: higher
    target: 100
    actual: spent / budget * 100
    method: ratio
"""

ACTUALS = """\
# yaml-language-server: $schema=./actuals.schema.json
spec: starter
entity: 示例单位
period: "2024"
inputs: {budget: 200, spent: 180}
values:
  trainings: 9
  pass_rate: 95
  survey: 92
notes:
  trainings: 下半年两次培训合并举办
"""

TESTS = """\
# yaml-language-server: $schema=./tests.schema.json
spec: starter.yaml
cases:
  - name: 示例单位
    actuals: starter.actuals.yaml
    expect:
      total: 84.5
      grade: 良
      scores: {trainings: 22.5, pass_rate: 24, survey: 20, budget_execution: 18}
  - name: 合格率恰为 98% 取第一档
    actuals: starter.actuals.yaml
    set: {values: {pass_rate: 98}}
    expect:
      band: {pass_rate: 1}
      total: 90.5
      grade: 优
"""

FILES = {"starter.yaml": SPEC, "starter.actuals.yaml": ACTUALS, "starter.tests.yaml": TESTS}


def write_starter(folder: str, force: bool = False) -> list[str]:
    """Write the starter files into ``folder``. Existing files are replaced only with
    ``force``; a symbolic link in the way is never followed (it could point anywhere)."""
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise UsageError(
            _("{folder}: is a file; give a folder for the starter files").format(folder=folder)
        )
    from ..spec.schema import schema_text

    files = dict(FILES)
    for kind in ("spec", "actuals", "tests"):  # so editors validate and complete offline
        files[f"{kind}.schema.json"] = schema_text(kind)
    links = [name for name in files if (target / name).is_symlink()]
    if links:
        raise UsageError(
            ngettext(
                "{folder}: {list} is a symbolic link; init does not write through links: "
                "remove them, or choose another folder",
                "{folder}: {list} are symbolic links; init does not write through links: "
                "remove them, or choose another folder",
                len(links),
            ).format(folder=folder, list=_(", ").join(links))
        )
    existing = [name for name in files if (target / name).exists()]
    if existing and not force:
        raise UsageError(
            _(
                "{folder}: {list} already exist; use --force to overwrite them, or another folder"
            ).format(folder=folder, list=_(", ").join(existing))
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UsageError(
            _("{folder}: cannot create the folder ({error})").format(
                folder=folder, error=os_reason(e)
            )
        ) from None
    written = []
    for name, text in files.items():
        write_atomic(str(target / name), utf8(text))
        written.append(str(target / name))
    return written
