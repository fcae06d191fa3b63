"""The "did you mean" hints: difflib's answers on short lists, near-constant cost on long ones."""

from __future__ import annotations

import difflib
import random
import time
from pathlib import Path

import pytest

from argmap import LoadError, check, load
from argmap.errors import EXACT_LIMIT, Suggester, close_matches, did_you_mean, suggestion

from .conftest import WriteMap

#: A bound that only a cost quadratic in the number of names can reach: the sizes below take
#: a second or two, and minutes when every miss is compared with every name.
BLOW_UP = 30.0


def _difflib(word: str, names: list[str], n: int, cutoff: float) -> tuple[str, ...]:
    """difflib's answer, case folded as argmap folds it (the first spelling of a name wins)."""
    folded: dict[str, str] = {}
    for name in names:
        folded.setdefault(name.casefold(), name)
    found = difflib.get_close_matches(word.casefold(), list(folded), n=n, cutoff=cutoff)
    return tuple(folded[name] for name in found)


def _random_name(rng: random.Random) -> str:
    return "".join(rng.choice("abcAB01_-xyz") for _ in range(rng.randrange(1, 9)))


@pytest.mark.parametrize("seed", range(5))
def test_short_lists_get_difflibs_answers(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(60):
        names = [_random_name(rng) for _ in range(rng.randrange(0, EXACT_LIMIT + 1))]
        suggester = Suggester(names)
        for _ in range(5):
            word = _random_name(rng)
            n, cutoff = rng.choice((1, 2, 3)), rng.choice((0.0, 0.5, 0.6, 0.8, 1.0))
            expected = _difflib(word, names, n, cutoff)
            assert close_matches(word, names, n=n, cutoff=cutoff) == expected
            assert close_matches(word, tuple(names), n=n, cutoff=cutoff) == expected
            assert suggester.close(word, n=n, cutoff=cutoff) == expected
            assert suggester.did_you_mean(word, n=n, cutoff=cutoff) == suggestion(expected)


def test_a_short_list_hints_as_before() -> None:
    assert did_you_mean("T9", ["T1", "C1"], cutoff=0.5) == "did you mean `T1`?"
    assert did_you_mean("walt1978", ["walt1987", "waltz1979"], n=2) == (
        "did you mean `walt1987` or `waltz1979`?"
    )
    assert did_you_mean("zzz", ["T1", "C1"]) == ""
    assert close_matches("c1", ["C1", "c1"]) == ("C1",)  # the first spelling of a folded name


def test_bad_n_or_cutoff_is_refused_as_difflib_refuses_it() -> None:
    long_list = [f"N{number}" for number in range(EXACT_LIMIT * 2)]
    for names in (["a", "b"], long_list):
        with pytest.raises(ValueError, match="n must be > 0"):
            close_matches("a", names, n=0)
        with pytest.raises(ValueError, match="cutoff"):
            Suggester(names).close("a", cutoff=1.5)


def test_a_long_list_finds_names_one_typo_away() -> None:
    rng = random.Random(7)
    names = [
        f"{rng.choice(['smith', 'walt', 'nye'])}{year}{word}"
        for year in range(1900, 2026)
        for word in ("arms", "order", "war", "trade", "peace", "power")
    ]
    suggester = Suggester(names)
    assert len(suggester) > EXACT_LIMIT
    for name in rng.sample(names, 200):
        cut = rng.randrange(1, len(name) - 1)
        typos = (
            name[:cut] + name[cut + 1 :],  # a letter dropped
            name[:cut] + "q" + name[cut:],  # a letter added
            name[:cut] + "q" + name[cut + 1 :],  # a letter changed
            name[:cut] + name[cut + 1] + name[cut] + name[cut + 2 :],  # two letters swapped
        )
        for typo in typos:
            if typo not in names:
                (found,) = suggester.close(typo)
                exact = difflib.SequenceMatcher(None, found, typo).ratio()
                assert exact >= difflib.SequenceMatcher(None, name, typo).ratio(), (typo, found)


def test_a_long_list_answers_like_difflib_when_nothing_is_close() -> None:
    names = [f"C{number}" for number in range(1, 5001)]
    assert Suggester(names).close("zzzzzz") == _difflib("zzzzzz", names, 1, 0.6) == ()
    assert Suggester(names).close("Q17") == _difflib("Q17", names, 1, 0.6) == ("C17",)


def test_a_suggester_scores_each_distinct_word_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.errors

    scored: list[str] = []
    real = argmap.errors._scored

    def counting(target: str, names: object, cutoff: float) -> object:
        scored.append(target)
        return real(target, names, cutoff)  # type: ignore[arg-type]

    monkeypatch.setattr(argmap.errors, "_scored", counting)
    suggester = Suggester([f"C{number}" for number in range(1, 5001)])
    for _ in range(3):
        assert suggester.close("C17b") == ("C17",)
    assert scored == ["c17b"]


def test_many_misses_against_many_names_cost_near_constant_time_each() -> None:
    names = tuple(f"C{number}" for number in range(1, 20_001))
    misses = [f"C{number}b" if number % 2 else f"Q{number}" for number in range(1, 20_001)]
    deadline = time.monotonic() + BLOW_UP
    for number, miss in enumerate(misses, start=1):
        hint = did_you_mean(miss, names)
        assert hint == f"did you mean `C{number}`?" or (not number % 2 and number < 10)
        assert time.monotonic() < deadline, "hints cost time quadratic in the number of names"


def test_the_same_names_passed_as_a_list_again_are_indexed_once() -> None:
    names = [f"C{number}" for number in range(1, 20_001)]
    deadline = time.monotonic() + BLOW_UP
    for number in range(1, 20_001, 2):
        assert did_you_mean(f"C{number}b", list(names)) == f"did you mean `C{number}`?"
        assert time.monotonic() < deadline, "each call indexes the names again"


def test_a_list_changed_between_calls_is_read_again() -> None:
    names = [f"C{number}" for number in range(1, 2001)]
    assert close_matches("zebra9", names) == ()
    names.append("zebra")
    assert close_matches("zebra9", names) == ("zebra",)
    names[-1] = "quay"
    assert close_matches("zebra9", names) == ()


def test_many_unknown_ids_in_one_map_load_in_time(write_map: WriteMap) -> None:
    count = 6000
    lines = ["nodes:"]
    for number in range(1, count + 1):
        missing = f"C{number}b" if number % 2 else f"Q{number}"
        lines.append(f"  C{number}:\n    claim: Claim {number}.\n    because: {missing}")
    folder = write_map("\n".join(lines) + "\n")
    start = time.monotonic()
    with pytest.raises(LoadError) as raised:
        load(folder)
    assert time.monotonic() - start < BLOW_UP
    hints = [error.hint for error in raised.value.errors]
    assert len(hints) == count
    assert hints[:3] == [
        "did you mean `C1`?",
        "define the node or fix the id",
        "did you mean `C3`?",
    ]
    assert hints[11] == "did you mean `C12`?"  # for `Q12`


def test_many_unknown_keys_against_a_big_bibliography_check_in_time(tmp_path: Path) -> None:
    entries = [f"author{number}title{number % 97}" for number in range(20_000)]
    (tmp_path / "refs.bib").write_text(
        "".join(f"@misc{{{key}, title = {{T}}}}\n" for key in entries), encoding="utf-8"
    )
    cited = [key[:-1] if number % 2 else key + "x" for number, key in enumerate(entries[:4000])]
    lines = ["map:", "  bibliography: refs.bib", "nodes:"]
    lines += [
        f"  E{number}: {{evidence: e, cites: [{{key: {key}, page: 1}}]}}"
        for number, key in enumerate(cited)
    ]
    (tmp_path / "map.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    loaded = load(tmp_path)
    start = time.monotonic()
    found = list(check(loaded, select=["AM005"]))
    assert time.monotonic() - start < BLOW_UP
    assert len(found) == len(cited)
    assert found[0].message.endswith("did you mean `author0title0`?")
