"""What a file's name, or a glance inside it, says of it before it is read."""

from __future__ import annotations

from pathlib import Path

from .i18n import _

#: files read as a table of entities (or, for a workbook, a filled form)
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".parquet", ".pq")


def not_there(path: str | Path, what: str = "file", shown: str | None = None) -> str:
    """The message for a ``path`` (``shown`` so) that leads to no file: none there
    (``what``: "file", or "file or folder"), or a symbolic link that leads nowhere
    (one in a loop, or to a target that is gone), which is said so."""
    import errno
    import os

    from .errors import os_reason

    p, name = Path(path), shown or str(path)
    try:
        p.stat()
    except OSError as e:
        if e.errno != errno.ENOENT:  # a loop of links, a name too long, ...
            return _("{name}: cannot read ({error})").format(name=name, error=os_reason(e))
        if p.is_symlink():
            return _(
                "{name}: a symbolic link to {target}, which does not exist; give the file itself"
            ).format(name=name, target=os.readlink(p))
    if what == "file":
        return _("{path}: no such file").format(path=name)
    return _("{target}: no such file or folder").format(target=name)


def old_excel(path: str) -> str | None:
    """The message for a workbook in the old ``.xls`` format, which is not read;
    None for any other file."""
    if Path(path).suffix.lower() != ".xls":
        return None
    return _("{path}: the old .xls format is not read; save it as .xlsx (or CSV)").format(path=path)


def sealed_workbook(path: str | Path, shown: str | None = None) -> str | None:
    """What a file named .xlsx that is an OLE compound file is told: a workbook
    Excel encrypted with a password (Excel stores it so), or an old .xls
    workbook renamed; None for any other file. ``shown``: the name to say."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(8 << 20)
    except OSError:
        return None
    if not head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return None
    if "EncryptionInfo".encode("utf-16-le") in head:
        return _(
            "{path}: the workbook is protected by a password (encrypted), and cannot be "
            "read; open it in Excel, clear the password (File > Info > Protect Workbook > "
            "Encrypt with Password) and save it"
        ).format(path=shown or path)
    return _(
        "{path}: an old .xls workbook named .xlsx; open it in Excel and save it as .xlsx"
    ).format(path=shown or path)


def lock_file_said(path: str) -> str:
    """What an Excel lock file given for its workbook is told: the workbook's name."""
    lock = Path(path)
    return _(
        "{path}: an Excel lock file (the workbook it names is open in Excel), not a "
        "workbook; give the workbook itself, {name}"
    ).format(path=path, name=lock.with_name(lock.name[2:]))


def is_lock_file(path: str) -> bool:
    """Whether ``path`` names an Office lock file (``~$`` before the workbook's name)."""
    return Path(path).name.startswith("~$")


#: the hidden sheet of a 自评表 form written by ``scorecard template``
FORM_SHEET = "_form"
#: the sheet of a 自评表 form that a unit fills in
FORM_TITLE_SHEET = "自评表"


def sheets_named(path: str | Path, names: tuple[str, ...]) -> set[str]:
    """Which of ``names`` the workbook's xl/workbook.xml names as sheets (read from
    the zip without loading the workbook; at most its first megabyte)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z, z.open("xl/workbook.xml") as fh:
            head = fh.read(1 << 20)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return set()
    return {n for n in names if f'name="{n}"'.encode() in head or f"name='{n}'".encode() in head}


def lost_form_sheet(path: str | Path, shown: str | None = None) -> str | None:
    """What to say of a workbook with a sheet 自评表 but not the hidden ``_form``
    that says how to read it (lost when the sheet is moved or copied to another
    workbook); None for any other file. ``shown``: the name to say."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    if sheets_named(path, (FORM_TITLE_SHEET, FORM_SHEET)) != {FORM_TITLE_SHEET}:
        return None
    return _(
        "{path}: a 自评表 without its hidden sheet _form, which says how to read "
        "it (moving or copying the sheet to another workbook leaves it behind); "
        "fill in the workbook 'scorecard template' wrote, or copy the values "
        "into a new one"
    ).format(path=shown or path)


def opened_by_name(path: str | Path) -> bool:
    """Whether a library that takes a file's name as UTF-8 text (calamine, Arrow)
    can open ``path`` by it: not a name holding bytes that are not UTF-8 (Python
    carries them as lone surrogates), which is then opened as a file object."""
    from .text import foreign_bytes

    return not foreign_bytes(str(path))


def file_state(path: str | Path) -> tuple[int, int] | None:
    """A file's size and time of last change (None where it cannot be read): a
    file whose state differs after it was read was written to meanwhile."""
    import os

    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def changed_while_read(path: str) -> str:
    """What is said of an input that changed while it was read."""
    from .text import name_text

    return _(
        "{path}: warning: the file changed while it was read (written to as the command ran): "
        "its results may mix what it held before and after, and its digest is of neither; "
        "run the command again once the file is written"
    ).format(path=name_text(path))


def looks_like_form(path: str | Path) -> bool:
    """Whether ``path`` is a workbook with a 自评表 form's hidden sheet."""
    return Path(path).suffix.lower() in (".xlsx", ".xlsm") and bool(
        sheets_named(path, (FORM_SHEET,))
    )
