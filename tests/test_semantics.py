from __future__ import annotations

import random
import time
from collections.abc import Sequence

import pytest

from argmap.semantics import (
    Acceptance,
    Framework,
    Label,
    Semantics,
    credulous,
    extensions,
    grounded,
    sceptical,
    some_extension,
)

IN, OUT, UNDEC = Label.IN, Label.OUT, Label.UNDEC
CO, GR, PR, ST = Semantics.COMPLETE, Semantics.GROUNDED, Semantics.PREFERRED, Semantics.STABLE


def af(arguments: str, attacks: str = "") -> Framework:
    """``af("abc", "ab bc")``: arguments a, b, c; a attacks b, b attacks c."""
    return Framework.from_attacks(arguments, [(pair[0], pair[1]) for pair in attacks.split()])


def exts(*written: str) -> list[tuple[str, ...]]:
    """``exts("ac", "")``: the extensions {a, c} and {} as sorted tuples."""
    return sorted(tuple(extension) for extension in written)


# name, framework, grounded labels, complete, preferred, stable extensions
HAND_MADE = [
    ("empty", af(""), "", exts(""), exts(""), exts("")),
    ("unattacked", af("a"), "I", exts("a"), exts("a"), exts("a")),
    ("simple attack", af("ab", "ab"), "IO", exts("a"), exts("a"), exts("a")),
    ("chain", af("abcd", "ab bc cd"), "IOIO", exts("ac"), exts("ac"), exts("ac")),
    ("even cycle", af("ab", "ab ba"), "UU", exts("", "a", "b"), exts("a", "b"), exts("a", "b")),
    ("odd cycle", af("abc", "ab bc ca"), "UUU", exts(""), exts(""), []),
    ("self-attack", af("a", "aa"), "U", exts(""), exts(""), []),
    ("self-attacker attacked", af("ab", "aa ba"), "OI", exts("b"), exts("b"), exts("b")),
    ("self-attacker attacking", af("ab", "aa ab"), "UU", exts(""), exts(""), []),
    ("reinstatement", af("abc", "ab bc"), "IOI", exts("ac"), exts("ac"), exts("ac")),
    (
        "floating acceptance",  # a and b attack each other and both attack c; c attacks d
        af("abcd", "ab ba ac bc cd"),
        "UUUU",
        exts("", "ad", "bd"),
        exts("ad", "bd"),
        exts("ad", "bd"),
    ),
    (
        "odd cycle breaks stability only",  # a <-> b, plus the 3-cycle c d e attacked by b
        af("abcde", "ab ba cd de ec bc"),
        "UUUUU",
        exts("", "a", "bd"),
        exts("a", "bd"),
        exts("bd"),
    ),
    (
        "grounded resolves a cycle",  # d attacks a of the odd cycle a b c
        af("abcd", "ab bc ca da"),
        "OIOI",
        exts("bd"),
        exts("bd"),
        exts("bd"),
    ),
]
LETTERS = {"I": IN, "O": OUT, "U": UNDEC}


@pytest.mark.parametrize(
    ("framework", "labels"),
    [(case[1], case[2]) for case in HAND_MADE],
    ids=[c[0] for c in HAND_MADE],
)
def test_grounded_labelling(framework: Framework, labels: str) -> None:
    labelling = grounded(framework)
    assert labelling.labels == tuple(LETTERS[letter] for letter in labels)
    assert labelling.extension == tuple(
        name for name, letter in zip(framework.arguments, labels, strict=True) if letter == "I"
    )


@pytest.mark.parametrize(
    ("framework", "complete", "preferred", "stable"),
    [case[1:2] + case[3:] for case in HAND_MADE],
    ids=[c[0] for c in HAND_MADE],
)
def test_extensions(
    framework: Framework,
    complete: list[tuple[str, ...]],
    preferred: list[tuple[str, ...]],
    stable: list[tuple[str, ...]],
) -> None:
    assert extensions(framework, CO) == complete
    assert extensions(framework, PR) == preferred
    assert extensions(framework, ST) == stable
    assert extensions(framework, GR) == [grounded(framework).extension]


