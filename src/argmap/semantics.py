"""Acceptability of arguments in abstract argumentation frameworks.

A Dung argumentation framework is a set of arguments and an attack relation between them
(Dung, P. M. 1995, "On the acceptability of arguments and its fundamental role in nonmonotonic
reasoning, logic programming and n-person games", *Artificial Intelligence* 77(2):321-357).
This module computes Dung's complete, grounded, preferred and stable semantics in their
labelling form (Caminada, M. 2006, "On the issue of reinstatement in argumentation", JELIA 2006,
LNAI 4160:111-123; Modgil, S. and Caminada, M. 2009, "Proof theories and algorithms for abstract
argumentation frameworks", in Rahwan and Simari (eds.), *Argumentation in Artificial
Intelligence*, Springer):
an argument is IN when all its attackers are OUT, OUT when some attacker is IN, and UNDEC
otherwise.

* :func:`grounded` takes time linear in arguments plus attacks and handles millions of attacks.
* :func:`extensions`, :func:`some_extension`, :func:`credulous` and :func:`sceptical` answer
  exactly for every semantics, but reasoning under complete, preferred and stable semantics
  is NP- or coNP-hard (preferred scepticism is Pi2-complete), so beyond the grounded part
  they are for small frameworks: a few hundred arguments whose grounded labelling leaves them
  UNDEC, fewer when attacks are dense; see :func:`extensions` for measured sizes.
* :func:`time_limit` bounds them: inside it, a question not answered in time raises
  :class:`TimeLimitExceeded`.

Conventions follow the International Competition on Computational Models of Argumentation
(ICCMA 2023): when a framework has no stable extension, no argument is credulously accepted
under stable semantics and every argument is sceptically accepted (vacuously), and there is no
extension to give as a witness.

>>> af = Framework.from_attacks("abc", [("a", "b"), ("b", "c")])
>>> grounded(af).extension
('a', 'c')
>>> sceptical(af, "c", Semantics.PREFERRED).accepted
True
"""

from __future__ import annotations

import bisect
import enum
import functools
import itertools
import operator
from array import array
from collections import defaultdict
from collections.abc import Generator, Iterable, Iterator, Mapping, Sequence
from types import MappingProxyType

import attrs

from argmap import _deadline
from argmap._deadline import TimeLimitExceeded, time_limit
from argmap._gc import collector_paused
from argmap._label import Label

__all__ = [
    "SAT_THRESHOLD",
    "Acceptance",
    "Framework",
    "Justification",
    "Label",
    "Labelling",
    "Method",
    "Semantics",
    "TimeLimitExceeded",
    "credulous",
    "extensions",
    "grounded",
    "justification",
    "sceptical",
    "some_extension",
    "time_limit",
]

# Internal argument states. In the grounded labelling: UNDEC, IN, OUT. In the search: an
# argument is UNSET, IN, or NOTIN (OUT or UNDEC, decided by its attackers).
_UNDEC = 0
_UNSET = 0
_IN = 1
_OUT = 2
_NOTIN = 2
# What the search's choice of a next argument can say instead.
_SOLVED = -1
_STUCK = -2
# Decisions of the exact search between two looks at the clock under a time limit.
_STEPS_PER_CLOCK = 256


_LABELS = (Label.UNDEC, Label.IN, Label.OUT)


class Semantics(enum.Enum):
    """Dung's semantics, by their ICCMA abbreviations."""

    COMPLETE = "CO"
    GROUNDED = "GR"
    PREFERRED = "PR"
    STABLE = "ST"


@attrs.frozen(eq=False)
class Framework:
    """A Dung argumentation framework: named arguments and who attacks whom.

    Arguments are numbered by their position in :attr:`arguments`. The attacks are kept as
    given, as two parallel sequences of argument numbers: attack ``k`` goes from
    ``sources[k]`` to ``destinations[k]``. Reading a million-attack file therefore costs no
    more than reading its numbers; the per-argument views :attr:`attackers` and
    :attr:`targets` (sorted, without repeats) are built on first use and kept. The grounded
    labelling does not need them: it works from the attacks as given, repeats and all.
    Two frameworks are equal when they have the same arguments in the same order and the
    same attack relation, however it was written. Build frameworks with :meth:`from_attacks`
    or :meth:`from_indices`, which check the numbers.

    Attributes:
        arguments: The argument names, in input order.
        sources: For each attack, the number of the attacking argument.
        destinations: For each attack, the number of the attacked argument.
        attackers: For argument ``i``, the sorted numbers of the arguments attacking it
            (built on first use).
        targets: For argument ``i``, the sorted numbers of the arguments it attacks (built
            on first use).
    """

    arguments: tuple[str, ...]
    sources: Sequence[int] = attrs.field(repr=False)
    destinations: Sequence[int] = attrs.field(repr=False)

    def __attrs_post_init__(self) -> None:
        """Check that the attacks are well formed.

        Raises:
            ValueError: when the sequences differ in length or a number is out of range.
        """
        count = len(self.arguments)
        if len(self.sources) != len(self.destinations):
            raise ValueError("sources and destinations differ in length")
        ends = (self.sources, self.destinations)
        if self.sources and (min(map(min, ends)) < 0 or max(map(max, ends)) >= count):
            raise ValueError(f"attack endpoints must be between 0 and {count - 1}")
        if not isinstance(self.arguments, _Numbers) and len(self._index) != count:
            raise ValueError(f"argument {_first_repeat(self.arguments)!r} is named twice")

    @classmethod
    def from_attacks(
        cls, arguments: Iterable[str], attacks: Iterable[tuple[str, str]]
    ) -> Framework:
        """Build a framework from argument names and (attacker, target) name pairs.

        Repeated attacks count once; self-attacks are allowed.

        Args:
            arguments: The argument names, in the order to keep.
            attacks: Pairs ``(attacker, target)`` of names from ``arguments``.

        Returns:
            The framework.

        Raises:
            ValueError: when an attack names an unknown argument or a name repeats.
        """
        names = tuple(arguments)
        index = {name: number for number, name in enumerate(names)}
        sources: list[int] = []
        destinations: list[int] = []
        for attacker, target in attacks:
            for name in (attacker, target):
                if name not in index:
                    raise ValueError(f"attack ({attacker}, {target}) names unknown {name!r}")
            sources.append(index[attacker])
            destinations.append(index[target])
        return cls.from_indices(names, sources, destinations)

    @classmethod
    def from_indices(
        cls, arguments: Sequence[str], sources: Sequence[int], destinations: Sequence[int]
    ) -> Framework:
        """Build a framework from names and attacks given as parallel lists of numbers.

        This is the fast path for readers of large files: attack ``k`` goes from argument
        ``sources[k]`` to argument ``destinations[k]`` (0-based positions in ``arguments``).
        The sequences are copied into tuples; nothing else is built until it is needed.

        Args:
            arguments: The argument names, in order.
            sources: The attacking argument of each attack.
            destinations: The attacked argument of each attack.

        Returns:
            The framework; repeated attacks count once.

        Raises:
            ValueError: when the lists differ in length, a number is out of range or a
                name repeats.
        """
        return cls(tuple(arguments), tuple(sources), tuple(destinations))

    @classmethod
    def numbered(cls, count: int, sources: Sequence[int], destinations: Sequence[int]) -> Framework:
        """Build a framework of arguments named ``"1"`` to ``"count"``, as ICCMA 2023 numbers them.

        This is :meth:`from_indices` with the names made here: they need no check for
        repeats, and finding an argument by name computes its number instead of keeping an
        index of every name, which matters for files declaring millions of arguments.

        Args:
            count: The number of arguments.
            sources: The attacking argument of each attack (0-based).
            destinations: The attacked argument of each attack (0-based).

        Returns:
            The framework; equal to ``from_indices([str(n) for n in range(1, count + 1)],
            sources, destinations)``.

        Raises:
            ValueError: when the lists differ in length or a number is out of range.
        """
        return cls(_Numbers(map(str, range(1, count + 1))), tuple(sources), tuple(destinations))

    @functools.cached_property
    def _index(self) -> Mapping[str, int]:
        if isinstance(self.arguments, _Numbers):
            return _NumberIndex(len(self.arguments))
        return MappingProxyType({name: number for number, name in enumerate(self.arguments)})

    @functools.cached_property
    def attackers(self) -> tuple[tuple[int, ...], ...]:
        """For argument ``i``, the sorted numbers of the arguments attacking it."""
        with collector_paused():
            return _attackers(len(self.arguments), self.sources, self.destinations)

    @functools.cached_property
    def targets(self) -> tuple[tuple[int, ...], ...]:
        """For argument ``i``, the sorted numbers of the arguments it attacks."""
        with collector_paused():
            return _transpose(self.attackers)

    def __eq__(self, other: object) -> bool:
        """Same arguments in the same order, and the same attack relation."""
        if not isinstance(other, Framework):
            return NotImplemented
        return self.arguments == other.arguments and self.targets == other.targets

    def __hash__(self) -> int:
        """A hash agreeing with equality."""
        return hash((self.arguments, self.targets))

    def __len__(self) -> int:
        """The number of arguments."""
        return len(self.arguments)

    def __contains__(self, name: object) -> bool:
        """Whether an argument has this name."""
        return name in self._index

    def index(self, name: str) -> int:
        """Return an argument's number.

        Raises:
            KeyError: when no argument has this name.
        """
        return self._index[name]

    @property
    def attack_count(self) -> int:
        """The number of attacks, repeats counted once."""
        return sum(map(len, self.targets))

    @property
    def attacks(self) -> Iterator[tuple[str, str]]:
        """Every attack as an (attacker, target) name pair, by attacker then target number."""
        names = self.arguments
        for source, destinations in enumerate(self.targets):
            for destination in destinations:
                yield names[source], names[destination]


