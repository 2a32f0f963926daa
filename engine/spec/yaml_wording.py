"""The YAML parser's problems said the same whichever PyYAML build reads the file.

PyYAML parses with libyaml when it was built with it, else with its own Python
parser; the two word their problems differently, and for an unclosed bracket mark
different places. Messages are worded (and tested) on libyaml's words: the Python
parser's are put into those here, so a spec gives the same message on every machine.
"""

from __future__ import annotations

from ..base.i18n import N_

#: the closing bracket a flow collection misses, by the start of the problem:
#: libyaml's words, then the Python parser's (which marks the token after it)
UNCLOSED = {
    "did not find expected ',' or '}'": "}",
    "did not find expected ',' or ']'": "]",
    "expected ',' or '}', but got": "}",
    "expected ',' or ']', but got": "]",
}

#: (start of the Python parser's problem, its context or "" for any) → libyaml's
#: words, and how many columns before the Python parser's mark libyaml's stands
PYTHON_WORDS: dict[tuple[str, str], tuple[str, int]] = {
    ("expected <block end>, but found", "while parsing a block mapping"): (
        "did not find expected key",
        0,
    ),
    ("expected <block end>, but found", "while parsing a block collection"): (
        "did not find expected '-' indicator",
        0,
    ),
    ("expected the node content, but found", ""): ("did not find expected node content", 0),
    ("expected alphabetic or numeric character, but found", ""): (
        "did not find expected alphabetic or numeric character",
        0,
    ),
    ("expected escape sequence of", ""): ("did not find expected hexdecimal number", 0),
    ("found unknown escape character '", ""): ("found unknown escape character", 1),
}


#: libyaml's problems that a person meets, in the catalogue (said in the interface
#: language; any other is shown as libyaml says it)
PROBLEMS = frozenset(
    {
        N_("did not find expected key"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected node content"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected hexdecimal number"),
        N_("did not find expected <document start>"),
        N_("did not find expected comment or line break"),
        N_("found unknown escape character"),
        N_("found unexpected end of stream"),
        N_("found unexpected ':'"),
        N_("could not find expected ':'"),
        N_("found character that cannot start any token"),
        N_("block sequence entries are not allowed in this context"),
    }
)


def unclosed(problem: str) -> str | None:
    """The bracket a flow collection was never closed with, or None."""
    return next((close for start, close in UNCLOSED.items() if problem.startswith(start)), None)


def libyaml_words(problem: str, context: str) -> tuple[str, int]:
    """``problem`` as libyaml words it, and how many columns to move its mark back."""
    for (start, where), said in PYTHON_WORDS.items():
        if problem.startswith(start) and where in ("", context):
            return said
    return problem, 0