def test_floating_acceptance_is_sceptically_preferred_but_not_grounded() -> None:
    framework = af("abcd", "ab ba ac bc cd")
    assert sceptical(framework, "d", PR) == Acceptance(accepted=True)
    assert not sceptical(framework, "d", GR).accepted
    assert not sceptical(framework, "d", CO).accepted
    assert credulous(framework, "a", PR) == Acceptance(accepted=True, witness=("a", "d"))


def test_no_stable_extension_conventions() -> None:
    framework = af("abc", "ab bc ca")
    assert some_extension(framework, ST) is None
    assert extensions(framework, ST) == []
    for argument in "abc":
        # ICCMA 2023: credulously nothing, sceptically everything (vacuously), no witness.
        assert credulous(framework, argument, ST) == Acceptance(accepted=False)
        assert sceptical(framework, argument, ST) == Acceptance(accepted=True)
        assert sceptical(framework, argument, PR) == Acceptance(accepted=False, witness=())


def test_unstable_part_elsewhere_removes_every_stable_extension() -> None:
    # a is unattacked, but the separate self-attacker s leaves no stable extension at all.
    framework = af("as", "ss")
    assert grounded(framework).label("a") is IN
    assert credulous(framework, "a", ST) == Acceptance(accepted=False)
    assert sceptical(framework, "a", ST) == Acceptance(accepted=True)
    assert credulous(framework, "a", PR) == Acceptance(accepted=True, witness=("a",))


def test_empty_framework() -> None:
    framework = af("")
    assert len(framework) == 0
    assert grounded(framework).labels == ()
    for semantics in Semantics:
        assert some_extension(framework, semantics) == ()


def test_witnesses_are_extensions_of_the_semantics() -> None:
    framework = af("abcde", "ab ba cd de ec bc")
    assert credulous(framework, "d", ST) == Acceptance(accepted=True, witness=("b", "d"))
    assert sceptical(framework, "d", PR) == Acceptance(accepted=False, witness=("a",))
    assert sceptical(framework, "a", CO) == Acceptance(accepted=False, witness=())
    assert credulous(framework, "c", PR) == Acceptance(accepted=False)
    assert credulous(framework, "a", CO) == Acceptance(accepted=True, witness=("a",))


def test_acceptance_of_unknown_argument_raises_key_error() -> None:
    with pytest.raises(KeyError):
        credulous(af("a"), "z", PR)


# -- the Framework and Labelling objects -------------------------------------------------------


def test_framework_adjacency_is_sorted_and_without_repeats() -> None:
    framework = Framework.from_attacks("abc", [("c", "a"), ("b", "a"), ("c", "a"), ("a", "a")])
    assert framework.attackers == ((0, 1, 2), (), ())
    assert framework.targets == ((0,), (0,), (0,))
    assert framework.attack_count == 3
    assert list(framework.attacks) == [("a", "a"), ("b", "a"), ("c", "a")]
    assert framework == Framework.from_attacks("abc", [("a", "a"), ("b", "a"), ("c", "a")])
    assert framework.index("c") == 2
    assert "c" in framework
    assert "z" not in framework


def test_framework_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown 'z'"):
        Framework.from_attacks("ab", [("a", "z")])
    with pytest.raises(ValueError, match="'a' is named twice"):
        Framework.from_attacks("aba", [])
    with pytest.raises(ValueError, match="between 0 and 1"):
        Framework.from_indices(["a", "b"], [0], [2])
    with pytest.raises(ValueError, match="differ in length"):
        Framework.from_indices(["a", "b"], [0], [])
    with pytest.raises(ValueError, match="between 0 and 0"):
        Framework(("a",), (0,), (1,))


def test_framework_equality_is_the_attack_relation_not_its_spelling() -> None:
    written = Framework.from_indices("abc", [1, 0, 1, 0], [2, 1, 2, 0])
    tidy = Framework.from_attacks("abc", [("a", "a"), ("a", "b"), ("b", "c")])
    assert written == tidy
    assert hash(written) == hash(tidy)
    assert written.attack_count == 3
    assert written.attackers == ((0,), (0,), (1,))
    assert written.targets == ((0, 1), (2,), ())
    assert written != Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
    assert written != Framework.from_attacks("acb", [("a", "a"), ("a", "b"), ("b", "c")])