class _Numbers(tuple[str, ...]):
    """The names ``"1"`` to ``"N"``, in order: a tuple known to hold no repeats."""

    __slots__ = ()


class _NumberIndex(Mapping[str, int]):
    """The position of each name ``"1"`` to ``"N"``, computed rather than stored."""

    __slots__ = ("_count", "_digits")

    def __init__(self, count: int) -> None:
        self._count = count
        self._digits = len(str(count))

    def __getitem__(self, name: str) -> int:
        if (
            isinstance(name, str)
            and 0 < len(name) <= self._digits
            and name.isascii()
            and name.isdigit()
            and name[0] != "0"
            and int(name) <= self._count
        ):
            return int(name) - 1
        raise KeyError(name)

    def __iter__(self) -> Iterator[str]:
        return map(str, range(1, self._count + 1))

    def __len__(self) -> int:
        return self._count


def _first_repeat(names: Iterable[str]) -> str:
    seen: set[str] = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    raise ValueError("no name repeats")


def _attackers(
    count: int, sources: Sequence[int], destinations: Sequence[int]
) -> tuple[tuple[int, ...], ...]:
    """Return each argument's attackers, sorted and without repeats.

    Lists are made only for attacked arguments; the others share the empty tuple, so that
    arguments no attack names cost one pointer each.
    """
    attackers: defaultdict[int, list[int]] = defaultdict(list)
    for source, destination in zip(sources, destinations, strict=True):
        attackers[destination].append(source)
    found = attackers.get
    return tuple([_canonical(found(number, [])) for number in range(count)])


def _transpose(attackers: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """Return each argument's targets, given each argument's attackers."""
    targets: defaultdict[int, list[int]] = defaultdict(list)
    for destination, sources in enumerate(attackers):
        for source in sources:
            targets[source].append(destination)
    # Filled in increasing order of destination: already sorted, and without repeats when the
    # attackers have none.
    found = targets.get
    return tuple([tuple(found(number, ())) for number in range(len(attackers))])


def _canonical(numbers: list[int]) -> tuple[int, ...]:
    if len(numbers) < 2:
        return tuple(numbers)
    return tuple(sorted(set(numbers)))


@attrs.frozen
class Labelling:
    """One label per argument of a framework.

    Attributes:
        framework: The framework labelled.
        labels: The label of each argument, in framework order.
    """

    framework: Framework = attrs.field(repr=False)
    labels: tuple[Label, ...]

    def label(self, argument: str) -> Label:
        """Return the label of the argument with this name.

        Raises:
            KeyError: when no argument has this name.
        """
        return self.labels[self.framework.index(argument)]

    def arguments_labelled(self, label: Label) -> tuple[str, ...]:
        """Return the names of the arguments with this label, in framework order."""
        names = self.framework.arguments
        return tuple(names[number] for number, own in enumerate(self.labels) if own is label)

    @property
    def extension(self) -> tuple[str, ...]:
        """The arguments labelled IN: the extension this labelling stands for."""
        return self.arguments_labelled(Label.IN)


@attrs.frozen
class Acceptance:
    """The answer to an acceptance question, with the extension that proves it.

    Attributes:
        accepted: Whether the argument is accepted.
        witness: For credulous acceptance, an extension containing the argument; for a
            sceptical rejection, an extension without it; otherwise None.
    """

    accepted: bool
    witness: tuple[str, ...] | None = None


def grounded(framework: Framework) -> Labelling:
    """Return the grounded labelling, in time linear in arguments plus attacks.

    Unattacked arguments are IN; whatever they attack is OUT; an argument all of whose
    attackers are OUT becomes IN in turn; what is left is UNDEC. This is the least fixed point
    of Dung's (1995) characteristic function, in the labelling form of Modgil and Caminada
    (2009), whose algorithm relabels in rounds; here it is incremental instead: a queue of
    arguments whose attackers are all OUT and, per argument, a counter of attackers not yet
    OUT. Every attack is looked at three times at most (once to index it by attacker, at most
    twice by the queue), with no recursion and no repeated sweep: a million random attacks
    among 400,000 arguments take about 1.4 s on a small machine, two thirds of it indexing the
    attacks. A self-attacking argument is never IN; it is OUT when something IN attacks it.

    Args:
        framework: The framework.

    Returns:
        The grounded labelling; its IN arguments form the grounded extension.
    """
    codes = _grounded_codes(framework)
    return Labelling(framework, tuple(map(_LABELS.__getitem__, codes)))


def _grounded_codes(framework: Framework) -> bytearray:
    """Label every argument 0 (UNDEC), 1 (IN) or 2 (OUT) by the grounded semantics.

    Works from the attacks as given: a repeated attack adds one to its target's count of
    attackers not yet OUT and one entry to its attacker's targets, so it is also taken off
    once per repeat, and the labels come out as with the repeats removed.
    """
    count = len(framework.arguments)
    with collector_paused():
        # Lists only for arguments that attack: memory follows the attacks, not the count.
        by_attacker: defaultdict[int, list[int]] = defaultdict(list)
        pending = [0] * count
        for source, destination in zip(framework.sources, framework.destinations, strict=True):
            by_attacker[source].append(destination)
            pending[destination] += 1
    targets = by_attacker.get
    codes = bytearray(count)
    # Machine integers, not a list of int objects: millions of unattacked arguments start here.
    queue = array("q", itertools.compress(range(count), map(operator.not_, pending)))
    # The queue only grows while it is read: each argument enters it once, when its last
    # attacker turns OUT, and an argument with an IN attacker never gets there.
    for accepted in queue:
        codes[accepted] = _IN
        for defeated in targets(accepted, ()):
            if codes[defeated] == _UNDEC:
                codes[defeated] = _OUT
                for freed in targets(defeated, ()):
                    pending[freed] -= 1
                    if pending[freed] == 0:
                        queue.append(freed)
    return codes


class Method(enum.Enum):
    """How :func:`extensions`, :func:`some_extension`, :func:`credulous` and :func:`sceptical` work.

    Whichever is used, the answers are the same; only the witness extension given may differ
    when several would do.
    """

    #: The SAT solver when python-sat is installed and the grounded labelling leaves at least
    #: :data:`SAT_THRESHOLD` arguments UNDEC; the exact search otherwise.
    AUTO = "auto"
    #: The exact search in pure Python, whatever the size.
    SEARCH = "search"
    #: The SAT solver (:mod:`argmap.semantics_sat`), whatever the size; needs python-sat.
    SAT = "sat"


#: UNDEC arguments from which :attr:`Method.AUTO` hands a question to the SAT solver. Below
#: it the exact search answers within milliseconds, about what loading PySAT and starting a
#: solver cost.
SAT_THRESHOLD = 40


def extensions(
    framework: Framework, semantics: Semantics, *, method: Method = Method.AUTO
) -> list[tuple[str, ...]]:
    """Return every extension, each in framework order, the list sorted by argument numbers.

    How: the grounded labelling comes first, since its IN arguments are in every complete
    extension and its OUT arguments in none (Dung 1995, theorem 25); only its UNDEC arguments
    are searched. On large UNDEC parts, with python-sat installed, a SAT solver enumerates
    them (:mod:`argmap.semantics_sat`: stable and complete extensions each excluded by a
    clause once found, preferred ones as PrefSAT finds them). Otherwise they are split into
    independent parts (weakly connected components) ordered by strongly connected component,
    each searched by a labelling-based backtracking search with propagation (after Modgil and
    Caminada 2009) that decides arguments IN or not, following Caminada's (2006) labelling
    conditions. Stable extensions are the complete labellings without UNDEC. Preferred
    extensions, the maximal admissible sets (Dung 1995, definition 7), are enumerated as in
    PrefSAT (Cerutti, Dunne, Giacomin and Vallati 2013, TAFA 2013, LNCS 8306:176-193): find an
    admissible set outside every preferred extension found so far, grow it until nothing can
    join, repeat.

    The extensions of the whole framework are the combinations of those of its parts, so their
    number can grow exponentially with the number of parts: ask :func:`credulous` or
    :func:`sceptical` when one argument is what matters.

    Sizes of the exact search, measured in pure Python (``benchmarks/bench_grounded.py
    --search``; worst of three random frameworks, one task each): the cost depends on the UNDEC
    part, which density makes large. At 2.5 attacks per argument the grounded labelling
    settles nearly everything and 100,000 arguments take under 0.1 s. At 4 attacks per
    argument 400 arguments take up to 2 s for preferred tasks and 1,500 over 20 s for stable
    ones. At 8 attacks per argument 300 take 5 s for stable and 40 s for preferred tasks. The
    SAT path answers one question on 1,500 arguments at 4 attacks per argument within 2 s, and
    on 400 at 8 within 20 s; uniformly random frameworks beyond that (from about 2,500
    arguments at 4, 500 at 8) are as hard for it as for clingo (``benchmarks/bench_semantics.py``
    and :doc:`/acceptability`).

    Args:
        framework: The framework.
        semantics: Which semantics.
        method: The exact search, the SAT solver, or (the default) whichever suits the size.

    Returns:
        The extensions. Only stable semantics can have none; the empty framework has one
        extension, the empty one, under every semantics.

    Raises:
        ModuleNotFoundError: when ``method`` is :attr:`Method.SAT` and python-sat is missing.
    """
    if semantics is Semantics.GROUNDED:
        return [grounded(framework).extension]
    codes = _grounded_codes(framework)
    base = array("q", itertools.compress(range(len(codes)), map(_IN.__eq__, codes)))
    if _uses_sat(codes, method):
        per_part = [list(_sat_extensions(framework, codes, semantics))]
    else:
        problem = _Problem(framework, codes)
        per_part = [list(problem.part_extensions(part, semantics)) for part in problem.parts]
    combined = [sorted(itertools.chain(base, *choice)) for choice in itertools.product(*per_part)]
    combined.sort()
    names = framework.arguments
    return [tuple(names[number] for number in numbers) for numbers in combined]


def some_extension(
    framework: Framework, semantics: Semantics, *, method: Method = Method.AUTO
) -> tuple[str, ...] | None:
    """Return one extension (ICCMA task SE), or None when there is none.

    For complete semantics this is the grounded extension, which is complete. Exponential in
    the worst case for preferred and stable semantics: see :func:`extensions` for sizes.

    Args:
        framework: The framework.
        semantics: Which semantics.
        method: The exact search, the SAT solver, or (the default) whichever suits the size.

    Returns:
        The extension in framework order, or None (only for stable semantics).

    Raises:
        ModuleNotFoundError: when ``method`` is :attr:`Method.SAT` and python-sat is missing.
    """
    if semantics in (Semantics.GROUNDED, Semantics.COMPLETE):
        return grounded(framework).extension
    chosen = _extension_meeting(framework, None, semantics, method)
    return None if chosen is None else _names_of(framework, chosen)


def credulous(
    framework: Framework, argument: str, semantics: Semantics, *, method: Method = Method.AUTO
) -> Acceptance:
    """Decide whether an argument is in some extension (ICCMA task DC).

    Credulous acceptance is the same under complete and preferred semantics, since every
    admissible set lies inside a preferred extension (Dung 1995, theorem 11). The witness is an
    extension of the given semantics containing the argument. Exponential in the worst case
    for complete, preferred and stable semantics: see :func:`extensions` for sizes.

    Args:
        framework: The framework.
        argument: The name of the argument asked about.
        semantics: Which semantics.
        method: The exact search, the SAT solver, or (the default) whichever suits the size.

    Returns:
        The answer, with a witness extension when the argument is accepted.

    Raises:
        KeyError: when no argument has this name.
        ModuleNotFoundError: when ``method`` is :attr:`Method.SAT` and python-sat is missing.
    """
    number = framework.index(argument)
    if semantics is Semantics.GROUNDED:
        extension = grounded(framework).extension
        accepted = argument in extension
        return Acceptance(accepted, extension if accepted else None)
    chosen = _extension_meeting(framework, (number, _IN), semantics, method)
    if chosen is None:
        return Acceptance(accepted=False)
    return Acceptance(accepted=True, witness=_names_of(framework, chosen))


def sceptical(
    framework: Framework, argument: str, semantics: Semantics, *, method: Method = Method.AUTO
) -> Acceptance:
    """Decide whether an argument is in every extension (ICCMA task DS).

    Sceptical acceptance under complete semantics is membership of the grounded extension,
    the least complete extension (Dung 1995, theorem 25). Under stable semantics a framework
    without stable extensions accepts every argument vacuously (ICCMA convention). The
    witness of a rejection is an extension of the given semantics without the argument.
    Exponential in the worst case for preferred and stable semantics: see :func:`extensions`.

    Args:
        framework: The framework.
        argument: The name of the argument asked about.
        semantics: Which semantics.
        method: The exact search, the SAT solver, or (the default) whichever suits the size.

    Returns:
        The answer, with a witness extension when the argument is rejected.

    Raises:
        KeyError: when no argument has this name.
        ModuleNotFoundError: when ``method`` is :attr:`Method.SAT` and python-sat is missing.
    """
    number = framework.index(argument)
    if semantics in (Semantics.GROUNDED, Semantics.COMPLETE):
        extension = grounded(framework).extension
        accepted = argument in extension
        return Acceptance(accepted, None if accepted else extension)
    chosen = _extension_meeting(framework, (number, _NOTIN), semantics, method)
    if chosen is None:
        return Acceptance(accepted=True)
    return Acceptance(accepted=False, witness=_names_of(framework, chosen))


@attrs.frozen
class Justification:
    """How the arguments asked about fare under one semantics, all answered together.

    Attributes:
        exists: Whether the semantics has an extension at all (only stable ones can have none;
            then every argument is vacuously sceptically accepted and none credulously).
        sceptical: The arguments in every extension.
        credulous: The arguments in some extension (the sceptical ones too, when one exists).
        left_out_by: For each argument credulously but not sceptically accepted, one
            extension without it, in framework order.
    """

    exists: bool
    sceptical: frozenset[str]
    credulous: frozenset[str]
    left_out_by: Mapping[str, tuple[str, ...]]


def justification(
    framework: Framework,
    semantics: Semantics,
    arguments: Iterable[str] | None = None,
    *,
    method: Method = Method.AUTO,
) -> Justification:
    """Decide credulous and sceptical acceptance of many arguments at once.

    The same answers as :func:`credulous` and :func:`sceptical` asked of each argument, with
    the work shared: the grounded labelling settles its IN arguments (in every complete,
    preferred and stable extension) and its OUT ones (in none); the rest are asked together.
    On the SAT path one solver answers the credulous question for all of them, and one more
    the sceptical question (:func:`argmap.semantics_sat.credulously_accepted`,
    :func:`~argmap.semantics_sat.counterexamples`): each extension it finds answers for every
    argument it holds or lacks. The exact search asks argument by argument, skipping those an
    extension already found has answered.

    Args:
        framework: The framework.
        semantics: Which semantics.
        arguments: The arguments asked about (default: all).
        method: The exact search, the SAT solver, or (the default) whichever suits the size.

    Raises:
        KeyError: when no argument has one of these names.
        ModuleNotFoundError: when ``method`` is :attr:`Method.SAT` and python-sat is missing.
    """
    names = list(dict.fromkeys(framework.arguments if arguments is None else arguments))
    numbers = [framework.index(name) for name in names]
    codes = _grounded_codes(framework)
    grounded_in = frozenset(
        n for n, number in zip(names, numbers, strict=True) if codes[number] == _IN
    )
    undecided = [number for number in numbers if codes[number] == _UNDEC]
    if semantics is Semantics.GROUNDED or (not undecided and semantics is not Semantics.STABLE):
        return Justification(
            exists=True, sceptical=grounded_in, credulous=grounded_in, left_out_by={}
        )
    if (
        semantics is Semantics.STABLE
        and some_extension(framework, semantics, method=method) is None
    ):
        return Justification(
            exists=False, sceptical=frozenset(names), credulous=frozenset(), left_out_by={}
        )
    if _uses_sat(codes, method):
        credulous_found, left_out = _sat_justification(framework, codes, undecided, semantics)
    else:
        credulous_found, left_out = _searched_justification(framework, undecided, semantics, method)
    arguments_of = framework.arguments
    sceptical_found = [n for n in undecided if n in credulous_found and n not in left_out]
    return Justification(
        exists=True,
        sceptical=grounded_in | {arguments_of[n] for n in sceptical_found},
        credulous=grounded_in | {arguments_of[n] for n in credulous_found},
        left_out_by={arguments_of[n]: extension for n, extension in left_out.items()},
    )


def _sat_justification(
    framework: Framework, codes: bytearray, undecided: list[int], semantics: Semantics
) -> tuple[set[int], dict[int, tuple[str, ...]]]:
    """:func:`justification` on the UNDEC part, by the SAT solver: (credulous, left out by)."""
    from argmap import semantics_sat as sat  # noqa: PLC0415 - the SAT path is optional

    members, attackers = _undecided(framework, codes)
    position = {number: place for place, number in enumerate(members)}
    stable = semantics is Semantics.STABLE
    local = [position[number] for number in undecided]
    accepted = sat.credulously_accepted(attackers, local, stable=stable)
    credulous_found = {members[place] for place in accepted}
    if semantics is Semantics.COMPLETE:  # the grounded extension is complete: it leaves them out
        base = tuple(itertools.compress(framework.arguments, map(_IN.__eq__, codes)))
        return credulous_found, dict.fromkeys(credulous_found, base)
    found = sat.counterexamples(attackers, sorted(accepted), stable=stable)
    extensions_seen: dict[int, tuple[str, ...]] = {}
    left_out: dict[int, tuple[str, ...]] = {}
    for place, extension in found.items():
        named = extensions_seen.get(id(extension))
        if named is None:
            chosen = bytearray(map(_IN.__eq__, codes))
            for inside in extension:
                chosen[members[inside]] = 1
            named = extensions_seen[id(extension)] = _names_of(framework, chosen)
        left_out[members[place]] = named
    return credulous_found, left_out


def _searched_justification(
    framework: Framework, undecided: list[int], semantics: Semantics, method: Method
) -> tuple[set[int], dict[int, tuple[str, ...]]]:
    """:func:`justification` argument by argument, each witness answering for the others."""
    credulous_found: set[int] = set()
    left_out: dict[int, tuple[str, ...]] = {}
    rejected: set[int] = set()
    names = framework.arguments

    def learn(extension: tuple[str, ...]) -> None:
        inside = {framework.index(name) for name in extension}
        credulous_found.update(n for n in undecided if n in inside)
        for n in undecided:
            if n not in inside:
                left_out.setdefault(n, extension)

    for number in undecided:
        if number not in credulous_found and number not in rejected:
            answer = credulous(framework, names[number], semantics, method=method)
            if not answer.accepted:
                rejected.add(number)
                continue
            learn(answer.witness or ())
        if number not in left_out:
            answer = sceptical(framework, names[number], semantics, method=method)
            if not answer.accepted:
                learn(answer.witness or ())
    for number in rejected:
        left_out.pop(number, None)
    return credulous_found, left_out


def _names_of(framework: Framework, chosen: bytearray) -> tuple[str, ...]:
    """Return the names of the arguments marked 1, in framework order."""
    return tuple(itertools.compress(framework.arguments, chosen))


def _extension_meeting(
    framework: Framework,
    condition: tuple[int, int] | None,
    semantics: Semantics,
    method: Method,
) -> bytearray | None:
    """Return an extension meeting ``(argument, IN or NOTIN)``, or any one; None if none does.

    The extension comes as one byte per argument, 1 for those in it. Preferred semantics
    settles at once an argument the grounded labelling puts IN (in every preferred
    extension) or OUT (in none); stable semantics still needs some stable extension.
    """
    codes = _grounded_codes(framework)
    if condition is not None and codes[condition[0]] != _UNDEC:
        if (codes[condition[0]] == _IN) != (condition[1] == _IN):
            return None  # fixed the other way by the grounded labelling
        if semantics is Semantics.PREFERRED and condition[1] == _IN:
            condition = None  # any preferred extension contains it: find one
    if _uses_sat(codes, method):
        return _sat_extension(framework, codes, condition, semantics)
    return _Problem(framework, codes).complete_with(condition, semantics)


# -- the SAT path (argmap.semantics_sat, imported only when used) -------------------------------


@functools.cache
def _sat_installed() -> bool:
    from argmap import semantics_sat  # noqa: PLC0415 - the SAT path is optional

    return semantics_sat.available()


def _uses_sat(codes: bytearray, method: Method) -> bool:
    """Whether to ask the SAT solver, given the grounded labels."""
    if method is not Method.AUTO:
        return method is Method.SAT
    return codes.count(_UNDEC) >= SAT_THRESHOLD and _sat_installed()


def _undecided(framework: Framework, codes: bytearray) -> tuple[list[int], list[list[int]]]:
    """Return the UNDEC arguments, and their UNDEC attackers numbered by position among them.

    An UNDEC argument has no IN attacker, and its OUT attackers are OUT in every complete
    labelling, so the complete labellings of the whole framework are the grounded labels
    with those of this part (and so are its preferred and stable ones).
    """
    members = list(itertools.compress(range(len(codes)), map(_UNDEC.__eq__, codes)))
    local = {number: position for position, number in enumerate(members)}
    found = local.get
    every = framework.attackers
    attackers = [
        [position for a in every[number] if (position := found(a, -1)) >= 0] for number in members
    ]
    return members, attackers


def _sat_extension(
    framework: Framework,
    codes: bytearray,
    condition: tuple[int, int] | None,
    semantics: Semantics,
) -> bytearray | None:
    """:meth:`_Problem.complete_with` by the SAT solver, on the UNDEC part as a whole."""
    from argmap import semantics_sat as sat  # noqa: PLC0415 - the SAT path is optional

    members, attackers = _undecided(framework, codes)
    local: list[int] | None
    if condition is None or codes[condition[0]] != _UNDEC:
        if semantics is Semantics.STABLE:
            local = sat.some_stable(attackers)
        elif semantics is Semantics.PREFERRED:
            local = sat.some_preferred(attackers)
        else:
            local = []  # the grounded extension, empty on the UNDEC arguments
    else:
        position = bisect.bisect_left(members, condition[0])
        inside = condition[1] == _IN
        if semantics is Semantics.STABLE:
            local = sat.stable_with(attackers, position, inside)
        elif semantics is Semantics.PREFERRED:
            if inside:
                local = sat.preferred_with(attackers, position)
            else:
                local = sat.preferred_without(attackers, position)
        else:  # complete: only credulous questions get here
            local = sat.complete_with(attackers, position)
    if local is None:
        return None
    chosen = bytearray(map(_IN.__eq__, codes))
    for position in local:
        chosen[members[position]] = 1
    return chosen


def _sat_extensions(
    framework: Framework, codes: bytearray, semantics: Semantics
) -> Iterator[list[int]]:
    """Yield the UNDEC part of every extension (global numbers), by the SAT solver."""
    from argmap import semantics_sat as sat  # noqa: PLC0415 - the SAT path is optional

    members, attackers = _undecided(framework, codes)
    enumerate_all = {
        Semantics.STABLE: sat.all_stable,
        Semantics.PREFERRED: sat.all_preferred,
        Semantics.COMPLETE: sat.all_complete,
    }[semantics]
    for local in enumerate_all(attackers):
        yield [members[position] for position in local]


@attrs.frozen
class _Part:
    """A sub-framework searched on its own: global numbers and local adjacency."""

    members: tuple[int, ...]
    attackers: tuple[tuple[int, ...], ...]
    targets: tuple[tuple[int, ...], ...]
    local: Mapping[int, int]

    @classmethod
    def build(cls, framework: Framework, members: Sequence[int]) -> _Part:
        """Restrict the framework to ``members``, numbering them 0.. in the order given."""
        local = {number: position for position, number in enumerate(members)}
        attackers = tuple(
            tuple(local[a] for a in framework.attackers[number] if a in local) for number in members
        )
        targets = tuple(
            tuple(local[t] for t in framework.targets[number] if t in local) for number in members
        )
        return cls(tuple(members), attackers, targets, local)


class _Problem:
    """A framework split by its grounded labelling into fixed arguments and searchable parts."""

    def __init__(self, framework: Framework, codes: bytearray) -> None:
        """Split the UNDEC arguments of the grounded labelling ``codes`` into parts."""
        self.framework = framework
        self.codes = codes
        self.parts = [
            _Part.build(framework, _topological(framework, component))
            for component in _components(framework, self.codes)
        ]
        self.part_of = {number: part for part in self.parts for number in part.members}

    def in_mask(self) -> bytearray:
        """Return 1 for each argument IN by the grounded labelling, 0 for the others."""
        return bytearray(map(_IN.__eq__, self.codes))

    def part_extensions(self, part: _Part, semantics: Semantics) -> Iterator[list[int]]:
        """Yield the part's extensions (global numbers), complete, preferred or stable."""
        for local in _all_extensions(part, semantics):
            yield [part.members[position] for position in local]

    def complete_with(
        self, condition: tuple[int, int] | None, semantics: Semantics
    ) -> bytearray | None:
        """Return an extension of the whole framework meeting ``(argument, IN or NOTIN)``.

        Only the part holding the argument is constrained; every other part needs just some
        extension (which matters for stable semantics, where a part may have none). The
        extension comes as one byte per argument, 1 for those in it.
        """
        if (
            condition is not None
            and condition[0] not in self.part_of
            and (self.codes[condition[0]] == _IN) != (condition[1] == _IN)
        ):
            return None  # fixed the other way by the grounded labelling
        chosen = self.in_mask()
        for part in self.parts:
            if condition is not None and condition[0] in part.local:
                local = _extension_with(part, semantics, part.local[condition[0]], condition[1])
            else:
                local = _any_extension(part, semantics)
            if local is None:
                return None
            for position in local:
                chosen[part.members[position]] = 1
        return chosen


def _all_extensions(part: _Part, semantics: Semantics) -> Iterator[list[int]]:
    """Yield every complete, preferred or stable extension of the part (local numbers)."""
    if semantics is Semantics.PREFERRED:
        yield from _preferred(part)
    else:
        mode = _Mode.STABLE if semantics is Semantics.STABLE else _Mode.COMPLETE
        yield from _Search(part, mode).solutions()


def _any_extension(part: _Part, semantics: Semantics) -> list[int] | None:
    """Return one extension of the part (local numbers), or None when it has none."""
    if semantics is Semantics.STABLE:
        return _Search(part, _Mode.STABLE).first()
    if semantics is Semantics.PREFERRED:
        return _maximise(part, [])
    return []  # the grounded extension, empty on the UNDEC arguments


def _extension_with(
    part: _Part, semantics: Semantics, number: int, wanted: int
) -> list[int] | None:
    """Return an extension of the part with ``number`` IN (or NOTIN), or None."""
    if semantics is Semantics.STABLE:
        # Any stable extension first: often it settles the question, and quickly.
        search = _Search(part, _Mode.STABLE)
        probe = search.first()
        if probe is None or (number in probe) == (wanted == _IN):
            return probe
        return search.first((number, wanted))
    if wanted == _NOTIN:
        # Complete semantics never gets here: grounded membership decides it.
        return _preferred_without(part, number)
    admissible = _Search(part, _Mode.ADMISSIBLE, fixed={number: _IN}).first()
    if admissible is None:
        return None
    if semantics is Semantics.PREFERRED:
        return _maximise(part, admissible)
    closure = _Closure(part)
    closure.add(admissible)
    return sorted(closure.inside)


def _preferred_without(part: _Part, number: int) -> list[int] | None:
    """Return a preferred extension of the part without ``number``, or None if all have it."""
    if _Search(part, _Mode.ADMISSIBLE, fixed={number: _IN}).first() is None:
        return _maximise(part, [])  # in no admissible set, so in no preferred extension
    attacking = _Search(part, _Mode.ADMISSIBLE, clauses=[part.attackers[number]]).first()
    if attacking is not None:
        return _maximise(part, attacking)  # grows into one that still attacks it
    return next((found for found in _preferred(part, number) if number not in found), None)


def _preferred(part: _Part, excluded: int | None = None) -> Iterator[list[int]]:
    """Yield the part's preferred extensions (local numbers), each once.

    The scheme of PrefSAT (Cerutti, Dunne, Giacomin and Vallati 2013, "Computing preferred
    extensions in abstract argumentation: a SAT-based approach", TAFA 2013, LNCS 8306:176-193)
    with an admissible-set search in place of a SAT solver: find an admissible set not inside
    any preferred extension found so far, grow it into a maximal one (every admissible set lies
    in a preferred extension, Dung 1995, theorem 11), and go on. With ``excluded`` set, rounds
    start only from admissible sets without that argument, so that every preferred extension
    without it is yielded (with others, which the caller skips).
    """
    fixed = {} if excluded is None else {excluded: _NOTIN}
    starts = _Search(part, _Mode.ADMISSIBLE, fixed=fixed)
    everything = range(len(part.members))
    while (start := starts.first()) is not None:
        extension = _maximise(part, start)
        yield extension
        starts.require(_outside(extension, everything))


def _maximise(part: _Part, admissible: list[int]) -> list[int]:
    """Grow an admissible set into a preferred extension containing it.

    Each round fixes the set and what it defends IN (:class:`_Closure`), then looks for an
    admissible set with at least one more argument IN; none means the set is maximal.
    """
    search = _Search(part, _Mode.GROW)
    closure = _Closure(part)
    larger: list[int] | None = admissible
    while larger is not None:
        search.fix((joined, _IN) for joined in closure.add(larger))
        larger = search.first()
    return sorted(closure.inside)


class _Closure:
    """The least complete extension containing the admissible sets added so far.

    Dung's characteristic function iterated from an admissible set (which keeps it admissible:
    Dung 1995, lemma 10), computed like the grounded labelling: an argument joins when its
    last attacker that is not OUT turns OUT. Adding is incremental.
    """

    def __init__(self, part: _Part) -> None:
        """Start from the empty set."""
        self.targets = part.targets
        self.pending = [len(attackers) for attackers in part.attackers]
        self.codes = bytearray(len(self.pending))
        self.inside: list[int] = []

    def add(self, admissible: Iterable[int]) -> list[int]:
        """Add a set admissible together with the current one; return the arguments that joined."""
        codes = self.codes
        pending = self.pending
        queue = [number for number in admissible if codes[number] != _IN]
        for number in queue:
            codes[number] = _IN
        for accepted in queue:
            for defeated in self.targets[accepted]:
                if codes[defeated] == _UNDEC:
                    codes[defeated] = _OUT
                    for freed in self.targets[defeated]:
                        pending[freed] -= 1
                        if pending[freed] == 0 and codes[freed] == _UNDEC:
                            codes[freed] = _IN
                            queue.append(freed)
        self.inside += queue
        return queue


def _outside(extension: list[int], everything: range) -> list[int]:
    inside = set(extension)
    return [number for number in everything if number not in inside]


def _components(framework: Framework, codes: bytearray) -> list[list[int]]:
    """Group the UNDEC arguments into weakly connected components, by smallest member."""
    seen = bytearray(len(codes))
    components: list[list[int]] = []
    for start, code in enumerate(codes):
        if code != _UNDEC or seen[start]:
            continue
        seen[start] = 1
        component = [start]
        for number in component:
            for other in itertools.chain(framework.attackers[number], framework.targets[number]):
                if codes[other] == _UNDEC and not seen[other]:
                    seen[other] = 1
                    component.append(other)
        components.append(sorted(component))
    return components


def _topological(framework: Framework, members: list[int]) -> list[int]:
    """Order members by strongly connected component, attacking components first.

    Tarjan's algorithm, iterative; it finishes components in reverse topological order.
    """
    inside = set(members)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    finished: list[list[int]] = []
    for root in members:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(framework.targets[root]))]
        while work:
            node, children = work[-1]
            child = next((c for c in children if c in inside), None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(framework.targets[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component: list[int] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                finished.append(sorted(component))
    return [member for component in reversed(finished) for member in component]


class _Mode(enum.Enum):
    """What the search looks for."""

    #: An admissible set: IN arguments defended, the rest left out.
    ADMISSIBLE = enum.auto()
    #: An admissible set with one argument IN at least besides those fixed IN.
    GROW = enum.auto()
    #: Every complete labelling.
    COMPLETE = enum.auto()
    #: Every stable labelling.
    STABLE = enum.auto()


class _Search:
    """Labelling-based backtracking search over a part, with propagation.

    Each argument is decided IN or NOTIN (OUT or UNDEC, as its attackers make it), following
    the labelling conditions of Caminada (2006) and the search of Modgil and Caminada (2009).
    Counters keep every check local:

    * ``in_count[x]``: attackers of x that are IN (x is OUT exactly when this is positive);
    * ``open_count[x]``: attackers of x not NOTIN (the ones that could still make x OUT);
    * ``alive_count[x]``: attackers of x with no IN attacker (the ones that could stay not OUT);
    * ``must_out[x]``: IN arguments that x attacks (then x must end OUT);
    * ``requirements``: the arguments that must end OUT but have no IN attacker yet.

    In every mode IN arguments are conflict-free with all their attackers OUT (admissibility,
    Dung 1995). The complete and stable modes decide every argument, and a NOTIN argument
    needs an attacker that is not OUT (it is not defended), or, for stable, an IN attacker.
    The admissible mode stops as soon as every requirement is met and leaves the rest out, so
    it only ever visits what attacks the arguments it puts IN. Clauses are sets of which at
    least one member must be IN. A requirement left with one way out forces it
    (propagation); one left with none fails the branch.

    Assignments fixed with :meth:`fix` and clauses added with :meth:`require` stay for every
    later search on the same object, which is how preferred extensions are grown and
    enumerated without starting again.
    """

    def __init__(
        self,
        part: _Part,
        mode: _Mode,
        *,
        fixed: Mapping[int, int] | None = None,
        clauses: Iterable[Iterable[int]] = (),
    ) -> None:
        """Set up counters, the assignments forced from the start and the clauses."""
        size = len(part.members)
        self.attackers = part.attackers
        self.targets = part.targets
        self.mode = mode
        self.stable = mode is _Mode.STABLE
        self.complete = mode in (_Mode.COMPLETE, _Mode.STABLE)
        self.in_total = 0  # arguments IN
        self.in_fixed = 0  # arguments fixed IN
        self.value = [_UNSET] * size
        self.in_count = [0] * size
        self.open_count = [len(attackers) for attackers in part.attackers]
        self.alive_count = list(self.open_count)
        self.must_out = [0] * size
        self.requirements: set[int] = set()
        self.clauses: list[tuple[int, ...]] = []
        self.clause_open: list[int] = []
        self.clause_in: list[int] = []
        self.clauses_of: list[list[int]] = [[] for _ in range(size)]
        self.trail: list[int] = []
        self.root = 0
        self.consistent = True
        forced = [
            (number, _NOTIN)
            for number, attackers in enumerate(part.attackers)
            if number in attackers
        ]
        if self.complete:
            forced += [
                (number, _IN) for number, attackers in enumerate(part.attackers) if not attackers
            ]
        self.fix([*forced, *(fixed or {}).items()])
        for clause in clauses:
            self.require(clause)

    def fix(self, assignments: Iterable[tuple[int, int]]) -> None:
        """Make assignments (argument, IN or NOTIN) for good, with what follows from them."""
        self.consistent = self.consistent and self._propagate(list(assignments))
        self.root = len(self.trail)
        self.in_fixed = self.in_total

    def require(self, members: Iterable[int]) -> None:
        """Add the clause "one of ``members`` at least is IN" for good."""
        clause = tuple(members)
        number = len(self.clauses)
        self.clauses.append(clause)
        self.clause_open.append(sum(1 for m in clause if self.value[m] != _NOTIN))
        self.clause_in.append(sum(1 for m in clause if self.value[m] == _IN))
        for member in clause:
            self.clauses_of[member].append(number)
        if self.clause_open[number] == 0:
            self.consistent = False

    def first(self, *assumptions: tuple[int, int]) -> list[int] | None:
        """Return the IN arguments of the first solution found, or None when there is none.

        Args:
            *assumptions: Assignments (argument, IN or NOTIN) for this search only.
        """
        found = self.solutions(assumptions)
        try:
            return next(found, None)
        finally:
            found.close()

    def solutions(
        self, assumptions: Iterable[tuple[int, int]] = ()
    ) -> Generator[list[int], None, None]:
        """Yield the IN arguments of every solution, each once (admissible mode: some).

        Args:
            assumptions: Assignments (argument, IN or NOTIN) for this search only.
        """
        if not self.consistent:
            return
        # Each frame: (trail length before the decision, argument, NOTIN still to try).
        frames: list[tuple[int, int, bool]] = []
        limited = _deadline.limited()
        steps = 0
        try:
            if not self._propagate(list(assumptions)):
                return
            while True:
                steps += 1
                if limited and not steps % _STEPS_PER_CLOCK:
                    _deadline.check()
                chosen = self._choose()
                if chosen == _SOLVED:
                    yield [number for number, value in enumerate(self.value) if value == _IN]
                    ok = False
                elif chosen == _STUCK:
                    ok = False
                else:
                    frames.append((len(self.trail), chosen, True))
                    ok = self._propagate([(chosen, _IN)])
                while not ok:
                    if not frames:
                        return
                    mark, chosen, untried = frames.pop()
                    self._undo(mark)
                    if untried:
                        frames.append((mark, chosen, False))
                        ok = self._propagate([(chosen, _NOTIN)])
        finally:
            self._undo(self.root)

    def _choose(self) -> int:
        """Pick the next argument to decide (tried IN first), or say the branch is done.

        Fail first: the tightest open requirement "one of these must be IN" (the attackers of
        an argument that must end OUT, or a clause) gives the undecided member that attacks the
        most undecided arguments (among its first few). Without one, the admissible mode has a
        solution, and so has the grow mode once something new is IN (before, any undecided
        argument is a candidate); the stable mode takes the undecided argument with the fewest
        possible attackers, the complete mode the first undecided one in the part's order.

        Returns:
            An undecided argument, :data:`_SOLVED` or :data:`_STUCK` (no way on).
        """
        value = self.value
        open_count = self.open_count
        candidates: Sequence[int] = ()
        best_size = len(value) + 1
        if self.requirements:
            best = min(self.requirements, key=lambda number: (open_count[number], number))
            candidates, best_size = self.attackers[best], open_count[best]
        for clause, size in enumerate(self.clause_open):
            if size < best_size and not self.clause_in[clause]:
                candidates, best_size = self.clauses[clause], size
        if not candidates and self.mode is _Mode.GROW and self.in_total == self.in_fixed:
            candidates = range(len(value))
        undecided = list(itertools.islice((m for m in candidates if value[m] == _UNSET), 16))
        if undecided:
            return max(undecided, key=self._reach)
        if candidates:
            return _STUCK
        if not self.complete:
            return _SOLVED
        undecided = [number for number, own in enumerate(value) if own == _UNSET]
        if not undecided:
            return _SOLVED
        if self.stable:
            return min(undecided, key=open_count.__getitem__)
        return undecided[0]

    def _reach(self, number: int) -> int:
        """How many undecided arguments ``number`` attacks."""
        value = self.value
        return sum(1 for target in self.targets[number] if value[target] == _UNSET)

    def _propagate(self, pending: list[tuple[int, int]]) -> bool:
        value = self.value
        while pending:
            number, wanted = pending.pop()
            current = value[number]
            if current == wanted:
                continue
            if current != _UNSET:
                return False
            value[number] = wanted
            self.trail.append(number)
            if wanted == _IN:
                ok = self._set_in(number, pending)
            else:
                ok = self._set_notin(number, pending)
            if not ok:
                return False
        return True

    def _set_in(self, number: int, pending: list[tuple[int, int]]) -> bool:
        """Record that ``number`` is IN; queue what follows; False on a contradiction."""
        ok = True
        self.in_total += 1
        for clause in self.clauses_of[number]:
            self.clause_in[clause] += 1
        for attacker in self.attackers[number]:
            self.must_out[attacker] += 1
            pending.append((attacker, _NOTIN))
            if self.in_count[attacker] == 0:
                self.requirements.add(attacker)
                ok = self._needs_out(attacker, pending) and ok
        for target in self.targets[number]:
            pending.append((target, _NOTIN))
            self.in_count[target] += 1
            if self.in_count[target] == 1:
                self.requirements.discard(target)
                if self.complete:
                    ok = self._no_longer_alive(target, pending) and ok
        return ok

    def _no_longer_alive(self, defeated: int, pending: list[tuple[int, int]]) -> bool:
        """``defeated`` just turned OUT: the arguments it attacks lose a possible defence."""
        value = self.value
        alive = self.alive_count
        ok = True
        for further in self.targets[defeated]:
            alive[further] -= 1
            if alive[further] == 0:
                if value[further] == _NOTIN:
                    ok = False  # now defended, so a complete labelling has it IN
                elif value[further] == _UNSET:
                    pending.append((further, _IN))
            elif alive[further] == 1 and value[further] == _NOTIN:
                self._keep_one_alive(further, pending)
        return ok

    def _set_notin(self, number: int, pending: list[tuple[int, int]]) -> bool:
        """Record that ``number`` is not IN; queue what follows; False on a contradiction."""
        ok = True
        value = self.value
        if self.stable and self.in_count[number] == 0:
            self.requirements.add(number)
        for target in self.targets[number]:
            self.open_count[target] -= 1
            if target in self.requirements:
                ok = self._needs_out(target, pending) and ok
            elif self.stable and self.open_count[target] == 0 and value[target] == _UNSET:
                pending.append((target, _IN))  # nothing left to attack it: it must be IN
        for clause in self.clauses_of[number]:
            self.clause_open[clause] -= 1
            if self.clause_open[clause] == 0:
                ok = False
            elif self.clause_open[clause] == 1 and not self.clause_in[clause]:
                last = next(m for m in self.clauses[clause] if value[m] != _NOTIN)
                pending.append((last, _IN))
        if self.complete:
            if self.alive_count[number] == 0:
                ok = False
            elif self.alive_count[number] == 1:
                self._keep_one_alive(number, pending)
        if number in self.requirements:
            ok = self._needs_out(number, pending) and ok
        return ok

    def _needs_out(self, number: int, pending: list[tuple[int, int]]) -> bool:
        """Check that a required argument can still turn OUT; force its last possible attacker."""
        left = self.open_count[number]
        if left == 0:
            return False
        if left == 1:
            last = next(a for a in self.attackers[number] if self.value[a] != _NOTIN)
            pending.append((last, _IN))
        return True

    def _keep_one_alive(self, number: int, pending: list[tuple[int, int]]) -> None:
        """Keep the last attacker of NOTIN ``number`` that can stay not OUT from turning OUT."""
        keeper = next(a for a in self.attackers[number] if self.in_count[a] == 0)
        pending.extend((attacker, _NOTIN) for attacker in self.attackers[keeper])

    def _undo(self, mark: int) -> None:
        value = self.value
        trail = self.trail
        while len(trail) > mark:
            number = trail.pop()
            if value[number] == _IN:
                self._undo_in(number)
            else:
                for target in self.targets[number]:
                    self.open_count[target] += 1
                for clause in self.clauses_of[number]:
                    self.clause_open[clause] += 1
                if not self.must_out[number]:
                    self.requirements.discard(number)
            value[number] = _UNSET

    def _undo_in(self, number: int) -> None:
        value = self.value
        stable = self.stable
        self.in_total -= 1
        for clause in self.clauses_of[number]:
            self.clause_in[clause] -= 1
        for attacker in self.attackers[number]:
            self.must_out[attacker] -= 1
            if not self.must_out[attacker] and not (stable and value[attacker] == _NOTIN):
                self.requirements.discard(attacker)
        for target in self.targets[number]:
            self.in_count[target] -= 1
            if self.in_count[target] == 0:
                if self.must_out[target] or (stable and value[target] == _NOTIN):
                    self.requirements.add(target)
                if self.complete:
                    for further in self.targets[target]:
                        self.alive_count[further] += 1
