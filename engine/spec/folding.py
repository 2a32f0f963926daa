"""Folded YAML prose (``description: >``) joined as Chinese is written.

YAML folds a line break inside a ``>`` scalar into a space, which is right for
English and wrong for Chinese: ``自评报告；`` at the end of one line and ``三级指标``
at the start of the next read as ``自评报告； 三级指标``. Where the character
before or after a folded break is a CJK character or CJK punctuation, the lines
are joined without a space (as Chinese-aware YAML tooling does); everywhere else
the YAML 1.2 rule stands. Only descriptions are refolded (docs/decisions.md):
ids, formulas and values are read exactly as YAML says.

The refolding works from the scalar's own lines in the source and is used only
when folding those lines the YAML way gives the parser's value back: a scalar
with more-indented lines, tabs or escapes keeps what the parser made of it.
"""

from __future__ import annotations

#: Han ideographs, kana, CJK symbols and punctuation, full-width forms (Hangul is
#: written with spaces between words, so it is not here)
_CJK_RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation: 、。「」
    (0x3040, 0x30FF),  # hiragana, katakana
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width forms: ，；：（）
    (0x20000, 0x3134F),  # CJK extensions B to G
)


def is_cjk(ch: str) -> bool:
    code = ord(ch)
    return any(low <= code <= high for low, high in _CJK_RANGES)


def fold(lines: list[str], cjk: bool) -> str | None:
    """The lines of a folded block (indentation removed) as YAML folds them, up to
    its trailing line breaks; with ``cjk``, a break between CJK text folds to
    nothing. None for a block beyond the plain case (a more-indented line)."""
    out: list[str] = []
    previous: str | None = None
    breaks = 0
    for line in lines:
        if not line:
            breaks += 1
            continue
        if line[0] in " \t":
            return None  # more-indented: YAML keeps its breaks; left to the parser
        if previous is None or breaks:
            out.append("\n" * breaks)
        else:
            out.append("" if cjk and (is_cjk(previous[-1]) or is_cjk(line[0])) else " ")
        out.append(line)
        previous, breaks = line, 0
    return "".join(out)


def refold(value: str, source: list[str], first: int, end: int) -> str:
    """``value``, a ``>`` scalar whose lines are ``source[first:end]`` (the lines
    after its header), with its CJK line breaks folded to nothing."""
    lines = [line.rstrip("\r") for line in source[first:end]]
    content = [line for line in lines if line.strip()]
    if not content:
        return value
    indent = len(content[0]) - len(content[0].lstrip(" "))
    block = [line[indent:] if line.strip() else "" for line in lines]
    body = value.rstrip("\n")
    if fold(block, cjk=False) != body:
        return value  # not the plain case the lines seemed to be: as the parser read it
    joined = fold(block, cjk=True)
    return value if joined is None else joined + value[len(body) :]