def test_grounded_counts_a_repeated_attack_once() -> None:
    # c is attacked twice by b (which a defeats): both attacks must be lifted for c to be IN.
    framework = Framework.from_indices("abcd", [0, 1, 1, 3], [1, 2, 2, 3])
    assert grounded(framework).labels == (IN, OUT, IN, UNDEC)
    assert grounded(framework) == grounded(Framework.from_attacks("abcd", framework.attacks))


def test_labelling_lookup() -> None:
    labelling = grounded(af("abc", "ab bc"))
    assert labelling.label("b") is OUT
    assert labelling.arguments_labelled(IN) == ("a", "c")
    assert labelling.arguments_labelled(UNDEC) == ()


def test_grounded_on_a_long_chain_is_linear_and_iterative() -> None:
    # 200,000 arguments in one chain: recursion would overflow, repeated sweeps take minutes.
    count = 200_000
    names = [str(number) for number in range(count)]
    framework = Framework.from_indices(names, range(count - 1), range(1, count))
    start = time.perf_counter()
    labels = grounded(framework).labels
    assert time.perf_counter() - start < 5
    assert labels[0] is IN
    assert labels[-1] is (IN if count % 2 else OUT)
    assert labels.count(IN) == count // 2


# -- random frameworks against the definitions and against py_arg ------------------------------


def random_frameworks(count: int, largest: int, seed: int) -> list[Framework]:
    rng = random.Random(seed)
    frameworks = []
    for _ in range(count):
        size = rng.randint(0, largest)
        density = rng.random() * 0.5
        names = [f"a{number}" for number in range(size)]
        attacks = [(a, b) for a in names for b in names if rng.random() < density]
        frameworks.append(Framework.from_attacks(names, attacks))
    return frameworks


def by_definition(framework: Framework) -> dict[Semantics, list[tuple[str, ...]]]:
    """Every extension, straight from Dung's definitions, by trying every subset."""
    size = len(framework)
    attacks = {(framework.index(a), framework.index(b)) for a, b in framework.attacks}

    def attacked_by(chosen: set[int]) -> set[int]:
        return {target for source, target in attacks if source in chosen}

    def defends(chosen: set[int], number: int) -> bool:
        return all(source in attacked_by(chosen) for source, target in attacks if target == number)

    complete = []
    for bits in range(1 << size):
        chosen = {number for number in range(size) if bits >> number & 1}
        conflict_free = not any(s in chosen and t in chosen for s, t in attacks)
        if conflict_free and {n for n in range(size) if defends(chosen, n)} == chosen:
            complete.append(chosen)
    preferred = [c for c in complete if not any(c < other for other in complete)]
    stable = [c for c in complete if c | attacked_by(c) == set(range(size))]
    least = min(complete, key=len)

    def names(found: list[set[int]]) -> list[tuple[str, ...]]:
        return sorted(tuple(framework.arguments[n] for n in sorted(c)) for c in found)

    return {CO: names(complete), PR: names(preferred), ST: names(stable), GR: names([least])}


@pytest.mark.parametrize("seed", range(4))
def test_random_frameworks_match_the_definitions(seed: int) -> None:
    for framework in random_frameworks(150, 7, seed):
        expected = by_definition(framework)
        for semantics, found in expected.items():
            assert extensions(framework, semantics) == found, (semantics, framework)
        for argument in framework.arguments:
            check_acceptance(framework, argument, expected)


def check_acceptance(
    framework: Framework, argument: str, expected: dict[Semantics, list[tuple[str, ...]]]
) -> None:
    for semantics, found in expected.items():
        yes = credulous(framework, argument, semantics)
        assert yes.accepted == any(argument in e for e in found), (semantics, argument, framework)
        assert yes.witness is None or (yes.witness in found and argument in yes.witness)
        sure = sceptical(framework, argument, semantics)
        assert sure.accepted == all(argument in e for e in found), (semantics, argument, framework)
        assert sure.witness is None or (sure.witness in found and argument not in sure.witness)
        one = some_extension(framework, semantics)
        assert (one is None and not found) or one in found


