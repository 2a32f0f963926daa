"""Shared test set-up: Hypothesis profiles and small helpers."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from engine.scoring.actuals import check_actuals
from engine.scoring.evaluate import evaluate
from engine.scoring.result import Scorecard
from engine.spec.compile import compile_spec
from engine.spec.load import load_text
from engine.spec.model import Spec

ROOT = Path(__file__).resolve().parent.parent

#: The interpreters the tests start (``python -m engine``, the documentation's
#: commands) read the engine's compiled bytecode from one cache outside the
#: checkout instead of compiling every module at each start (the checkout is
#: never written to; Python checks each cached file against its source).
PYCACHE = Path(tempfile.gettempdir()) / f"scorecard-tests-pycache-{os.getuid()}"
os.environ["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

# The seed report's indicator ids (specs/gz-dept-overall-2021.yaml) and one
# entity's values for them, in that order: the rows of the table tests.
IDS = [
    "key_spending",
    "budget_adjustment",
    "three_public",
    "staff_control",
    "procurement",
    "management_system",
    "compliance",
    "disclosure",
    "asset_management",
    "training",
    "trips",
    "enterprises",
    "investment",
    "garbage",
    "sanitation",
    "incidents",
    "case_clearance",
    "rehab",
    "rental_actions",
    "migrant_events",
    "rental_registration",
    "safety_net",
    "canteen",
    "community",
    "reemployment",
]
SEED_ROW = [
    "85",
    "8",
    "100",
    "101.6",
    "87.4",
    "中",
    "2",
    "100",
    "中",
    "5",
    "3",
    "212",
    "1",
    "100",
    "98.93",
    "0",
    "100",
    "70",
    "90",
    "67",
    "100",
    "100",
    "112848",
    "170",
    "78.89",
]

# No wall-clock deadlines anywhere (shared, noisy machines); CI is derandomized.
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "dev", deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def update_wanted() -> bool:
    """True when ``UPDATE_GOLDEN`` asks to rewrite golden and generated files.
    Under CI that is refused (the test fails): CI checks them, never rewrites them."""
    if not os.environ.get("UPDATE_GOLDEN"):
        return False
    if os.environ.get("CI"):
        pytest.fail("UPDATE_GOLDEN under CI: golden files are checked there, never rewritten")
    return True


def spec_of(text: str, file: str = "spec.yaml") -> Spec:
    """Compile a spec from (dedented) YAML text."""
    return compile_spec(load_text(textwrap.dedent(text), file))


def score_of(spec: Spec, actuals: str, missing: str = "error", file: str = "a.yaml") -> Scorecard:
    doc = load_text(textwrap.dedent(actuals), file)
    return evaluate(spec, check_actuals(doc, spec, missing))


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """``-n auto`` (pyproject.toml): the whole suite, or several files, in up to two
    worker processes; a run of one test file in this process, where starting the
    workers would cost more than they save. ``-n N`` chooses, as always."""
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # pytest-xdist reads it
    files = {arg.split("::")[0] for arg in config.args}
    if len(files) == 1 and next(iter(files)).endswith(".py"):
        return 0
    return None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under pytest-xdist, the documentation's commands of one document run in one
    worker: they share the document's folder, and later commands read what earlier
    ones wrote (tests/test_doc_examples.py)."""
    for item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and "replay" in getattr(item, "fixturenames", ()):
            document = getattr(callspec.params.get("example"), "document", None)
            if document is not None:
                item.add_marker(pytest.mark.xdist_group(f"doc-examples:{document}"))


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(autouse=True)
def english_unless_asked(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test starts in English, whatever the machine's locale; a test that
    sets the language gets English back afterwards."""
    from engine.base.i18n import ENV_ORDER, set_language

    for key in ENV_ORDER:
        monkeypatch.delenv(key, raising=False)
    set_language("en")
    yield
    set_language("en")


def hang_guard(deadline: float, what: str) -> None:
    """Fail once ``deadline`` (a ``time.monotonic()`` value, a minute or more away)
    has passed: a guard against a hang while polling, never a measure of speed."""
    import time

    if time.monotonic() > deadline:
        pytest.fail(f"gave up waiting after the hang guard's deadline: {what}")


@contextlib.contextmanager
def alarm_guard(seconds: int, what: str) -> Iterator[None]:
    """Fail the test if the block has not ended after ``seconds`` (a minute or more):
    a guard against a hang in code that waits on other processes without a timeout
    of its own, never a measure of speed. The main thread only (as tests run)."""

    def expired(signum: int, frame: object) -> None:
        pytest.fail(f"gave up waiting after the hang guard's {seconds} s: {what}")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the checkout, where the shipped specs and examples are named from
    (a module takes it with ``pytestmark = pytest.mark.usefixtures("in_root")``)."""
    monkeypatch.chdir(ROOT)


def invoke(*args: str) -> tuple[int, str, str]:
    """The command line in process: exit code, standard output, standard error."""
    from typer.testing import CliRunner

    from engine.cli import app

    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr
