"""A time limit on stable, preferred and complete questions: the search and the SAT path stop."""

from __future__ import annotations

import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from argmap import _deadline, semantics_sat
from argmap.cli import main
from argmap.semantics import (
    Framework,
    Method,
    Semantics,
    TimeLimitExceeded,
    credulous,
    sceptical,
    some_extension,
    time_limit,
)

from .conftest import WriteMap


def random_framework(size: int, density: int, seed: int = 0) -> Framework:
    """Attacker and target drawn uniformly: at 8 attacks per argument, 600 arguments take
    both the search and the SAT solver minutes (near the threshold where stable extensions
    stop existing)."""
    rng = random.Random(seed)
    count = size * density
    sources = [rng.randrange(size) for _ in range(count)]
    targets = [rng.randrange(size) for _ in range(count)]
    return Framework.numbered(size, sources, targets)


class Clock:
    """A monotonic clock moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(_deadline.time, "monotonic", fake)
    return fake


def test_the_limit_runs_out_only_when_its_time_has_come(clock: Clock) -> None:
    assert not _deadline.limited()
    _deadline.check()  # no limit: nothing to run out
    with time_limit(10):
        assert _deadline.limited()
        clock.now += 9.5
        _deadline.check()
        assert not _deadline.expired()
        clock.now += 0.5
        assert _deadline.expired()
        with pytest.raises(TimeLimitExceeded, match="time limit of 10 s") as raised:
            _deadline.check()
        assert raised.value.seconds == 10
    assert not _deadline.limited()
    _deadline.check()


def test_an_inner_limit_keeps_the_earlier_deadline(clock: Clock) -> None:
    with time_limit(5):
        with time_limit(60):  # later than the outer one: the outer one holds
            clock.now += 6
            assert _deadline.expired()
        clock.now -= 6
        with time_limit(1):  # earlier: it holds inside, and the outer one after it
            clock.now += 2
            assert _deadline.expired()
        assert not _deadline.expired()
        with time_limit(None):  # no limit of its own: the outer one still holds
            assert _deadline.limited()


@pytest.mark.parametrize("seconds", [0, -1, float("nan")])
def test_a_limit_must_be_positive(seconds: float) -> None:
    with pytest.raises(ValueError, match="must be positive"), time_limit(seconds):
        pass  # pragma: no cover - not reached


@pytest.mark.parametrize("method", [Method.SEARCH, Method.SAT])
@pytest.mark.parametrize("semantics", [Semantics.STABLE, Semantics.PREFERRED])
def test_a_hard_question_stops_at_the_limit(method: Method, semantics: Semantics) -> None:
    if method is Method.SAT:
        pytest.importorskip("pysat")
    framework = random_framework(600, 8)
    with pytest.raises(TimeLimitExceeded), time_limit(0.3):
        some_extension(framework, semantics, method=method)


@pytest.mark.parametrize("method", [Method.SEARCH, Method.SAT])
def test_answers_within_the_limit_are_the_same(method: Method) -> None:
    if method is Method.SAT:
        pytest.importorskip("pysat")
    for seed in range(20):
        framework = random_framework(60, 3, seed)
        argument = framework.arguments[seed]
        for semantics in (Semantics.STABLE, Semantics.PREFERRED, Semantics.COMPLETE):
            free = (
                some_extension(framework, semantics, method=method),
                credulous(framework, argument, semantics, method=method),
                sceptical(framework, argument, semantics, method=method),
            )
            with time_limit(600):
                limited = (
                    some_extension(framework, semantics, method=method),
                    credulous(framework, argument, semantics, method=method),
                    sceptical(framework, argument, semantics, method=method),
                )
            assert limited == free


def hard_map(write_map: WriteMap) -> Path:
    """600 objections, each attacking 8 others drawn at random: a hard stable question."""
    rng = random.Random(0)
    lines = ["nodes:"]
    for number in range(600):
        targets = ", ".join(f"O{rng.randrange(600)}" for _ in range(8))
        lines.append(f"  O{number}: {{objection: o{number}, attacks: [{targets}]}}")
    return write_map("\n".join(lines) + "\n")


def test_status_stops_at_its_time_limit(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = hard_map(write_map)
    code = main(["status", str(folder), "--semantics", "stable", "--time-limit", "0.3"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err == (
        f"argmap: error: {folder}: stable semantics not answered within 0.3 s (NP-hard on "
        "large, dense attack graphs); raise --time-limit, or use --semantics grounded\n"
    )
    # The grounded labelling is linear and has no limit.
    assert main(["status", str(folder), "--time-limit", "0.3", "--format", "json"]) == 0


def test_status_within_its_time_limit_prints_the_labels(
    write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map("""\
        nodes:
          T1: {claim: the thesis, thesis: true, because: E1}
          E1: {evidence: e}
          O1: {objection: o, attacks: [T1, O2]}
          O2: {objection: p, attacks: O1}
        """)
    assert main(["status", str(folder), "--semantics", "preferred"]) == 0
    unlimited = capsys.readouterr().out
    assert main(["status", str(folder), "--semantics", "preferred", "--time-limit", "5"]) == 0
    assert capsys.readouterr().out == unlimited
    assert "UNDEC" in unlimited


@pytest.mark.parametrize("given", ["0", "-2", "soon", "inf", "nan"])
def test_a_time_limit_that_is_no_time_is_a_usage_error(
    given: str, write_map: WriteMap, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = write_map("nodes:\n  E1: {evidence: e}\n")
    with pytest.raises(SystemExit) as stopped:
        main(["status", str(folder), "--semantics", "stable", f"--time-limit={given}"])
    assert stopped.value.code == 2
    assert f"expected a positive number of seconds, got '{given}'" in capsys.readouterr().err


def test_solve_stops_at_its_time_limit_and_answers_without_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    framework = random_framework(600, 8)
    hard = tmp_path / "hard.af"
    attacks = zip(framework.sources, framework.destinations, strict=True)
    hard.write_text("p af 600\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in attacks))
    assert main(["solve", str(hard), "-p", "SE-ST", "--time-limit", "0.3"]) == 2
    assert capsys.readouterr().err == (
        f"argmap: error: {hard}: SE-ST not answered within 0.3 s (NP-hard on large, dense "
        "attack graphs); raise --time-limit, or leave it out to wait for the answer\n"
    )
    easy = tmp_path / "easy.af"
    easy.write_text("p af 3\n1 2\n2 3\n")
    assert main(["solve", str(easy), "-p", "SE-ST", "--time-limit", "5"]) == 0
    assert capsys.readouterr().out == "w 1 3\n"


@pytest.mark.parametrize(
    ("signal_number", "code", "said"), [(15, 143, "terminated"), (2, 130, "interrupted")]
)
def test_a_signal_stops_the_sat_solver_at_once(
    tmp_path: Path, signal_number: int, code: int, said: str
) -> None:
    """CaDiCaL runs in calls of bounded conflicts, so SIGTERM does not wait for the answer,
    and PySAT's own error for Ctrl-C becomes the interrupt it is (no traceback)."""
    pytest.importorskip("pysat")
    framework = random_framework(1000, 8)
    hard = tmp_path / "hard.af"
    attacks = zip(framework.sources, framework.destinations, strict=True)
    hard.write_text("p af 1000\n" + "".join(f"{a + 1} {b + 1}\n" for a, b in attacks))
    command = [sys.executable, "-m", "argmap", "solve", str(hard), "-p", "SE-ST"]
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as solving:
        try:
            time.sleep(2)  # reading and the grounded labelling take a tenth of that: it solves
            assert solving.poll() is None
            solving.send_signal(signal_number)
            out, err = solving.communicate(timeout=30)
        finally:
            solving.kill()  # when it did not stop: the test fails, and leaves no process
    assert (solving.returncode, out, err) == (code, "", f"argmap: {said}\n")


class Oracle:
    """A solver that fails as PySAT's does."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def conf_budget(self, budget: int) -> None:
        pass

    def solve_limited(self, assumptions: list[int]) -> bool | None:
        del assumptions
        raise self.error


def test_pysats_interrupt_error_is_a_keyboard_interrupt() -> None:
    session = object.__new__(semantics_sat._Session)
    session.oracle = Oracle(RuntimeError("Caught keyboard interrupt"))
    with pytest.raises(KeyboardInterrupt):
        session.find()
    session.oracle = Oracle(RuntimeError("something else"))
    with pytest.raises(RuntimeError, match="something else"):
        session.find()
