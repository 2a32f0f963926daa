"""Read YAML (and JSON, a subset of it) into plain data that remembers where every
value came from.

PyYAML's own constructors are not used: they keep the last of duplicate keys,
follow aliases (alias bombs), turn ``no`` into False and ``010`` into 8, and go
through float. This module builds the data from the parser's events instead,
iteratively (no recursion limit to hit), with YAML 1.2 scalar rules:

- ``true``/``false`` and ``null``/``~`` are the only special words;
- decimal integers and decimals become exact numbers from their text;
- everything else, dates included, stays a string.
"""

from __future__ import annotations

import gc
import hashlib
import io
import re
import stat
from bisect import bisect_right
from dataclasses import field
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import yaml

from ..base.errors import LoadError, Pos, os_reason, syntax_error
from ..base.files import not_there
from ..base.i18n import N_, _
from ..base.numbers import NumberError, parse_number
from ..base.output import note_input
from ..base.records import record
from ..base.text import name_text, shown
from .yaml_wording import PROBLEMS, libyaml_words, unclosed

#: Largest file read, in bytes.
MAX_FILE_BYTES = 8 * 1024 * 1024
#: Deepest nesting of mappings and lists.
MAX_DEPTH = 64
#: Most values (scalars, mappings and lists) in one file.
MAX_VALUES = 500_000

JsonPath = tuple[str | int, ...]
#: what actuals were written in (:attr:`Document.medium`)
Medium = Literal["yaml", "row", "mapping", "form"]

# possessive repeats (++, *+, ?+): matched in one pass, linear in the text
_INT_RE = re.compile(r"[-+]?+[0-9]++")
_FLOAT_RE = re.compile(r"[-+]?+(?:\.[0-9]++|[0-9]++(?:\.[0-9]*+)?+)(?:[eE][-+]?+[0-9]++)?+")
_SPECIAL_FLOAT_RE = re.compile(r"[-+]?+\.(?:inf|Inf|INF|nan|NaN|NAN)")
#: a JSON surrogate-pair escape (``json.dumps`` writes 𠮷 as ``\ud842\udfb7``),
#: not itself escaped: YAML refuses surrogates, so the pair becomes ``\U00020bb7``
_SURROGATE_HINT = re.compile(r"\\u[dD][89abAB]")
_SURROGATE_PAIR = re.compile(
    r"(?<!\\)((?:\\\\)*+)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})"
)
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")
_NULLS = {"", "~", "null", "Null", "NULL"}
#: numbers already read, by their text (Fractions are immutable: shared safely)
_NUMBERS: dict[str, Fraction] = {}
#: top-level keys whose value is text even when it reads as a number: kept as
#: written (``version: 2021.10``, ``entity: 001``), never made a number and back
TEXT_KEYS = frozenset({"version", "entity", "period", "title", "source", "description"})
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}

try:  # the C parser is much faster; events are the same
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the PyYAML build
    _Loader = yaml.SafeLoader


