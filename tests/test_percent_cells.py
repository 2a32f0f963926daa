"""Spreadsheet cells are read as they show: a cell typed ``85%`` holds 0.85 with a
percentage format and means 85 on an indicator in %; a format that only prints a
percent sign after the number (``General"%"``) does not multiply it."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from engine.base.numfmt import shows_percent
from engine.cli import app

ROOT = Path(__file__).resolve().parent.parent
SPEC = str(ROOT / "examples" / "docs" / "audit-demo.yaml")


@pytest.mark.parametrize(
    ("code", "percent"),
    [
        ("0%", True),
        ("0.00%", True),
        ("0.00##%", True),
        ("#,##0.0%;[Red]-#,##0.0%", True),
        ('General"%"', False),
        ("0.00\\%", False),
        ('0" 次"', False),
        ("[$%-409]General", False),
        ("General", False),
        (None, False),
    ],
)
def test_a_format_shows_a_percentage_only_when_it_multiplies(
    code: str | None, percent: bool
) -> None:
    assert shows_percent(code) is percent


@pytest.mark.parametrize(
    ("value", "number_format"), [(Decimal("0.85"), "0%"), (Decimal("85"), 'General"%"')]
)
def test_a_batch_table_reads_a_percent_cell_as_it_shows(
    tmp_path: Path, value: Decimal, number_format: str
) -> None:
    table = tmp_path / "units.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["entity", "key_spending", "incidents", "trips", "system"])
    ws.append(["甲街道", value, 0, 3, "良"])
    ws.cell(2, 2).number_format = number_format
    wb.save(table)
    result = CliRunner().invoke(app, ["batch", SPEC, str(table), "--format", "csv"])
    assert (result.exit_code, result.stderr) == (0, "1 scored, 0 failed\n"), result.output
    row = next(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert (row["key_spending"], row["total"]) == ("2.00", "7.88")
