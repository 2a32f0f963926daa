"""Exact numbers: text -> Decimal -> Fraction, exact rounding, and display.

Arithmetic runs on :class:`fractions.Fraction`, so ``+ - * /`` are exact and a
tie such as 2.625 is seen as a tie whatever the order of operations (a 28-digit
Decimal context would turn ``3 * (0.835 / 3)`` into 0.8349999...). Numbers enter
as Decimal parsed from their text and leave as Decimal rounded by the spec's rule.
Irrational functions (sqrt, ln, exp, ...) are computed in a 40-digit Decimal
context. See docs/decisions.md.
"""

from __future__ import annotations

import decimal
import math
import re
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from .i18n import N_, _
from .text import shown

Number = Fraction
#: What a formula computes: numbers, comparisons' truth values and grade labels.
Value = Fraction | bool | str

#: Largest magnitude accepted for a number in a spec, actuals or formula.
MAX_MAGNITUDE = Fraction(10) ** 21
#: Most significant digits accepted in a number's text.
MAX_DIGITS = 40
#: Values whose numerator or denominator is longer (about 1,000 digits) are shown
#: in scientific notation: writing them out would be unreadable and slow.
HUGE_BITS = 3322
#: Digits used for irrational functions.
IRRATIONAL_PRECISION = 40

ROUNDING_MODES = (N_("half_up"), N_("half_even"), N_("down"))  # named in a trace (四舍五入)

#: A plain decimal number: ``12``, ``-3.5``, ``.5``, ``1e3``. Every repeat is
#: possessive (``++``, ``*+``, ``?+``): no digit run is ever re-split, so a match
#: reads each character once, in time linear in the text (a cell of 100,000 digits
#: and a letter is refused at once, not after minutes of backtracking).
_PLAIN_NUMBER_RE = re.compile(r"[+-]?+(?:\d++(?:\.\d*+)?+|\.\d++)(?:[eE][+-]?+\d++)?+")


class NumberError(ValueError):
    """The text is not an acceptable number; the message says why. ``plain``: the
    text does not have the form of a number at all (not one out of range)."""

    def __init__(self, message: str, plain: bool = False):
        super().__init__(message)
        self.plain = plain


#: full-width digits and signs, as a Chinese input method types them
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")


def ascii_digits(text: str) -> str:
    """``text`` with full-width digits, point and signs as ASCII; a digit of any
    other script (``١٠٠``, ``৪``, which looks like 8) is refused, by name."""
    import unicodedata

    t = text.translate(_FULL_WIDTH)
    for ch in t:
        if ch.isdigit() and not ch.isascii():
            raise NumberError(
                _(
                    "'{text}' is not a number: '{ch}' is a digit of another script ({name}); "
                    "write the digits 0-9"
                ).format(text=shown(text), ch=ch, name=unicodedata.name(ch, "?").title())
            )
    return t


#: the significant digits a spreadsheet keeps of a number (Excel's precision)
SPREADSHEET_DIGITS = 15


def spreadsheet_number(x: float) -> float:
    """A workbook's number cell as the spreadsheet holds and shows it: at most 15
    significant digits. What its own arithmetic stores with more (=AVERAGE(95%,
    85%) saved as 0.89999999999999991) is read at 15 (0.9); a number typed in a
    cell has at most 15 already, and is read as it is, as is a whole number (a
    code of 16 digits a program wrote is the double it is; decisions §52)."""
    if not math.isfinite(x) or x.is_integer():
        return x
    return float(f"{x:.{SPREADSHEET_DIGITS}g}")


def parse_number(text: str) -> Fraction:
    """Parse a decimal number from its text, exactly.

    Accepts ``12``, ``-3.5``, ``1e3``, ``+0.25``, and the same in full-width
    digits (``８５``). Refuses non-finite values, hex/octal forms, digits of other
    scripts and numbers beyond the documented limits.
    """
    t = ascii_digits(text.strip())
    if not _PLAIN_NUMBER_RE.fullmatch(t):
        raise NumberError(_("'{text}' is not a number").format(text=shown(text)), plain=True)
    try:
        d = Decimal(t)
    except decimal.InvalidOperation:  # pragma: no cover - regex guards it
        raise NumberError(_("'{text}' is not a number").format(text=shown(text))) from None
    return decimal_to_fraction(d, text)