@record
class Document:
    """Plain data (dict, list, str, Fraction, bool, None) plus positions."""

    file: str
    data: Any
    sha256: str
    positions: dict[JsonPath, Pos] = field(default_factory=dict)
    key_positions: dict[JsonPath, Pos] = field(default_factory=dict)
    #: YAML scalar style of string values ('' plain, "'", '"', '|', '>').
    styles: dict[JsonPath, str] = field(default_factory=dict)
    #: (file, sha256) of every file a composed spec was resolved from, in order
    sources: tuple[tuple[str, str], ...] = ()
    #: the text it was read from (to see what YAML dropped, such as comments)
    text: str = field(default="", repr=False)
    #: located notes found while reading (a form written for other rules): said
    #: on standard error, not errors
    notes: list[str] = field(default_factory=list, repr=False, compare=False)
    #: what the actuals were written in, so that a message words its fix for it:
    #: ``yaml`` (an actuals document), ``row`` (a table's row), ``mapping`` (the
    #: Python API's mapping of values), ``form`` (a filled 自评表)
    medium: Medium = field(default="yaml", compare=False)
    #: a table's texts that mark an indicator not applicable (a row's fix names one)
    na_marks: tuple[str, ...] = field(default=(), compare=False)
    #: problems found while the document was made from its medium (a table's
    #: cells that could not be read, left out of ``data``, each with the path it
    #: would have had): the check reports them first, and does not call what
    #: they refused missing
    refused: list[Any] = field(default_factory=list, repr=False, compare=False)

    def moved(
        self, data: Any, strip: JsonPath = (), add: JsonPath = (), file: str | None = None
    ) -> Document:
        """A document of ``data`` keeping this one's positions: those under ``strip``
        without it (the part there as a document of its own), each under ``add``
        (this document as a part of a larger one)."""
        n = len(strip)
        moved = Document(file=file or self.file, data=data, sha256=self.sha256)
        for table, out in (
            (self.positions, moved.positions),
            (self.key_positions, moved.key_positions),
        ):
            for path, pos in table.items():
                if path[:n] == strip:
                    out[(*add, *path[n:])] = pos
        return moved

    def pos(self, path: JsonPath) -> Pos:
        """Where the value at ``path`` starts (or its nearest ancestor)."""
        p = tuple(path)
        while p not in self.positions and p:
            p = p[:-1]
        return self.positions.get(p, Pos(self.file, 1, 1))

    def key_pos(self, path: JsonPath) -> Pos:
        """Where the key of the mapping entry at ``path`` stands."""
        return self.key_positions.get(tuple(path)) or self.pos(path)

    def text_pos(self, path: JsonPath, offset: int | None) -> Pos:
        """Position of character ``offset`` inside a string scalar, when it can be
        told exactly (single-line plain or quoted scalars), else the scalar's start."""
        start = self.pos(path)
        style = self.styles.get(tuple(path))
        if offset is None or style is None or style in ("|", ">"):
            return start
        return start.shifted(offset + (1 if style in ("'", '"') else 0))


def _astral(m: re.Match[str]) -> str:
    high, low = int(m.group(2), 16), int(m.group(3), 16)
    return f"{m.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


#: line → the columns (0-based, in the text as parsed) where a joined surrogate
#: pair ends: each ``\\U0002xxxx`` is 2 characters shorter than the pair it replaced
Joins = dict[int, list[int]]


def _join_pairs(text: str) -> tuple[str, Joins]:
    """``text`` with each JSON surrogate-pair escape joined into one ``\\U``
    escape (YAML refuses surrogates), and where each one now ends."""
    out: list[str] = []
    joins: Joins = {}
    last = line = start = 0  # start: where the line starts, in ``text``
    for m in _SURROGATE_PAIR.finditer(text):
        newlines = text.count("\n", last, m.start())
        if newlines:
            line += newlines
            start = text.rindex("\n", last, m.start()) + 1
        ends = joins.setdefault(line, [])
        ends.append(m.end() - start - 2 * (len(ends) + 1))
        out += (text[last : m.start()], _astral(m))
        last = m.end()
    out.append(text[last:])
    return "".join(out), joins


def _mark(file: str, mark: Any, joins: Joins | None = None) -> Pos:
    """A parser's mark as a position in the file as written (``joins``: where the
    text parsed was made shorter than the file, by :func:`_join_pairs`)."""
    column = mark.column
    if joins and mark.line in joins:
        column += 2 * bisect_right(joins[mark.line], column)
    return Pos(file, mark.line + 1, column + 1)


def read_text(path: str | Path, display: str | None = None) -> tuple[str, bytes]:
    """Read a file as UTF-8 text with a size limit; errors are located LoadErrors."""
    name = display or name_text(str(path))
    p = Path(path)
    try:
        if p.is_dir():
            raise LoadError(_("{name}: is a directory; give a file").format(name=name))
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):
            raise LoadError(
                _("{name}: not a regular file (a pipe, device or socket); give a file").format(
                    name=name
                )
            )
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                _(
                    "{name}: file is {size} bytes; files over {max_file_bytes} bytes are refused"
                ).format(name=name, size=size, max_file_bytes=MAX_FILE_BYTES)
            )
        raw = p.read_bytes()
        note_input(p)
    except FileNotFoundError:
        raise LoadError(not_there(p, shown=name)) from None
    except PermissionError:
        raise LoadError(_("{name}: permission denied").format(name=name)) from None
    except OSError as e:
        raise LoadError(
            _("{name}: cannot read ({error})").format(name=name, error=os_reason(e))
        ) from None
    return decode(raw, name), raw


def decode(raw: bytes, name: str) -> str:
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise LoadError(
            _("{name}:1:1: UTF-16 text (Windows 'Unicode'); save the file as UTF-8").format(
                name=name
            )
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise LoadError(
            _("{name}:{line}:1: binary data (NUL byte); expected UTF-8 text").format(
                name=name, line=line
            )
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        gbk = _as_gbk(raw)  # as Chinese Windows saves text (and as tables are read)
        if gbk is not None:
            return gbk
        before = raw[: e.start]
        line = before.count(b"\n") + 1
        col = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        raise LoadError(
            _(
                "{name}:{line}:{col}: not valid UTF-8 (byte 0x{raw:02x}); save the file as UTF-8"
            ).format(name=name, line=line, col=col, raw=raw[e.start])
        ) from None
    return text[1:] if text.startswith("\ufeff") else text


def _as_gbk(raw: bytes) -> str | None:
    """``raw`` as GBK/GB18030 text when it plainly is Chinese text in that encoding:
    at least two CJK characters and no control or unassigned character (a stray
    invalid UTF-8 sequence is not taken for GBK)."""
    import unicodedata

    if raw.startswith(b"\xef\xbb\xbf"):
        return None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [ch for ch in text if not ch.isascii()]
    cjk = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff")
    odd = any(unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cn", "Cs") for ch in wide)
    return text if cjk >= 2 and not odd else None


def load_file(path: str | Path, display: str | None = None) -> Document:
    text, raw = read_text(path, display)
    return load_text(text, display or name_text(str(path)), raw)


def load_text(text: str, file: str, raw: bytes | None = None) -> Document:
    """Parse one YAML document from ``text``; ``file`` is used in positions."""
    digest = hashlib.sha256(raw if raw is not None else text.encode("utf-8")).hexdigest()
    doc = Document(file=file, data=None, sha256=digest, text=text)
    _refuse_unseen_breaks(text, file)
    _refuse_unknown_directives(text, file)
    joins: Joins = {}
    if file.lower().endswith(".json") and _SURROGATE_HINT.search(text):
        text, joins = _join_pairs(text)
    collecting = gc.isenabled()
    gc.disable()  # millions of small values: the collector's passes would cost more than the work
    try:
        _Composer(doc, joins).run(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as e:
        if "maximum nesting depth" in str(e.problem) and _Loader is not yaml.SafeLoader:
            # libyaml 0.2.6 stops at its own depth, in its read-ahead, before this loader's
            # depth check sees the events; the Python parser reads lazily, so the error
            # lands on the first level too deep, the same with every PyYAML build
            _nesting_error(file, digest, text, joins)
        raise _syntax_error(e, file, text, joins) from None
    except yaml.reader.ReaderError as e:  # a character YAML does not allow
        raise _reader_error(e, file, text, joins) from None
    except yaml.YAMLError as e:  # pragma: no cover - errors without marks
        raise LoadError(_("YAML error: {problem}").format(problem=e), Pos(file, 1, 1)) from None
    finally:
        if collecting:
            gc.enable()
    return doc


#: characters the YAML parser takes for line breaks where an editor shows none, and a
#: byte order mark past the start (two files joined): each would put every later
#: position on the wrong line, or change a quoted value's text
_UNSEEN_BREAKS = re.compile("[\x85\u2028\u2029\ufeff]")
_BREAK_NAMES = {
    "\x85": (N_("U+0085 (next line)"), "\\N"),
    "\u2028": (N_("U+2028 (line separator)"), "\\L"),
    "\u2029": (N_("U+2029 (paragraph separator)"), "\\P"),
}


def _refuse_unseen_breaks(text: str, file: str) -> None:
    m = _UNSEEN_BREAKS.search(text, 1 if text.startswith("\ufeff") else 0)
    if m is None:
        return
    before = text[: m.start()]
    where = Pos(
        file,
        len(re.findall("\r\n|\r|\n", before)) + 1,
        m.start() - max(before.rfind("\n"), before.rfind("\r")),
    )
    if m.group() == "\ufeff":
        raise LoadError(
            _(
                "a byte order mark (U+FEFF) inside the file, where only its start may have "
                "one (were two files joined?); remove it"
            ),
            where,
        )
    name, escape = _BREAK_NAMES[m.group()]
    raise LoadError(
        _(
            "a raw {name} is not allowed: YAML reads it as a line break that editors do not "
            "show; remove it, or write it as the escape {escape} inside double quotes"
        ).format(name=_(name), escape=escape),
        where,
    )


def _refuse_unknown_directives(text: str, file: str) -> None:
    """A directive other than %YAML and %TAG before the document: libyaml stops
    at it and the Python parser passes over it, so it is refused here, the same
    with every PyYAML build."""
    lines = io.StringIO(text.lstrip("\ufeff"), newline="")  # read lazily, broken as YAML breaks
    for number, line in enumerate(lines, 1):
        if line.startswith("%"):
            name = line[1:].split(None, 1)[0] if line[1:].strip() else ""
            if name not in ("YAML", "TAG"):
                raise LoadError(
                    _(
                        "unknown YAML directive '%{name}'; the only directives are %YAML "
                        "and %TAG: remove the line, or quote a value that starts with '%'"
                    ).format(name=name),
                    Pos(file, number, 1),
                )
        elif line.strip() and not line.lstrip().startswith("#"):
            return  # the document has begun: a '%' from here on is content


def _nesting_error(file: str, digest: str, text: str, joins: Joins) -> None:
    """Raise the depth error where the Python parser meets it (or nothing, on another error)."""
    try:
        _Composer(Document(file=file, data=None, sha256=digest, text=text), joins).run(
            yaml.parse(text, Loader=yaml.SafeLoader)
        )
    except yaml.YAMLError:
        return


def _reader_error(e: Any, file: str, text: str, joins: Joins) -> LoadError:
    """A character YAML refuses (a raw control character), where it stands."""
    at = min(max(int(e.position), 0), len(text))
    line = text.count("\n", 0, at)
    col = at - (text.rfind("\n", 0, at) + 1)
    col += 2 * bisect_right(joins.get(line, []), col)
    code = e.character if isinstance(e.character, int) else ord(str(e.character)[:1] or "\0")
    shown_char = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return LoadError(
        _(
            "a raw control character ({shown_char}) is not allowed in YAML; remove "
            "it, or write it as the escape {shown_char} inside double quotes"
        ).format(shown_char=shown_char),
        Pos(file, line + 1, col + 1),
    )


_FULL_WIDTH = {
    "：": ":",
    "，": ",",
    "｛": "{",
    "｝": "}",
    "［": "[",
    "］": "]",
    "＂": '"',
    "＇": "'",
    "－": "-",
    "＃": "#",
}


def _full_width(text: str, line: int, file: str) -> LoadError | None:
    """A full-width (Chinese input) character near a syntax error, outside quotes."""
    lines = text.splitlines()
    for n in (line - 1, line, line - 2):
        if not 0 <= n < len(lines):
            continue
        quoted = None
        for col, ch in enumerate(lines[n]):
            if ch in "\"'" and quoted in (None, ch):
                quoted = None if quoted == ch else ch
            elif ch == "#" and quoted is None:
                break
            elif ch in _FULL_WIDTH and quoted is None and _structural(lines[n], col, ch):
                return syntax_error(
                    _(
                        "YAML syntax error: a full-width '{ch}' (Chinese input mode); YAML needs "
                        "the ASCII '{ascii}'"
                    ).format(ch=ch, ascii=_FULL_WIDTH[ch]),
                    Pos(file, n + 1, col + 1),
                )
    return None


#: a key and its value with no space after the colon (weight:30, - method:ratio):
#: YAML reads it as one text, and says so a line later
_UNSPACED = re.compile(r"^[ \t]*+(?:-[ \t]++)*+([A-Za-z_][\w.]*+):(?=[^\s:/])")


def _unspaced(text: str, line: int, file: str) -> LoadError | None:
    """A key written without a space after its colon, on the line of a syntax
    error or one of the two before it (the file's last lines, where the error
    is placed past its end)."""
    lines = text.splitlines()
    for n in range(min(line, len(lines) - 1), max(line - 3, -1), -1):
        m = _UNSPACED.match(lines[n])
        if m is not None:
            written = lines[n][m.start(1) :].split("#")[0].rstrip()
            return syntax_error(
                _(
                    "YAML syntax error: '{written}' has no space after the ':' of its key; "
                    "write {key}: {value}"
                ).format(written=written, key=m[1], value=written[len(m[1]) + 1 :]),
                Pos(file, n + 1, m.end(1) + 1),
            )
    return None


#: the longest key YAML reads without a '?' before it
MAX_KEY_CHARS = 1024
_KEY_START = re.compile("[ \t]*+(?:-[ \t]++)*+[{\\[]?+[ \t]*+")


def _long_key(text: str, line: int, file: str) -> LoadError | None:
    """A key longer than YAML allows on the line of a syntax error (which YAML then
    reports as a ':' in the wrong place)."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return None
    row = lines[line]
    start = _KEY_START.match(row)
    at = start.end() if start else 0
    colon = row.find(": ", at)
    end = colon if colon >= 0 else (len(row) - 1 if row.endswith(":") else -1)
    if end - at <= MAX_KEY_CHARS:
        return None
    return syntax_error(
        _(
            "YAML syntax error: a key of {n} characters; YAML reads keys of at most {max} "
            "characters; shorten it"
        ).format(n=end - at, max=MAX_KEY_CHARS),
        Pos(file, line + 1, at + 1),
    )


def _structural(line: str, col: int, ch: str) -> bool:
    """Could ``ch`` at ``col`` have been meant as YAML syntax (not text in a value)?"""
    before = line[:col]
    if ch == "：":  # a key separator only before any ASCII ': ' on the line
        return ": " not in before and not before.rstrip().endswith(":")
    if ch in "，｝］":  # a separator only inside a flow collection
        return "{" in before or "[" in before
    return ": " not in before  # ｛ ［ ＂ － ＃ where a value or key starts


def _syntax_error(e: Any, file: str, text: str, joins: Joins) -> LoadError:
    """A YAML syntax error, said so that a person can fix it."""
    mark = e.problem_mark or e.context_mark
    problem, back = libyaml_words(
        (e.problem or e.context or "invalid YAML").strip(), e.context or ""
    )
    where = _mark(file, mark, joins) if mark is not None else Pos(file, 1, 1)
    where = where.shifted(-back) if back else where
    full = _full_width(text, mark.line if mark is not None else 0, file)
    if full is not None:
        return full
    long_key = _long_key(text, mark.line if mark is not None else 0, file)
    if long_key is not None:
        return long_key
    if problem in ("could not find expected ':'", "did not find expected key"):
        unspaced = _unspaced(text, mark.line if mark is not None else 0, file)
        if unspaced is not None:
            return unspaced
    opened = e.context_mark
    close = unclosed(problem)
    if close is not None and opened is not None:
        return syntax_error(
            _(
                "{kind} syntax error: the '{value}' opened here is never closed; add "
                "'{close}' (or a ',' between entries)"
            ).format(kind=_kind(file), value="{" if close == "}" else "[", close=close),
            _mark(file, opened, joins),
        )
    line = (
        text.splitlines()[mark.line]
        if mark is not None and mark.line < len(text.splitlines())
        else ""
    )
    indent = line[: len(line) - len(line.lstrip())]
    if "tab character" in problem or ("\t" in indent and "cannot start any token" in problem):
        return syntax_error(
            _("YAML syntax error: a tab is used for indentation; indent with spaces, not tabs"),
            where,
        )
    if (
        problem == "mapping values are not allowed here"
        or problem == "mapping values are not allowed in this context"
    ):
        return syntax_error(
            _(
                "YAML syntax error: a ':' is not allowed here; check this line's "
                "indentation against the lines above, or quote a value that contains ': '"
            ),
            where,
        )
    ch = line[mark.column : mark.column + 1] if mark is not None else ""
    if "cannot start any token" in problem and ch in "%@`":
        return syntax_error(
            _(
                "{kind} syntax error: a value cannot start with '{ch}' unless it is quoted; "
                "write it in quotes, e.g. unit: '%'"
            ).format(kind=_kind(file), ch=ch),
            where,
        )
    if "maximum nesting depth" in problem:  # newer libyaml stops deep nesting itself
        return LoadError(
            _("nesting deeper than {max_depth} levels").format(max_depth=MAX_DEPTH), where
        )
    if problem in PROBLEMS:
        problem = _(problem)
    if _kind(file) == "JSON":
        return syntax_error(_("JSON syntax error: {problem}").format(problem=problem), where)
    return syntax_error(_("YAML syntax error: {problem}").format(problem=problem), where)


def _kind(file: str) -> str:
    """How to name the file's syntax: JSON for a .json file (read as YAML, its superset)."""
    return "JSON" if file.lower().endswith(".json") else "YAML"


def _prose(path: JsonPath) -> bool:
    """Whether ``path`` is a spec's description: its own, an indicator's (an item of
    a list) or a method's; not a value that an id named ``description`` is given."""
    if not path or path[-1] != "description":
        return False
    return len(path) == 1 or isinstance(path[-2], int) or (len(path) == 3 and path[0] == "methods")


def _scalar(doc: Document, ev: Any, path: JsonPath, pos: Pos) -> Any:
    value: str = ev.value
    if ev.tag is not None and ev.tag != "!":
        raise LoadError(_("YAML tag '{tag}' is not supported; remove it").format(tag=ev.tag), pos)
    style = ev.style or ""
    if style or ev.implicit == (False, True):  # quoted or block: always a string
        doc.styles[path] = style
        if style == ">" and _prose(path):  # a description: CJK folds
            from .folding import refold

            end = ev.end_mark.line + (ev.end_mark.column > 0)  # the line after the last
            return refold(value, doc.text.splitlines(), ev.start_mark.line + 1, end)
        return value
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _SPECIAL_FLOAT_RE.fullmatch(value):
        raise LoadError(
            _("'{value}' is not a finite number; write a plain number").format(value=value), pos
        )
    if len(path) == 1 and path[0] in TEXT_KEYS:
        doc.styles[path] = style
        return value
    if value in _NUMBERS:  # the same few numbers recur: 0, 1, 100, ...
        return _NUMBERS[value]
    plain = value.translate(_FULL_WIDTH_DIGITS)  # ８５ as a Chinese input method types it
    if _INT_RE.fullmatch(plain) or _FLOAT_RE.fullmatch(plain):
        try:
            number = parse_number(value)
        except NumberError as e:
            raise LoadError(str(e), pos) from None
        if len(_NUMBERS) < 10_000:
            _NUMBERS[value] = number
        return number
    doc.styles[path] = style
    return value


class _Frame:
    __slots__ = ("container", "key", "key_pos", "path")

    def __init__(self, container: dict[Any, Any] | list[Any], path: JsonPath):
        self.container = container
        self.path = path
        self.key: Any = _NO_KEY
        self.key_pos: Pos | None = None


_NO_KEY = object()


class _Composer:
    """The state of one document being built: the open containers (a stack, not
    recursion), the values counted so far and how many documents were seen."""

    def __init__(self, doc: Document, joins: Joins):
        self.doc = doc
        self.joins = joins  # where the text parsed is shorter than the file
        self.stack: list[_Frame] = []
        self.documents = 0
        self.values = 0
        self.root_set = False

    def run(self, events: Any) -> None:
        for ev in events:
            self.refuse_references(ev)
            if isinstance(ev, yaml.ScalarEvent):
                self.scalar(ev)
            elif isinstance(ev, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                self.open(ev)
            elif isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                frame = self.stack.pop()
                self.place(frame.container, self.doc.positions[frame.path])
            elif isinstance(ev, yaml.DocumentStartEvent):
                self.documents += 1
                if self.documents > 1:
                    raise LoadError(
                        _("more than one YAML document (---); give one per file"),
                        _mark(self.doc.file, ev.start_mark, self.joins),
                    )
        if not self.root_set:
            self.doc.data = None

    def refuse_references(self, ev: Any) -> None:
        if isinstance(ev, yaml.AliasEvent):
            raise LoadError(
                _("YAML aliases (*name) are not allowed; write the value out"),
                _mark(self.doc.file, ev.start_mark, self.joins),
            )
        anchor = getattr(ev, "anchor", None)
        if anchor is not None:
            raise LoadError(
                _("YAML anchors (&{anchor}) are not allowed; write the value out").format(
                    anchor=anchor
                ),
                _mark(self.doc.file, ev.start_mark, self.joins),
            )

    def count(self, pos: Pos) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise LoadError(
                _(
                    "more than {max_values:,} values in one file; a spec or actuals file "
                    "holds far fewer (split it, or give a table to batch)"
                ).format(max_values=MAX_VALUES),
                pos,
            )

    def scalar(self, ev: Any) -> None:
        doc = self.doc
        pos = _mark(doc.file, ev.start_mark, self.joins)
        self.count(pos)
        path = self.child_path()
        value = _scalar(doc, ev, path, pos)
        placed = self.place(value, pos)
        if placed is not None and placed != path and path in doc.styles:
            doc.styles[placed] = doc.styles.pop(path)
        elif placed is None:
            doc.styles.pop(path, None)

    def open(self, ev: Any) -> None:
        pos = _mark(self.doc.file, ev.start_mark, self.joins)
        self.count(pos)
        if ev.tag is not None and ev.tag not in (
            "!",
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq",
        ):
            raise LoadError(
                _("YAML tag '{tag}' is not supported; remove it").format(tag=ev.tag), pos
            )
        stack = self.stack
        if len(stack) >= MAX_DEPTH:
            raise LoadError(
                _("nesting deeper than {max_depth} levels").format(max_depth=MAX_DEPTH), pos
            )
        if stack and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY:
            raise LoadError(_("a mapping key must be a plain value"), pos)
        container: dict[Any, Any] | list[Any] = {} if isinstance(ev, yaml.MappingStartEvent) else []
        path = self.child_path()
        stack.append(_Frame(container, path))
        self.doc.positions[path] = pos

    def child_path(self) -> JsonPath:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.key is _NO_KEY:
            return (*top.path, "<key>")
        return (*top.path, top.key)

    def place(self, value: Any, pos: Pos) -> JsonPath | None:
        """Attach a finished value to its parent; returns the value's path (None
        for a mapping key, which waits for its value)."""
        doc = self.doc
        if not self.stack:
            doc.data = value
            self.root_set = True
            doc.positions[()] = pos
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            path: JsonPath = (*top.path, len(top.container))
            top.container.append(value)
            doc.positions[path] = pos
            return path
        if top.key is _NO_KEY:
            self.set_key(top, value, pos)
            return None
        path = (*top.path, top.key)
        assert isinstance(top.container, dict)
        top.container[top.key] = value
        doc.positions[path] = pos
        if top.key_pos is not None:
            doc.key_positions[path] = top.key_pos
        top.key = _NO_KEY
        return path

    def set_key(self, top: _Frame, value: Any, pos: Pos) -> None:
        if isinstance(value, dict | list):
            raise LoadError(_("a mapping key must be a plain value"), pos)
        key = value if isinstance(value, str) else _key_text(value)
        if key in top.container:
            first = self.doc.key_positions.get((*top.path, key))
            message = (
                _("duplicate key '{key}' (first at line {line}); each key may appear once")
                if first
                else _("duplicate key '{key}'; each key may appear once")
            )
            raise LoadError(message.format(key=shown(key), line=first.line if first else 0), pos)
        top.key = key
        top.key_pos = pos


def _key_text(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Fraction):
        from ..base.numbers import format_value

        return format_value(value)
    return str(value)
