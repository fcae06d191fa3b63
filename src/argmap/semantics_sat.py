"""Complete, preferred and stable semantics by a SAT solver (the optional ``sat`` extra).

The encodings are those of the SAT-based ICCMA solvers. A framework is given as each
argument's attackers, numbered ``0..n-1``; every answer is a sorted list of the numbers of
the arguments IN. :mod:`argmap.semantics` calls this module on the arguments its grounded
labelling leaves UNDEC, and maps the numbers back; nothing here depends on it.

* **Stable** extensions, one variable per argument (Besnard, P. and Doutre, S. 2004, "Checking
  the acceptability of a set of arguments", NMR 2004, 59-64): no two IN arguments attack each
  other, and each argument is IN or has an IN attacker.
* **Complete** labellings, two variables per argument, IN and OUT (UNDEC is neither), as in
  PrefSAT (Cerutti, F., Dunne, P. E., Giacomin, M. and Vallati, M. 2013, "Computing preferred
  extensions in abstract argumentation: a SAT-based approach", TAFA 2013, LNCS 8306:176-193)
  and μ-toksia (Niskanen, A. and Järvisalo, M. 2020, "μ-toksia: an efficient abstract
  argumentation reasoner", KR 2020, 800-804): an argument is OUT exactly when some attacker is
  IN, and IN exactly when every attacker is OUT (Caminada's labelling conditions).
* **Admissible** sets, one variable per argument (Besnard and Doutre 2004): conflict-free,
  and every attacker of an IN argument attacked by an IN one. Credulous complete questions
  (DC-CO) are asked of it, and the set found is made complete by :func:`closure`.
* **Preferred** extensions are maximal admissible sets, reached by iterative maximisation over
  the admissible encoding, starting from the grounded extension (no SAT call): from an
  admissible set, ask for an admissible strict superset until there is none (the CEGARTIX and
  μ-toksia scheme: Dvořák, W., Järvisalo, M., Wallner, J. P. and Woltran, S. 2014,
  "Complexity-sensitive decision procedures for abstract argumentation", *Artificial
  Intelligence* 206:53-78). Credulous acceptance is the complete one (every admissible set lies
  in a preferred extension, Dung 1995, theorem 11). Sceptical acceptance looks for a
  counterexample: an admissible set without the argument that no preferred extension found
  so far contains, maximised; a preferred extension without the argument refutes it, and one
  with it is excluded by a clause, so each round finds a new preferred extension.

Every solver is told to try IN first on each argument (``set_phases``), the counterpart of
the ``domRec`` heuristic clingo uses for ASPARTIX's preferred encoding (Dvořák, Gaggl,
Rapberger, Wallner and Woltran 2020, "The ASPARTIX system suite", COMMA 2020): maximisation
then climbs in large steps. One solver is built per question and asked again under
assumptions (incremental SAT): the supersets of the maximisation are asked for under
assumptions and an activation literal that is retired afterwards, so the solver keeps what it
learnt. The solvers are CaDiCaL 1.9.5 for stable questions and 1.5.3 for the others,
through PySAT (Ignatiev, A., Morgado, A. and Marques-Silva, J. 2018, "PySAT: a Python toolkit
for prototyping with SAT oracles", SAT 2018, LNCS 10929:428-437). PySAT is imported on first
use, so importing argmap stays light.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, Self

from argmap import _deadline

if TYPE_CHECKING:  # pragma: no cover - annotations only
    from types import TracebackType

__all__ = [
    "SOLVER",
    "STABLE_SOLVER",
    "all_complete",
    "all_preferred",
    "all_stable",
    "available",
    "closure",
    "complete_with",
    "counterexamples",
    "credulously_accepted",
    "preferred_with",
    "preferred_without",
    "some_preferred",
    "some_stable",
    "stable_with",
]

#: The PySAT solver for admissible sets (preferred and complete questions): CaDiCaL 1.5.3,
#: incremental with assumptions. On random frameworks of 1,200 arguments it was the fastest of
#: CaDiCaL 1.5.3 and 1.9.5, Glucose 4 and 4.2 and MiniSat 2.2 for preferred questions.
SOLVER = "cadical153"
#: The most conflicts of one solver call. Between calls the solver resumes with what it
#: learnt, and this process looks at the clock (:func:`argmap.semantics.time_limit`) and takes
#: its signals: inside one call CaDiCaL would keep SIGTERM waiting until it had the answer.
#: About a second of CaDiCaL's work on random frameworks, so a time limit is overrun by at most
#: about that. Calls of this size cost nothing measurable (400 arguments at 8 attacks per
#: argument, stable: 6.71 s against 6.74 s in one call; preferred: 15.2 s against 19.9 s; 2,000
#: at 4, stable: 3.56 s against 4.44 s); 100,000 did no better, calls of 5,000 doubling up to
#: 50,000 cost 26%.
CONFLICTS_PER_CALL = 50_000
#: The PySAT solver for stable extensions: CaDiCaL 1.9.5. On 28 random frameworks of 300 to
#: 2,000 arguments and 3.5 to 6 attacks per argument, and on two ICCMA instances, it found
#: stable extensions 1.4 to 5 times as fast as CaDiCaL 1.5.3 (0.115 s against 0.41 s on the
#: Watts-Strogatz instance of ICCMA 2019), and proved there was none within 15% of its time.
STABLE_SOLVER = "cadical195"

Attackers = Sequence[Sequence[int]]


def available() -> bool:
    """Whether python-sat is installed (found without importing it)."""
    return importlib.util.find_spec("pysat") is not None


class _Oracle(Protocol):
    """What this module uses of a PySAT solver."""

    def add_clause(self, clause: list[int]) -> object: ...  # pragma: no cover - a protocol
    def solve_limited(self, assumptions: list[int] = ...) -> bool | None: ...  # pragma: no cover
    def conf_budget(self, budget: int) -> None: ...  # pragma: no cover
    def get_model(self) -> list[int] | None: ...  # pragma: no cover
    def delete(self) -> None: ...  # pragma: no cover


def _oracle(clauses: list[list[int]], solver: str) -> _Oracle:
    """Return a fresh solver holding these clauses.

    Raises:
        ModuleNotFoundError: when python-sat is not installed.
    """
    try:
        # Imported by name: PySAT ships no type information, and only the SAT path needs it.
        solvers = importlib.import_module("pysat.solvers")
    except ModuleNotFoundError:
        raise ModuleNotFoundError(
            "the SAT path needs python-sat: pip install 'argmap[sat]'", name="pysat"
        ) from None
    oracle: _Oracle = solvers.Solver(name=solver, bootstrap_with=clauses)
    return oracle


def _prefer(oracle: _Oracle, literals: list[int]) -> None:
    """Ask the solver to try these literals first when it decides their variables."""
    set_phases = getattr(oracle, "set_phases", None)
    if set_phases is None:  # pragma: no cover - every PySAT solver class has the method
        return
    try:
        set_phases(literals)
    except NotImplementedError:  # pragma: no cover - older PySAT without it for CaDiCaL
        return


class _Session:
    """A solver for one question, deleted when the question is answered."""

    def __init__(
        self, clauses: list[list[int]], attackers: Attackers, variables: int, solver: str
    ) -> None:
        """Load the clauses on these arguments, whose IN variables are 1..count, into ``solver``.

        The solver is asked to try IN first on every argument (its phase): on random
        frameworks this shortens the proofs that no larger admissible set exists by about a
        third, and finds stable extensions about 10% sooner, as clingo's ``domRec`` heuristic
        in ASPARTIX makes ``in`` atoms true first.
        """
        self.oracle = _oracle(clauses, solver)
        self.attackers = attackers
        self.count = len(attackers)
        _prefer(self.oracle, list(range(1, self.count + 1)))
        self.next_variable = variables + 1

    def __enter__(self) -> Self:
        """Use the session as a context manager."""
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        """Free the solver."""
        self.oracle.delete()

    def find(self, assumptions: Sequence[int] = ()) -> list[int] | None:
        """Return the IN arguments of a model under these assumptions, or None.

        Raises:
            TimeLimitExceeded: when a time limit is set and runs out first.
        """
        if not self._solve(list(assumptions)):
            return None
        model = self.oracle.get_model()
        if model is None:  # pragma: no cover - PySAT gives a model after a satisfiable call
            raise RuntimeError("the SAT solver gave no model")
        return [number for number in range(self.count) if model[number] > 0]

    def _solve(self, assumptions: list[int]) -> bool:
        """Solve in calls of a bounded number of conflicts, looking at the clock between them."""
        while True:
            _deadline.check()
            self.oracle.conf_budget(CONFLICTS_PER_CALL)
            try:
                answer = self.oracle.solve_limited(assumptions=assumptions)
            except Exception as error:
                # PySAT stops the solver on Ctrl-C with an error of its own: make it the
                # KeyboardInterrupt it is, which the command line reports as an interrupt.
                if str(error) == "Caught keyboard interrupt":
                    raise KeyboardInterrupt from None
                raise
            if answer is not None:
                return answer

    def exclude(self, clause: list[int]) -> None:
        """Add a clause for good."""
        self.oracle.add_clause(clause)

    def fresh(self) -> int:
        """Return a variable no clause uses yet."""
        variable = self.next_variable
        self.next_variable += 1
        return variable

    def maximise(self, extension: list[int]) -> list[int]:
        """Grow an admissible set into a preferred one containing it.

        Each round asks for an admissible set with every argument of the current one IN
        and one more at least; the clause asking for one more is switched on by a fresh
        activation literal, assumed for that call only and then switched off for good. Each
        set found is first grown by :func:`closure`, without the solver.
        """
        extension = closure(self.attackers, extension)
        while len(extension) < self.count:
            inside = set(extension)
            activation = self.fresh()
            self.exclude([-activation] + [n + 1 for n in range(self.count) if n not in inside])
            larger = self.find([activation, *(n + 1 for n in extension)])
            self.exclude([-activation])
            if larger is None:
                break
            extension = closure(self.attackers, larger)
        return extension


def _stable_clauses(attackers: Attackers) -> list[list[int]]:
    """Stable extensions: conflict-free, and every argument IN or attacked by one IN.

    Variable ``n + 1`` says argument ``n`` is IN.
    """
    clauses = [[-(a + 1), -(n + 1)] for n, own in enumerate(attackers) for a in own]
    clauses += [[n + 1, *(a + 1 for a in own)] for n, own in enumerate(attackers)]
    return clauses


def _admissible_clauses(attackers: Attackers) -> list[list[int]]:
    """Admissible sets, one variable per argument: variable ``n + 1`` says argument ``n`` is IN.

    For each attack of ``a`` on ``n``: not both IN, and if ``n`` is IN some attacker of ``a``
    is IN (Besnard and Doutre 2004). Preferred extensions are the maximal admissible sets
    (Dung 1995, definition 7), and an argument is in a complete extension exactly when it is
    in an admissible set, so this encoding serves preferred questions and credulous complete
    ones. On random frameworks of 400 to 1,500 arguments it proved credulous questions false
    about 1.6 times as fast as the complete encoding, and as fast as the IN/OUT admissible
    one.
    """
    clauses: list[list[int]] = []
    add = clauses.append
    for n, own in enumerate(attackers):
        for a in own:
            add([-(n + 1), -(a + 1)])
            add([-(n + 1), *(c + 1 for c in attackers[a])])
    return clauses


def closure(attackers: Attackers, admissible: Sequence[int]) -> list[int]:
    """Return the least complete extension containing an admissible set, sorted.

    The least fixed point of Dung's characteristic function above the set: what it attacks
    is OUT, and an argument all of whose attackers are OUT joins it, in time linear in the
    arguments and attacks (the grounded labelling started from the set; from the empty set
    it is the grounded extension).

    Args:
        attackers: Each argument's attackers.
        admissible: An admissible set (not checked).

    Returns:
        The arguments IN.
    """
    count = len(attackers)
    targets: list[list[int]] = [[] for _ in range(count)]
    for n, own in enumerate(attackers):
        for a in own:
            targets[a].append(n)
    pending = [len(own) for own in attackers]
    label = bytearray(count)  # 0 undecided, 1 IN, 2 OUT
    queue = [*admissible, *(n for n in range(count) if not pending[n])]
    for n in queue:
        label[n] = 1
    for accepted in queue:  # grows while it is read
        for defeated in targets[accepted]:
            if label[defeated] == 0:
                label[defeated] = 2
                for freed in targets[defeated]:
                    pending[freed] -= 1
                    if not pending[freed] and not label[freed]:
                        label[freed] = 1
                        queue.append(freed)
    return [n for n in range(count) if label[n] == 1]


def _complete_clauses(attackers: Attackers) -> list[list[int]]:
    """Complete labellings: variable ``n + 1`` says argument ``n`` is IN, ``count + n + 1`` OUT.

    For each argument: not both IN and OUT; OUT exactly when some attacker is IN; IN exactly
    when every attacker is OUT.
    """
    count = len(attackers)
    clauses: list[list[int]] = []
    add = clauses.append
    for n, own in enumerate(attackers):
        is_in, is_out = n + 1, count + n + 1
        add([-is_in, -is_out])
        add([-is_out, *(a + 1 for a in own)])
        add([is_in, *(-(count + a + 1) for a in own)])
        for a in own:
            add([-(a + 1), is_out])
            add([-is_in, count + a + 1])
    return clauses


def _stable(attackers: Attackers) -> _Session:
    return _Session(_stable_clauses(attackers), attackers, len(attackers), STABLE_SOLVER)


def _complete(attackers: Attackers) -> _Session:
    return _Session(_complete_clauses(attackers), attackers, 2 * len(attackers), SOLVER)


def _admissible(attackers: Attackers) -> _Session:
    return _Session(_admissible_clauses(attackers), attackers, len(attackers), SOLVER)


def some_stable(attackers: Attackers) -> list[int] | None:
    """Return a stable extension (ICCMA SE-ST), or None when there is none."""
    with _stable(attackers) as session:
        return session.find()


def stable_with(attackers: Attackers, number: int, inside: bool) -> list[int] | None:
    """Return a stable extension with (or without) argument ``number``, or None.

    With ``inside`` this decides credulous acceptance (DC-ST); without, a stable extension
    lacking the argument refutes sceptical acceptance (DS-ST).
    """
    with _stable(attackers) as session:
        return session.find([number + 1 if inside else -(number + 1)])


def complete_with(attackers: Attackers, number: int) -> list[int] | None:
    """Return a complete extension containing argument ``number`` (DC-CO), or None.

    Asked of the admissible encoding, whose answer :func:`closure` makes complete.
    """
    with _admissible(attackers) as session:
        found = session.find([number + 1])
    return None if found is None else closure(attackers, found)


def some_preferred(attackers: Attackers) -> list[int]:
    """Return a preferred extension (SE-PR); every framework has one."""
    with _admissible(attackers) as session:
        return session.maximise([])  # from the grounded extension


def preferred_with(attackers: Attackers, number: int) -> list[int] | None:
    """Return a preferred extension containing argument ``number`` (DC-PR), or None."""
    with _admissible(attackers) as session:
        start = session.find([number + 1])
        return None if start is None else session.maximise(start)


def preferred_without(attackers: Attackers, number: int) -> list[int] | None:
    """Return a preferred extension without argument ``number``, or None when all contain it.

    None means the argument is sceptically accepted (DS-PR). The counterexample search of
    CEGARTIX and μ-toksia: an admissible set without the argument, maximised; if the preferred
    extension reached lacks the argument it is the answer, if not a clause keeps later
    candidates from lying inside it, so each round reaches a new preferred extension. (Probing
    first for an admissible set attacking the argument, or holding it, costs more than it saves
    on random frameworks: each refuted probe is a proof of unsatisfiability.) The first
    round starts from the grounded extension without asking the solver.
    """
    count = len(attackers)
    grounded = closure(attackers, [])
    if number in grounded:
        return None  # in the grounded extension, so in every preferred one
    start: list[int] | None = grounded
    with _admissible(attackers) as session:
        while start is not None:
            preferred = session.maximise(start)
            if number not in preferred:
                return preferred
            inside = set(preferred)
            session.exclude([n + 1 for n in range(count) if n not in inside])
            start = session.find([-(number + 1)])
        return None


def all_stable(attackers: Attackers) -> Iterator[list[int]]:
    """Yield every stable extension once, each found by a SAT call that excludes the others."""
    with _stable(attackers) as session:
        yield from _enumerate(session)


def all_complete(attackers: Attackers) -> Iterator[list[int]]:
    """Yield every complete extension once (a complete labelling is fixed by its IN set)."""
    with _complete(attackers) as session:
        yield from _enumerate(session)


def _enumerate(session: _Session) -> Iterator[list[int]]:
    """Yield the IN sets of every model once, blocking each as it is found."""
    while (found := session.find()) is not None:
        yield found
        if not session.count:
            return  # the empty framework has one extension, and no clause can exclude it
        inside = set(found)
        session.exclude([-(n + 1) if n in inside else n + 1 for n in range(session.count)])


def all_preferred(attackers: Attackers) -> Iterator[list[int]]:
    """Yield every preferred extension once, as PrefSAT enumerates them.

    Find an admissible set inside no preferred extension found so far, maximise it, and
    add a clause that keeps later ones from lying inside it.
    """
    count = len(attackers)
    with _admissible(attackers) as session:
        while (start := session.find()) is not None:
            preferred = session.maximise(start)
            yield preferred
            if len(preferred) == count:
                return
            inside = set(preferred)
            session.exclude([n + 1 for n in range(count) if n not in inside])


def credulously_accepted(
    attackers: Attackers, candidates: Sequence[int], *, stable: bool
) -> set[int]:
    """Return the candidates in some stable (or, with ``stable`` false, complete) extension.

    Credulous complete and preferred acceptance is credulous admissible acceptance (Dung 1995,
    theorem 11). One solver answers for every candidate: each call asks for an extension
    holding at least one candidate not yet accepted (a clause over them, switched on by an
    activation literal for that call), and every candidate the model holds is accepted; the
    last call, unsatisfiable, rejects the rest. So the calls number the extensions needed to
    cover the accepted candidates, plus one, not the candidates.
    """
    unknown = set(candidates)
    accepted: set[int] = set()
    with (_stable if stable else _admissible)(attackers) as session:
        while unknown:
            activation = session.fresh()
            session.exclude([-activation, *(n + 1 for n in sorted(unknown))])
            found = session.find([activation])
            session.exclude([-activation])
            if found is None:
                break
            hit = unknown.intersection(found)
            accepted |= hit
            unknown -= hit
    return accepted


def counterexamples(
    attackers: Attackers, candidates: Sequence[int], *, stable: bool
) -> dict[int, list[int]]:
    """Return, for each candidate outside some stable (or preferred) extension, one such.

    The candidates left out of the answer are sceptically accepted. As
    :func:`preferred_without`, for every candidate at once: each call asks for an admissible
    set (a stable extension) lacking at least one candidate still undecided; a stable
    extension found refutes every candidate it lacks; an admissible set is first maximised,
    and the preferred extension reached refutes the candidates it lacks or, lacking none, is
    excluded by a clause so that the next round reaches another.
    """
    count = len(attackers)
    left = set(candidates)
    found_without: dict[int, list[int]] = {}
    with (_stable if stable else _admissible)(attackers) as session:
        while left:
            activation = session.fresh()
            session.exclude([-activation, *(-(n + 1) for n in sorted(left))])
            start = session.find([activation])
            session.exclude([-activation])
            if start is None:
                break
            extension = start if stable else session.maximise(start)
            missing = left.difference(extension)
            for number in missing:
                found_without[number] = extension
            left -= missing
            if not missing:  # a preferred extension holding them all: look beyond it
                inside = set(extension)
                session.exclude([n + 1 for n in range(count) if n not in inside])
    return found_without
