"""An interrupted batch leaves no output file behind, partial or whole."""

from __future__ import annotations

import csv
import importlib
import io
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import IDS, SEED_ROW

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "specs" / "gz-dept-overall-2021.yaml"


def big_table(path: Path, rows: int, encoding: str = "utf-8") -> None:
    header = ["entity", "budget", "spent", *IDS]
    row = ["x", "82912.04", "75317.78", *SEED_ROW]
    with path.open("w", newline="", encoding=encoding) as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for i in range(rows):
            row[0] = f"e{i}" if encoding == "utf-8" else f"单位{i}"
            w.writerow(row)


def _default_signals() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _batch_process(args: list[str], stdout: Any, **env: str) -> subprocess.Popen[bytes]:
    """``scorecard batch SPEC ARGS`` as from a terminal, standard error piped."""
    return subprocess.Popen(
        [sys.executable, "-m", "engine", "batch", str(SPEC), *args],
        cwd=ROOT,
        stdout=stdout,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1", **env},
        preexec_fn=_default_signals,
    )


def _interrupt_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool]) -> bytes:
    """Ctrl-C the batch once ``ready()`` (a hang guard of 60 s), then its standard error."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not ready():
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be interrupted"
    proc.send_signal(signal.SIGINT)
    return _finish(proc)[1]


def _finish(proc: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Wait for a batch, a minute at most (a hang guard only: a batch that hangs
    is killed, not left behind, and the test fails)."""
    try:
        return proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise


def _jobs_to_stdout(table: Path, fh: Any) -> subprocess.Popen[bytes]:
    """``scorecard batch SPEC TABLE -f csv -j 2`` with standard output to ``fh``."""
    return _batch_process([str(table), "-f", "csv", "-j", "2"], fh)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_an_interrupted_batch_leaves_no_partial_output(tmp_path: Path, sig: int) -> None:
    table = tmp_path / "t.csv"
    big_table(table, 600_000)  # a few seconds of writing: long enough to be interrupted
    out = tmp_path / "out" / "results.csv"
    out.parent.mkdir()
    # a busy machine may keep this process waiting until the batch is done: then
    # its output is whole, and it is run again (three times at most)
    for _attempt in range(3):
        proc, err = _interrupted_while_writing(table, out, sig)
        if proc.returncode != 0:
            break
        assert out.exists()
        out.unlink()
    assert proc.returncode == 130
    assert err.decode().strip().splitlines()[-1] == "interrupted; no output file was written"
    assert list(out.parent.iterdir()) == []


def _interrupted_while_writing(
    table: Path, out: Path, sig: int
) -> tuple[subprocess.Popen[bytes], bytes]:
    """A batch of ``table`` to ``out``, sent ``sig`` once it is writing (the
    temporary file exists); the process and its standard error."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "engine",
            "batch",
            str(SPEC),
            str(table),
            "-f",
            "csv",
            "-o",
            str(out),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
        # as from a terminal: a runner that started the tests in the background
        # may have them ignore SIGINT, and the batch would inherit that
        preexec_fn=_default_signals,
    )
    deadline = time.monotonic() + 60  # a hang guard only
    while time.monotonic() < deadline and not any(out.parent.iterdir()):
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    if proc.poll() is None:  # else it ended first: a whole output, or an error to show
        time.sleep(0.05)
        proc.send_signal(sig)
    return proc, _finish(proc)[1]


def test_an_interrupted_batch_to_standard_output_says_what_it_wrote(tmp_path: Path) -> None:
    table = tmp_path / "t.csv"
    big_table(table, 300_000)
    out = tmp_path / "stdout.csv"
    with out.open("wb") as fh:
        proc = _jobs_to_stdout(table, fh)
        err = _interrupt_when(proc, lambda: out.stat().st_size >= 100_000)
    assert proc.returncode == 130
    written = len(out.read_bytes().splitlines())
    assert written > 1
    assert err.decode().strip().splitlines()[-1] == (
        f"interrupted; {written} lines of csv were already written to standard output "
        "(the header and the rows before the stop): it is incomplete"
    )


def test_a_signal_whose_interrupt_was_swallowed_is_raised_again() -> None:
    """A library that swallows the KeyboardInterrupt (pyarrow importing pandas did)
    must not lose the signal: the batch checks between its pieces of work."""
    import contextlib

    from engine.cli import stopping

    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    before = {n: signal.getsignal(getattr(signal, n)) for n in names}
    try:
        stopping.install()
        stopping.check()  # nothing came: nothing raised
        with contextlib.suppress(KeyboardInterrupt):  # swallowed, as inside an import
            stopping.interrupt(signal.SIGTERM, None)
        with pytest.raises(KeyboardInterrupt):
            stopping.check()
        stopping.install()  # a new run starts with none received
        stopping.check()
    finally:
        for n, handler in before.items():
            signal.signal(getattr(signal, n), handler)


def test_a_file_made_while_a_signal_came_is_not_put_in_place(tmp_path: Path) -> None:
    """review -o of 150 forms wrote its 复核表 and exited 0 when the signal's
    KeyboardInterrupt was lost inside a finalizer (ZipFile.__del__): the file is
    made whole, then dropped, and the run stops."""
    from engine.base import stop
    from engine.base.output import forget_inputs, write_atomic

    target = tmp_path / "r.xlsx"
    try:
        stop.received.append(signal.SIGINT)
        with pytest.raises(KeyboardInterrupt):
            write_atomic(str(target), b"data")
    finally:
        stop.received.clear()
    assert list(tmp_path.iterdir()) == []  # neither the file nor its temporary one
    write_atomic(str(target), b"data")
    assert target.read_bytes() == b"data"
    forget_inputs()  # (the file put in place is this test's own)


def test_a_stop_after_a_file_was_put_in_place_says_it_was_written(tmp_path: Path) -> None:
    """A signal just after batch -o put its file in place said "no output file was
    written" beside the whole file: the files put in place are named."""
    from engine.base.output import forget_inputs, interrupted_said, write_atomic

    forget_inputs()
    assert interrupted_said() == "interrupted; no output file was written"
    write_atomic(str(tmp_path / "o.csv"), b"row\n")
    assert interrupted_said() == f"interrupted after {tmp_path / 'o.csv'} had been written whole"
    forget_inputs()  # each invocation its own
    assert interrupted_said() == "interrupted; no output file was written"


