"""Exact numbers: parsing from text, rounding, display."""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from engine.base.numbers import (
    NumberError,
    format_fixed,
    format_units,
    format_value,
    parse_number,
    round_fraction,
)


@pytest.mark.parametrize(
    ("value", "mode", "expected"),
    [
        ("2.675", "half_up", "2.68"),  # a float would give 2.67
        ("2.665", "half_even", "2.66"),
        ("2.675", "half_even", "2.68"),
        ("2.625", "half_even", "2.62"),
        ("2.625", "half_up", "2.63"),
        ("2.8125", "half_up", "2.81"),
        ("2.819", "down", "2.81"),
        ("-2.675", "half_up", "-2.68"),
        ("0.005", "half_up", "0.01"),
        ("0.005", "half_even", "0.00"),
    ],
)
def test_rounding_modes_round_ties_as_named(value: str, mode: str, expected: str) -> None:
    assert format_fixed(round_fraction(parse_number(value), 2, mode), 2) == expected


def test_rounding_sees_a_tie_reached_through_division() -> None:
    # 3 × (0.835 / 3) is exactly 0.835: a tie, which 28-digit Decimal would miss
    x = 3 * (parse_number("0.835") / 3)
    assert round_fraction(x, 2, "half_up") == Fraction("0.84")


_MODES = {
    "half_up": decimal.ROUND_HALF_UP,
    "half_even": decimal.ROUND_HALF_EVEN,
    "down": decimal.ROUND_DOWN,
}


@given(
    st.decimals(
        min_value=-(10**6), max_value=10**6, allow_nan=False, allow_infinity=False, places=5
    ),
    st.integers(min_value=0, max_value=4),
    st.sampled_from(sorted(_MODES)),
)
def test_rounding_agrees_with_decimal_quantize(d: Decimal, places: int, mode: str) -> None:
    expected = d.quantize(Decimal(1).scaleb(-places), rounding=_MODES[mode])
    assert round_fraction(Fraction(d), places, mode) == Fraction(expected)


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12, places=6
    )
)
def test_parsing_is_exact_from_the_text(d: Decimal) -> None:
    assert parse_number(str(d)) == Fraction(d)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("nan", "'nan' is not a number"),
        ("1e999", "'1e999' is out of range; numbers must lie strictly between -1e21 and 1e21"),
        ("0x10", "'0x10' is not a number"),
        ("1" * 41, f"'{'1' * 41}' has more than 40 significant digits; round it to 40 or fewer"),
        (
            "1e-22",
            "'1e-22' is too close to 0: a number other than 0 must be at least 1e-21 in size; "
            "write 0, or the value in a larger unit",
        ),
    ],
)
def test_bad_numbers_are_refused_with_a_reason(text: str, message: str) -> None:
    with pytest.raises(NumberError) as e:
        parse_number(text)
    assert str(e.value) == message


def test_display_is_exact_or_marked() -> None:
    assert format_value(Fraction(3, 4)) == "0.75"
    assert format_value(Fraction(2, 3)) == "0.6666666666…"
    assert format_value(Fraction(12)) == "12"
    assert format_fixed(Fraction(3), 2) == "3.00"
    assert format_value(Fraction(0)) == "0"


@given(
    st.one_of(st.integers(-(10**30), 10**30), st.integers(-(2**3400), 2**3400)),
    st.integers(0, 8),
)
def test_units_are_written_as_their_fraction_at_its_places(units: int, places: int) -> None:
    assert format_units(units, places) == format_fixed(Fraction(units, 10**places), places)


def test_units_are_written_with_their_sign_and_leading_zero() -> None:
    assert [format_units(u, 2) for u in (0, 5, -5, -150, 12345)] == [
        "0.00",
        "0.05",
        "-0.05",
        "-1.50",
        "123.45",
    ]
    assert format_units(-7, 0) == "-7"


@given(st.lists(st.fractions(max_denominator=10**6), max_size=50))
def test_exact_keys_order_and_equal_as_the_fractions_do(values: list[Fraction]) -> None:
    from engine.base.numbers import exact_keys

    keys, scale = exact_keys(values)
    assert [Fraction(k, scale) for k in keys] == values
    for i, a in enumerate(values):
        for j, b in enumerate(values):
            assert (keys[i] < keys[j]) == (a < b)
            assert (keys[i] == keys[j]) == (a == b)


def test_a_negative_value_cut_to_zero_keeps_its_sign() -> None:
    from engine.base.numbers import format_value

    assert format_value(Fraction(-4, 1000), max_places=2) == "-0.00…"
    assert format_value(Fraction(-1, 3), max_places=2) == "-0.33…"
    assert format_value(Fraction(4, 1000), max_places=2) == "0.00…"


def test_a_word_differing_only_in_case_or_width_is_suggested() -> None:
    """'A' for 'a' got no suggestion: too short for a close match."""
    from engine.base.errors import did_you_mean

    assert did_you_mean("A", ["a", "b"]) == "; did you mean 'a'?"
    assert did_you_mean("ｔｒｉｐｓ", ["trips", "trip"]) == "; did you mean 'trips'?"
    assert did_you_mean("TRIPS", ["trips"]) == "; did you mean 'trips'?"
    assert did_you_mean("zz", ["a", "b"]) == ""


def test_a_quoted_number_out_of_range_is_not_told_to_drop_its_quotes() -> None:
    """'1e400' was told "write 1e400 without quotes", which then failed too."""
    from engine.spec.schema import number_hint

    assert number_hint("1e400") == (
        "; '1e400' is out of range; numbers must lie strictly between -1e21 and 1e21"
    )
    assert number_hint("95") == "; write 95 without quotes"


@pytest.mark.parametrize(
    ("text", "hint"),
    [
        ("１，９８２．５", "; write 1982.5 (ASCII digits, no separators)"),
        ("1_000", "; write 1000 (ASCII digits, no separators)"),
        ("1,000", "; write 1000 (no thousands separators here)"),
        # a comma that is no thousands separator: 1,4 was told "write 14", ten times
        ("1,4", "; a comma is not a decimal point: write 1.4 if that was meant"),
        ("92,5", "; a comma is not a decimal point: write 92.5 if that was meant"),
        ("１，４", "; a comma is not a decimal point: write 1.4 if that was meant"),
        (
            "1,23,4",
            "; '1,23,4' is not a number: commas only as thousands separators (1,234.5)",
        ),
        ("一千", ""),
        # the Chinese full stop typed for a decimal point
        ("87。4", "; a full stop 。 is not a decimal point: write 87.4 if that was meant"),
        ("８７。４", "; a full stop 。 is not a decimal point: write 87.4 if that was meant"),
        ("87。4。1", ""),
    ],
)
def test_a_number_written_with_separators_or_full_width_gets_its_plain_form(
    text: str, hint: str
) -> None:
    from engine.spec.schema import number_hint

    assert number_hint(text) == hint