def decimal_to_fraction(d: Decimal, text: str | None = None) -> Fraction:
    value = shown(text if text is not None else str(d))
    if not d.is_finite():
        raise NumberError(_("'{shown}' is not a finite number").format(shown=value))
    digits = d.as_tuple().digits
    if len(digits) > MAX_DIGITS:
        raise NumberError(
            _(
                "'{shown}' has more than {digits} significant digits; round it to {digits} or fewer"
            ).format(shown=value, digits=MAX_DIGITS)
        )
    if d != 0 and d.adjusted() > 21:
        raise NumberError(
            _("'{shown}' is out of range; numbers must lie strictly between -1e21 and 1e21").format(
                shown=value
            )
        )
    if d != 0 and d.adjusted() < -21:
        raise NumberError(
            _(
                "'{shown}' is too close to 0: a number other than 0 must be at least 1e-21 "
                "in size; write 0, or the value in a larger unit"
            ).format(shown=value)
        )
    f = Fraction(d)
    if abs(f) >= MAX_MAGNITUDE:
        raise NumberError(
            _("'{shown}' is out of range; numbers must lie strictly between -1e21 and 1e21").format(
                shown=value
            )
        )
    return f


def exact_keys(values: Sequence[Fraction]) -> tuple[list[int], int]:
    """Integers ordered (and equal) as ``values`` are: each value times the least
    common multiple of their denominators, returned with that multiple. Sorting
    and comparing them costs a machine comparison, not a Fraction's."""
    scale = math.lcm(*{v.denominator for v in values}) if values else 1
    return [v.numerator * (scale // v.denominator) for v in values], scale


def looks_numeric(text: str) -> bool:
    """Whether ``text`` is a number as :func:`parse_number` reads it (full-width too)."""
    try:
        return bool(_PLAIN_NUMBER_RE.fullmatch(ascii_digits(text.strip())))
    except NumberError:
        return False


def round_fraction(x: Fraction, places: int, mode: str) -> Fraction:
    """Round exactly to ``places`` decimals; ``half_up`` rounds ties away from zero."""
    scale = Fraction(10) ** places
    scaled = abs(x) * scale
    whole = scaled.numerator // scaled.denominator
    rest = scaled - whole
    if mode == "half_up":
        if rest >= Fraction(1, 2):
            whole += 1
    elif mode == "half_even":
        if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2 == 1):
            whole += 1
    elif mode != "down":
        raise ValueError(f"unknown rounding mode {mode!r}")
    result = Fraction(whole) / scale
    return -result if x < 0 else result


def _decimal_places(den: int) -> int | None:
    """How many decimals 1/den needs, or None when it does not terminate."""
    twos = (den & -den).bit_length() - 1
    den >>= twos
    fives = 0
    while den % 5 == 0:
        den //= 5
        fives += 1
    return max(twos, fives) if den == 1 else None


def _point(units: int, places: int) -> str:
    """The decimal text of ``units`` × 10^-places (units may be negative)."""
    sign = "-" if units < 0 else ""
    digits = str(abs(units))
    if places == 0:
        return sign + digits
    digits = digits.rjust(places + 1, "0")
    return f"{sign}{digits[:-places]}.{digits[-places:]}"


def format_value(x: object, max_places: int = 10) -> str:
    """Display a value: exact when it terminates within ``max_places`` decimals,
    otherwise truncated with a trailing ``…`` (the value itself stays exact)."""
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        x = Fraction(x)
    if isinstance(x, Fraction):
        if max(abs(x.numerator).bit_length(), x.denominator.bit_length()) > HUGE_BITS:
            return _scientific(x, max_places)
        places = _decimal_places(x.denominator)
        if places is not None and places <= max_places:
            return _point(x.numerator * (10**places // x.denominator), places)
        units = abs(x.numerator) * 10**max_places // x.denominator  # truncated
        return ("-" if x < 0 else "") + _point(units, max_places) + "…"  # -0.00… keeps its sign
    if isinstance(x, str):
        return x
    return str(x)


def _scientific(x: Fraction, places: int) -> str:
    """A value too long to write out, as ``d.ddd…e+N`` (the value itself stays exact)."""
    with decimal.localcontext(decimal.Context(prec=places + 1, rounding=decimal.ROUND_DOWN)):
        d = Decimal(x.numerator) / Decimal(x.denominator)
    return f"{d:.{places}e}".replace("e", "…e", 1)


def nearest_decimal(x: Fraction, places: int = 28) -> str:
    """The decimal with at most ``places`` decimals nearest ``x`` (ties to even), for
    a spreadsheet's number cell, which holds no ``…``: 5/3 is 1.666…667."""
    scaled = x * 10**places
    units = round(scaled)  # Fraction rounds half to even
    text = _point(abs(units), places)
    if places:  # its trailing zeros dropped: 0.125, not 0.1250…0 (never 150's)
        text = text.rstrip("0").rstrip(".")
    return ("-" if units < 0 else "") + text


def format_fixed(x: Fraction, places: int, max_places: int = 10) -> str:
    """Display with exactly ``places`` decimals when that is exact, else as format_value
    (cut at ``max_places``: 28 in files)."""
    if max(abs(x.numerator).bit_length(), x.denominator.bit_length()) > HUGE_BITS:
        return format_value(x, max_places)
    units, rest = divmod(x.numerator * 10**places, x.denominator)
    if rest == 0:
        return _point(units, places)
    return format_value(x, max_places)


def format_units(units: int, places: int) -> str:
    """:func:`format_fixed` of ``units`` × 10^-places at ``places`` decimals, from
    the integer alone (no fraction made): the batch writes its scores so."""
    if abs(units).bit_length() > HUGE_BITS:
        return format_fixed(Fraction(units, 10**places), places)
    return _point(units, places)


def to_irrational_decimal(x: Fraction) -> Decimal:
    """A Fraction as a Decimal in the irrational-function context."""
    with decimal.localcontext(irrational_context()):
        return Decimal(x.numerator) / Decimal(x.denominator)


def irrational_context() -> decimal.Context:
    return decimal.Context(
        prec=IRRATIONAL_PRECISION,
        rounding=decimal.ROUND_HALF_EVEN,
        Emax=999,
        Emin=-999,
        traps=[
            decimal.InvalidOperation,
            decimal.DivisionByZero,
            decimal.Overflow,
            decimal.FloatOperation,
        ],
    )


#: thousands separators in groups of three (possessive: linear), by commas; the
#: sign and point may be full width, as the digits may (１,０００．５: :func:`ascii_digits`)
_THOUSANDS = re.compile(r"[+\-＋－]?+\d{1,3}+(?:,\d{3})++(?:[.．]\d++)?+")
#: the same, grouped by spaces (or no-break spaces): 82 912.04
_SPACED = re.compile(r"[+\-＋－]?+\d{1,3}+(?:[ \u00a0]\d{3})++(?:[.．]\d++)?+")


def ungrouped(t: str, text: str, unit: str | None = None) -> str:
    """A cell's text ``t`` (stripped) with its thousands separators removed: commas,
    or spaces (no-break spaces too), between groups of three digits. Any other
    comma or inner space is refused: ``1,5`` or ``3 5`` is no number, and reading
    it as 15 or 35 would change what was written. A number with a unit typed
    after it (``1 项``, ``3个``) is refused as that; a word that scales it (``3万``
    where the indicator's ``unit`` is 元, or unknown) is not taken for the unit.
    ``unit`` None: the text is a score, in points (``3.75分``)."""
    typed = unit_typed(t, unit)
    if typed is not None and unit is None:  # a score: in points, which need no unit
        raise NumberError(
            _(
                "'{text}' is not a number: '{word}' was typed after it; write the points "
                "alone, {number}"
            ).format(text=shown(text), word=typed[1], number=typed[0])
        )
    if typed is not None and typed[2]:
        raise NumberError(
            _(
                "'{text}' is not a number: '{word}' was typed after it, which scales it; "
                "write the whole number alone, in the unit the spec gives"
            ).format(text=shown(text), word=typed[1])
        )
    if typed is not None:
        raise NumberError(
            _(
                "'{text}' is not a number: a unit, '{unit}', was typed after it; write the "
                "number alone, {number} (the unit is already in the spec)"
            ).format(text=shown(text), unit=typed[1], number=typed[0])
        )
    spreadsheet = _spreadsheet_form(t)
    if spreadsheet is not None:
        raise NumberError(spreadsheet.format(text=shown(text)))
    if "，" in t:  # a Chinese input method's comma, between digits
        raise NumberError(
            _(
                "'{text}' is not a number: '，' is a full-width comma; write the thousands "
                "separator as ',' (12,345) or leave it out (12345)"
            ).format(text=shown(text))
        )
    if " " in t or "\u00a0" in t:
        if not _SPACED.fullmatch(t):
            raise NumberError(
                _(
                    "'{text}' is not a number: spaces only as thousands separators, in groups "
                    "of three (82 912.04)"
                ).format(text=shown(text))
            )
        return t.replace(" ", "").replace("\u00a0", "")
    if "," in t:
        if not _THOUSANDS.fullmatch(t):
            raise NumberError(
                _("'{text}' is not a number: commas only as thousands separators (1,234.5)").format(
                    text=shown(text)
                )
            )
        return t.replace(",", "")
    return t


#: signs of money a spreadsheet's currency format shows before a number
CURRENCY = "￥¥$＄€£"
_ACCOUNTING = re.compile(r"[(（]\s*+([0-9][0-9,]*+(?:\.[0-9]++)?+)\s*+[)）]")
_FIGURES = re.compile(r"[+-]?+[0-9]++(?:\.[0-9]++)?+")
#: a number with a note in brackets after it: 3 (预计), 98.5%（暂估）
_NOTED = re.compile(r"([^\s(（]++)\s*+[(（]([^)）]*+)[)）]")


def _spreadsheet_form(t: str) -> str | None:
    """The message for a number as a spreadsheet's currency or accounting format
    shows it (``￥82,912.04``, ``(82,912.04)`` for a negative), with ``{text}``
    left to fill; None for any other text."""
    if t[:1] in CURRENCY and _figures(t[1:].strip()):
        number = t[1:].strip().replace(",", "")
        return _(
            "'{{text}}' is not a number: '{sign}' is a currency sign; write the number "
            "alone, {number} (the unit is in the spec)"
        ).format(sign=t[0], number=number)
    m = _ACCOUNTING.fullmatch(t)
    if m and _figures(m[1]):
        return _(
            "'{{text}}' is not a number: parentheses are how an accounting format shows a "
            "negative; write it -{number}"
        ).format(number=m[1].replace(",", ""))
    if t[:1] in "'‘’" and _figures(t[1:].strip().rstrip("%％")):
        return _(
            "'{{text}}' is not a number: it starts with an apostrophe (how a spreadsheet "
            "keeps a number as text); write the number alone, {number}"
        ).format(number=t[1:].strip())
    m = _NOTED.fullmatch(t) if t.endswith((")", "）")) else None
    if m and _figures(m[1].rstrip("%％")):
        return _(
            "'{{text}}' is not a number: a note in brackets, '{note}', was typed after it; "
            "write the number alone, {number}, and the note in a notes.ID column"
        ).format(note=m[2], number=m[1])
    return None


def _figures(t: str) -> bool:
    """Whether ``t`` is a number's digits, grouped by commas in threes or not."""
    return bool(_THOUSANDS.fullmatch(t) or _FIGURES.fullmatch(t))


#: words after a number that scale it (1000万元 is not 1000): no unit typed after it
MULTIPLIERS = frozenset("十百千万亿兆")


def unit_typed(t: str, unit: str | None = None) -> tuple[str, str, bool] | None:
    """``1 项`` → (``1``, ``项``, False): a number (by a cell's rules) with a word
    of letters after it, as a unit typed into the cell; None for anything else.
    The third item: whether the word scales the number rather than names the
    unit (``1000万`` is not 1000), unless the indicator's ``unit`` starts with
    it (``3万`` where the unit is 万元: 3 is meant)."""
    start = len(t)
    while start > 0 and t[start - 1].isalpha():
        start -= 1
    number = t[:start].rstrip(" \u00a0")
    if start == len(t) or not number or not number[-1].isdigit():
        return None
    try:
        parse_number(ungrouped(number, number))
    except NumberError:
        return None
    word = t[start:]
    scales = word[0] in MULTIPLIERS and not (unit and unit.startswith(word[0]))
    return number, word, scales


def has_places(x: Fraction, places: int) -> bool:
    """Whether ``x`` is written exactly with ``places`` decimals (200/3 is not)."""
    return bool(10**places % x.denominator == 0)


def rounded_up(x: Fraction, places: int) -> Fraction:
    """``x`` rounded up (towards +∞) to ``places`` decimals."""
    scale = 10**places
    return Fraction(-((-x.numerator * scale) // x.denominator), scale)


def logical_text(value: bool) -> str:
    """A logical cell's text as Excel and WPS show it: TRUE or FALSE."""
    return "TRUE" if value else "FALSE"


def logical_cell(value: bool) -> NumberError:
    """The error of a TRUE or FALSE cell where a number belongs, named as Excel shows it."""
    return NumberError(
        _(
            "the cell holds the logical value {value}, not a number; type the number "
            "itself, such as 3, 2.5 or 98.93"
        ).format(value=logical_text(value))
    )