def test_an_interrupt_lost_in_a_finalizer_is_not_printed_with_a_traceback() -> None:
    """``Exception ignored in: <function ZipFile.__del__>`` and a traceback: the
    signal is recorded, so the run stops at its next check, quietly; another
    exception Python cannot raise still goes to Python's own hook."""
    import types

    from engine.base import stop

    told: list[Any] = []

    def hook(kind: type[BaseException]) -> Any:
        return types.SimpleNamespace(exc_type=kind, exc_value=kind())

    try:
        stop.received.append(signal.SIGINT)
        stop.quiet_unraisable(hook(KeyboardInterrupt), told.append)
        stop.quiet_unraisable(hook(ValueError), told.append)
    finally:
        stop.received.clear()
    stop.quiet_unraisable(hook(KeyboardInterrupt), told.append)  # no signal: not ours
    assert [t.exc_type for t in told] == [ValueError, KeyboardInterrupt]


def test_a_command_that_ran_on_after_a_lost_signal_stops_with_130(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """validate of 151 forms said ``151 files valid`` and exited 0, or blamed a good
    form, or ended in an internal error, when the interrupt was lost on the way: a
    run that received a signal ends as interrupted, whatever came of it."""
    from engine.base import stop
    from engine.base.errors import LoadError
    from engine.cli import stopping
    from engine.cli.root import reports_errors

    cli_main = importlib.import_module("engine.cli.main")  # the module, not its main()

    names = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    before = {n: signal.getsignal(getattr(signal, n)) for n in names}

    def blamed() -> None:
        raise LoadError("f102.xlsx: not a readable .xlsx workbook")

    def broken() -> None:
        raise TypeError("expected <class 'int'>")

    outcomes: list[Callable[[], None]] = [lambda: None, blamed, broken]
    outcomes += [reports_errors(o) for o in outcomes]  # as every command is wrapped
    real_install = stopping.install
    try:
        for outcome in outcomes:

            def install() -> None:
                real_install()
                stop.received.append(signal.SIGINT)  # came, its raise lost

            monkeypatch.setattr(stopping, "install", install)
            monkeypatch.setattr(cli_main, "_registered", lambda _name, o=outcome: _app_that(o))
            with pytest.raises(SystemExit) as e:
                cli_main.main(["validate", str(SPEC)])
            assert e.value.code == 130
            assert capsys.readouterr().err == "interrupted; no output file was written\n"
    finally:
        stop.received.clear()
        for n, handler in before.items():
            signal.signal(getattr(signal, n), handler)


def _app_that(outcome: Callable[[], None]) -> Any:
    import typer

    app = typer.Typer()

    @app.command()
    def validate(spec: str) -> None:
        outcome()

    @app.command()
    def other() -> None:  # two commands: the app is a group, as scorecard's is
        raise AssertionError

    return app


@pytest.mark.parametrize(
    ("lang", "lines", "said"),
    [
        ("en", None, "interrupted; no output file was written"),
        ("en", 0, "interrupted; nothing was written to standard output"),
        ("zh", 0, "已中断；标准输出上什么也没有写"),
        (
            "en",
            1,
            "interrupted; 1 line of csv (the header) was already written to standard output: "
            "it is incomplete",
        ),
        (
            "en",
            3,
            "interrupted; 3 lines of csv were already written to standard output "
            "(the header and the rows before the stop): it is incomplete",
        ),
        ("zh", 1, "已中断；已有 1 行 csv 写到标准输出（含表头）：输出不完整"),
    ],
)
def test_a_stopped_batch_says_how_much_it_wrote(lang: str, lines: int | None, said: str) -> None:
    from engine.base.i18n import language, set_language
    from engine.base.output import forget_inputs
    from engine.cli.batch import interrupted_message

    forget_inputs()  # no file put in place by an earlier test in this process
    before = language()
    set_language(lang)
    try:
        assert interrupted_message(lines, "csv") == said
    finally:
        set_language(before)


def _children(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:  # ended meanwhile
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _kill_workers(proc: subprocess.Popen[bytes], how: int = signal.SIGKILL) -> None:
    """Kill the batch's --jobs workers once they have started, as the system's
    out-of-memory killer would (or with another signal)."""
    deadline = time.monotonic() + 60
    workers: list[int] = []
    while time.monotonic() < deadline and proc.poll() is None and len(workers) < 2:
        workers = _children(proc.pid)
        time.sleep(0.05)
    assert proc.poll() is None and workers, "the batch finished before its workers started"
    killed = 0
    for worker in workers:
        try:
            os.kill(worker, how)
        except ProcessLookupError:  # the batch stopped it after the first kill
            continue
        killed += 1
    assert killed, "every worker had ended before it could be killed"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_worker_killed_from_outside_stops_the_batch_with_a_message(tmp_path: Path) -> None:
    """A worker of --jobs killed by the system (out of memory, say) ends the batch
    with one line saying so and what to do, exit 1, and what went to standard
    output counted, instead of an internal error; the batch does not hang."""
    table = tmp_path / "t.csv"
    big_table(table, 300_000)
    out = tmp_path / "stdout.csv"
    with out.open("wb") as fh:
        proc = _jobs_to_stdout(table, fh)
        _kill_workers(proc)
        _, err = _finish(proc)
    assert proc.returncode == 1
    said = err.decode().strip().splitlines()
    assert said[0] == (
        "a worker process of --jobs 2 ended abruptly (killed, as the system does when memory "
        "runs out); the rest of the table was not scored; run again with fewer --jobs, or "
        "with more memory"
    )
    written = len(out.read_bytes().splitlines())
    if written:
        assert said[1:] == [
            f"{written} lines of csv were already written to standard output (the header "
            "and the rows before the error): it is incomplete"
            if written > 1
            else "1 line of csv (the header) was already written to standard output: it is "
            "incomplete"
        ]
    else:
        assert said[1:] == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_worker_ended_by_another_signal_is_said_as_it_is(tmp_path: Path) -> None:
    """Not every worker that ends is out of memory: the signal is named."""
    table = tmp_path / "t.csv"
    big_table(table, 300_000)
    proc = _batch_process([str(table), "-o", str(tmp_path / "out.csv"), "-j", "2"], None)
    _kill_workers(proc, signal.SIGUSR1)
    _, err = _finish(proc)
    assert proc.returncode == 1
    assert err.decode().strip().splitlines() == [
        "a worker process of --jobs 2 ended abruptly (signal 10, SIGUSR1); the rest of the "
        "table was not scored; run again, or with --jobs 1"
    ]
    assert not (tmp_path / "out.csv").exists()


def test_how_a_worker_ended_is_told_from_its_exit_codes() -> None:
    from engine.batch.runner import _worker_died

    killed = str(_worker_died(2, [-15, -9]))
    assert "(killed, as the system does when memory runs out)" in killed
    assert "(signal 11, SIGSEGV)" in str(_worker_died(2, [-15, -11]))
    assert "(signal 15, SIGTERM)" in str(_worker_died(2, [-15, -15]))
    assert "(exit status 1)" in str(_worker_died(3, [1, -15]))
    assert "(the cause is not known)" in str(_worker_died(2, []))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_interrupted_batch_of_a_gbk_table_leaves_no_copy(tmp_path: Path, jobs: str) -> None:
    """A large GBK table is read from a UTF-8 copy in the temporary folder; a
    batch stopped by Ctrl-C ends without running finalizers, and removes it first."""
    table = tmp_path / "t.csv"
    big_table(table, 200_000, "gbk")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    out = tmp_path / "out.csv"
    args = [str(table), "-o", str(out), "-j", jobs]
    proc = _batch_process(args, subprocess.PIPE, TMPDIR=str(temporary))
    # the copy is whole once the temporary file for the output exists beside out.csv
    err = _interrupt_when(
        proc, lambda: any(p.name != "out.csv" and p.suffix == ".tmp" for p in tmp_path.iterdir())
    )
    assert proc.returncode == 130
    assert err.decode().strip().splitlines()[-1] == "interrupted; no output file was written"
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_batch_whose_reader_stops_reading_ends(tmp_path: Path, jobs: str) -> None:
    """``scorecard batch … -j 2 | head -1``: the batch ends when its standard
    output is closed (its workers were left waiting, and the process with them)."""
    table = tmp_path / "t.csv"
    big_table(table, 200_000, "gbk")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    args = [str(table), "-f", "csv", "-j", jobs]
    proc = _batch_process(args, subprocess.PIPE, TMPDIR=str(temporary))
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith(b"row,entity,")
    proc.stdout.close()
    _finish(proc)
    assert proc.returncode == 0
    assert list(temporary.iterdir()) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_a_worker_killed_in_a_batch_to_a_file_says_only_what_happened(tmp_path: Path) -> None:
    """With -o nothing went to standard output, and no output file is left."""
    table = tmp_path / "t.csv"
    big_table(table, 300_000)
    out = tmp_path / "out" / "results.csv"
    out.parent.mkdir()
    proc = _batch_process([str(table), "-o", str(out), "-j", "2"], subprocess.DEVNULL)
    _kill_workers(proc)
    _, err = _finish(proc)
    assert proc.returncode == 1
    assert err.decode().strip().splitlines() == [
        "a worker process of --jobs 2 ended abruptly (killed, as the system does when memory "
        "runs out); the rest of the table was not scored; run again with fewer --jobs, or "
        "with more memory"
    ]
    assert list(out.parent.iterdir()) == []


def test_a_stopped_batch_of_json_says_no_header() -> None:
    """JSON has no header line: it was said to hold one."""
    from engine.cli.batch import interrupted_message, partial_message

    assert interrupted_message(65, "json") == (
        "interrupted; 65 lines of json were already written to standard output: it is incomplete"
    )
    assert partial_message(1, "json") == (
        "1 line of json was already written to standard output: it is incomplete"
    )


class _Short(io.RawIOBase):
    """A raw stream that takes at most 7 bytes a call, as a write to a full pipe
    cut short by a signal does."""

    def __init__(self) -> None:
        self.got = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, b: Any) -> int:
        taken = bytes(b[:7])
        self.got += taken
        return len(taken)


@pytest.mark.parametrize("data", ["单位,总分\n甲,93.42\n" * 5, ("单位,总分\n" * 5).encode()])
def test_standard_output_gets_all_of_a_write_cut_short(
    monkeypatch: pytest.MonkeyPatch, data: str | bytes
) -> None:
    from engine.base.output import put_stdout

    raw = _Short()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8", write_through=True))
    put_stdout("head\n")
    put_stdout(data)
    whole = data if isinstance(data, bytes) else data.encode()
    assert bytes(raw.got) == b"head\n" + whole


def _blocked_writing(pid: int) -> bool:
    """Whether the process is in a write to its standard output (Linux: the pipe
    is full); elsewhere, after a second."""
    try:
        # write(2) is system call 1 on x86-64, 64 on arm64; its first argument fd 1
        return Path(f"/proc/{pid}/syscall").read_text().startswith(("1 0x1 ", "64 0x1 "))
    except OSError:
        time.sleep(1)
        return True


@pytest.mark.parametrize("unbuffered", ["1", ""], ids=["PYTHONUNBUFFERED", "buffered"])
def test_a_batch_stopped_while_a_pipe_is_full_says_what_went_out(
    tmp_path: Path, unbuffered: str
) -> None:
    """Standard output a pipe that is not read until the batch is stopped: the
    write in progress is finished, and the count is what the reader gets."""
    table = tmp_path / "t.csv"
    big_table(table, 100_000)
    proc = _batch_process([str(table), "-f", "csv"], subprocess.PIPE, PYTHONUNBUFFERED=unbuffered)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None and not _blocked_writing(proc.pid):
        time.sleep(0.05)
    assert proc.poll() is None, "the batch ended before its output was read"
    proc.send_signal(signal.SIGINT)
    out, err = _finish(proc)
    assert proc.returncode == 130
    lines = out.count(b"\n")
    assert lines > 1 and out.endswith(b"\n")
    assert err.decode().strip().splitlines()[-1] == (
        f"interrupted; {lines} lines of csv were already written to standard output "
        "(the header and the rows before the stop): it is incomplete"
    )


def test_an_encoding_with_a_mark_writes_it_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each piece was encoded on its own: utf-8-sig wrote its mark before every one."""
    from engine.base.output import put_stdout

    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="utf-8-sig"))
    for piece in ("row,entity\n", "2,甲\n".encode(), "3,乙\n"):
        put_stdout(piece)
    assert raw.getvalue() == "\ufeffrow,entity\n2,甲\n3,乙\n".encode()