def test_random_frameworks_agree_with_py_arg() -> None:
    pytest.importorskip("py_arg")
    from py_arg.abstract_argumentation_classes.abstract_argumentation_framework import (
        AbstractArgumentationFramework,
    )
    from py_arg.abstract_argumentation_classes.argument import Argument
    from py_arg.abstract_argumentation_classes.defeat import Defeat
    from py_arg.algorithms.semantics.get_grounded_extension import get_grounded_extension
    from py_arg.algorithms.semantics.get_preferred_extensions import get_preferred_extensions
    from py_arg.algorithms.semantics.get_stable_extensions import get_stable_extensions

    def names(found: Sequence[object], order: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(sorted((str(argument) for argument in found), key=order.index))

    for framework in random_frameworks(400, 7, seed=2026):
        arguments = {name: Argument(name) for name in framework.arguments}
        defeats = [Defeat(arguments[a], arguments[b]) for a, b in framework.attacks]
        theirs = AbstractArgumentationFramework("random", list(arguments.values()), defeats)
        order = framework.arguments
        assert grounded(framework).extension == names(list(get_grounded_extension(theirs)), order)
        for semantics, compute in ((PR, get_preferred_extensions), (ST, get_stable_extensions)):
            expected = sorted(names(list(extension), order) for extension in compute(theirs))
            assert extensions(framework, semantics) == expected, (semantics, framework)


def test_semantics_relate_as_dung_proved() -> None:
    # Properties from Dung (1995): grounded is the least complete extension, preferred are
    # the maximal complete ones, stable ones are preferred.
    for framework in random_frameworks(200, 8, seed=7):
        complete = [set(e) for e in extensions(framework, CO)]
        preferred = [set(e) for e in extensions(framework, PR)]
        stable = extensions(framework, ST)
        least = set(grounded(framework).extension)
        assert least in complete
        assert all(least <= c for c in complete)
        assert all(not any(p < c for c in complete) for p in preferred)
        assert all(set(s) in preferred for s in stable)
        assert all(any(c <= p for p in preferred) for c in complete)
        assert preferred


# -- numbered frameworks (ICCMA 2023 names, issue 14) ----------------------------------------------


def test_a_numbered_framework_equals_one_built_from_its_names() -> None:
    import pickle

    numbered = Framework.numbered(4, [0, 1], [1, 2])
    named = Framework.from_indices(["1", "2", "3", "4"], [0, 1], [1, 2])
    assert numbered == named
    assert hash(numbered) == hash(named)
    assert numbered.arguments == ("1", "2", "3", "4")
    assert grounded(numbered).extension == ("1", "3", "4")
    assert pickle.loads(pickle.dumps(numbered)) == numbered
    assert Framework.numbered(0, [], []).arguments == ()
    with pytest.raises(ValueError, match="between 0 and 3"):
        Framework.numbered(4, [0], [4])


def test_a_numbered_framework_finds_names_without_an_index() -> None:
    framework = Framework.numbered(12, [], [])
    assert [framework.index(name) for name in ("1", "9", "10", "12")] == [0, 8, 9, 11]
    assert grounded(framework).label("12") is IN
    for absent in ("0", "01", "13", "100", "", " 1", "1 ", "-1", "\N{SUPERSCRIPT TWO}", "9" * 5000):
        assert absent not in framework
        with pytest.raises(KeyError):
            framework.index(absent)
    assert 1 not in framework
    assert None not in framework


def test_grounded_memory_follows_the_attacks() -> None:
    import tracemalloc

    count = 200_000
    framework = Framework.from_indices([str(n) for n in range(count)], [0, 1], [1, 2])
    tracemalloc.start()
    try:
        extension = grounded(framework).extension
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(extension) == count - 1
    # One label and one name per argument in the answer; a list per argument, attacked or
    # not, took 190 bytes per argument.
    assert peak / count < 60, f"{peak / count:.0f} bytes per argument"
