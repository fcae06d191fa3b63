"""Bad input, as data: :class:`MapError` records, raised together as one :class:`LoadError`.

Every error argmap raises on bad input derives from :class:`ArgmapError`, so that one
``except argmap.ArgmapError`` catches them all:

- :class:`LoadError`: a map, bibliography, text or ``pyproject.toml`` cannot be read;
- :class:`ConfigError`: a setting passed to the library is wrong (an unknown rule code, a bad
  severity); it is also a :class:`ValueError`;
- :class:`argmap.TraceError`: an unknown node id or source key; also a :class:`KeyError`;
- :class:`argmap.render.RenderError`: a picture could not be made.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

__all__ = [
    "ArgmapError",
    "ConfigError",
    "LoadError",
    "MapError",
    "OptionError",
    "Suggester",
    "close_matches",
    "did_you_mean",
    "escape_controls",
    "suggestion",
]

#: What a terminal could act on rather than show: C0 controls but tab, DEL, C1 controls, the
#: line and paragraph separators, and the bidirectional embeddings, overrides and isolates.
_CONTROLS = "[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
_NAMED_CONTROLS = {"\n": "\\n", "\r": "\\r"}


def escape_controls(text: str) -> str:
    r"""Return ``text`` fit for a terminal: every control character shown as an escape.

    C0 control characters (tab excepted), DEL, C1 control characters, U+2028 and U+2029 (line
    and paragraph separators), and the bidirectional embeddings, overrides and isolates
    (U+202A-U+202E, U+2066-U+2069) become the escapes Python writes for them: ``\n``, ``\r``,
    ``\x1b``, ``\u202e``. Everything else, tab and letters of every script included, is kept,
    so that a message can neither retitle nor clear a terminal nor reorder what it shows.
    Text printed for people goes through this; JSON and exported files keep the exact text.
    """
    controls = _controls()
    if controls.search(text) is None:
        return text
    return controls.sub(_escaped, text)


@functools.cache
def _controls() -> re.Pattern[str]:
    """:data:`_CONTROLS`, compiled when first needed: a check that prints nothing never is."""
    return re.compile(_CONTROLS)


def _escaped(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED_CONTROLS.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


@attrs.frozen(order=True)
class MapError:
    """One problem with the input: where it is, what is wrong, and how to fix it."""

    file: str
    line: int
    column: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        """Return ``file:line:col: error: message; hint``, one line."""
        text = f"{self.file}:{self.line}:{self.column}: error: {self.message}"
        text = f"{text}; {self.hint}" if self.hint else text
        return escape_controls(text)


class ArgmapError(Exception):
    """The base of every error argmap raises on bad input.

    Its subclasses pickle and copy with their attributes, whatever their constructor takes, so
    an error raised in a worker process reaches the parent whole.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        """Rebuild from ``args`` without calling ``__init__``, then restore the attributes."""
        return (_rebuild_error, (type(self), self.args), self.__dict__ or None)


def _rebuild_error(cls: type[ArgmapError], args: tuple[Any, ...]) -> ArgmapError:
    """Make an error again from its ``args`` (see :meth:`ArgmapError.__reduce__`)."""
    return cls.__new__(cls, *args)


class ConfigError(ArgmapError, ValueError):
    """A setting passed to the library is wrong: an unknown rule, a bad severity or pattern.

    It is a :class:`ValueError` too, as these errors were before it existed. Settings read
    from ``pyproject.toml`` are reported as a :class:`LoadError` instead, with the file and
    line of the setting.
    """


class OptionError(ArgmapError, ValueError, KeyError):
    """An option passed to the library names nothing or is out of range.

    An unknown direction or focus id for a diagram, a negative depth for a diagram or a
    trace. It is a :class:`ValueError` and a :class:`KeyError` too, as these errors were
    before it existed.
    """

    def __str__(self) -> str:
        """Return the message as given (a :class:`KeyError` would quote it)."""
        return str(self.args[0]) if self.args else ""


class LoadError(ArgmapError):
    """Raised when input cannot be read; carries every problem found, sorted by place."""

    def __init__(self, errors: Iterable[MapError]) -> None:
        """Keep the errors sorted by file, line and column."""
        self.errors: tuple[MapError, ...] = tuple(sorted(set(errors)))  # each problem once
        super().__init__("\n".join(str(error) for error in self.errors))


#: Candidate lists up to this many names (after folding case) are compared with every name, so
#: that hints are exactly those of :func:`difflib.get_close_matches`; longer ones are indexed.
EXACT_LIMIT = 100
#: Per miss in an indexed list, at most this many names are scored by difflib.
_SCORED = 24
#: Per miss in an indexed list, at most this many entries of the letter-pair index are counted.
_COUNTED = 600
#: How many of the candidates' letters a typo may add or change (the most frequent ones).
_LETTERS = 64
#: Words longer than this are not searched for added or changed letters (only by letter pairs).
_LONGEST_TYPED = 40
#: Answers a :class:`Suggester` keeps; past this many it starts again.
_CACHED = 1 << 16


class Suggester:
    """Names close to a word among a fixed list of candidates, for "did you mean" hints.

    Build one per candidate list and ask it once per unknown name: the list is case-folded
    once, answers are kept per word, and a long list is indexed on first use, so that each
    miss costs about the same however many names there are (the naive way, comparing the
    word with every candidate, makes a map with many unknown ids quadratic).

    - Up to :data:`EXACT_LIMIT` candidates (after folding case), every one is compared:
      :meth:`close` returns what ``difflib.get_close_matches`` returns for the case-folded
      word and names.
    - In longer lists, the names one typo away (a letter dropped, added, changed, or two
      swapped) are found by spelling out those typos and looking each up, at a cost that
      depends on the word's length, not on the number of names; if none of them is close
      enough, names sharing the most rare letter pairs are found through an index of letter
      pairs (a few entries per name, built on first need). At most 24 names found that way
      are scored by difflib with the same ``cutoff``; so a hint is always a name difflib finds
      close enough, but not always the closest of all.
    """

    __slots__ = ("_alphabet", "_cache", "_folded", "_pairs", "_places", "_pool")

    def __init__(self, candidates: Iterable[str]) -> None:
        """Fold the candidates' case, keeping the first spelling of each folded name."""
        folded: dict[str, str] = {}
        for candidate in candidates:
            folded.setdefault(candidate.casefold(), candidate)
        self._folded = folded
        self._pool = list(folded)
        self._alphabet: str | None = None
        self._places: dict[str, int] | None = None
        self._pairs: dict[str, list[int]] | None = None
        self._cache: dict[tuple[str, int, float], tuple[str, ...]] = {}

    def __len__(self) -> int:
        """The number of distinct candidates, ignoring case."""
        return len(self._pool)

    def close(self, word: str, *, n: int = 1, cutoff: float = 0.6) -> tuple[str, ...]:
        """Return up to ``n`` candidates close to ``word``, ignoring case, nearest first.

        Raises:
            ValueError: when ``n`` is not positive or ``cutoff`` is outside 0 to 1.
        """
        key = (word, n, cutoff)
        found = self._cache.get(key)
        if found is None:
            if n <= 0:
                raise ValueError(f"n must be > 0: {n!r}")
            if not 0.0 <= cutoff <= 1.0:
                raise ValueError(f"cutoff must be in [0.0, 1.0]: {cutoff!r}")
            target = word.casefold()
            if len(self._pool) <= EXACT_LIMIT:
                import difflib  # noqa: PLC0415 - only a mistake needs it, and it slows start-up

                names = difflib.get_close_matches(target, self._pool, n=n, cutoff=cutoff)
            else:
                names = self._indexed(target, n, cutoff)
            found = tuple(self._folded[name] for name in names)
            if len(self._cache) >= _CACHED:
                self._cache.clear()
            self._cache[key] = found
        return found

    def did_you_mean(self, word: str, *, n: int = 1, cutoff: float = 0.6) -> str:
        """Return ``"did you mean `x`?"`` for the closest candidates (up to ``n``), or ``""``."""
        return suggestion(self.close(word, n=n, cutoff=cutoff))

    def _indexed(self, target: str, n: int, cutoff: float) -> list[str]:
        """Score the names one typo away, then if need be those sharing rare letter pairs."""
        import heapq  # noqa: PLC0415 - only a mistake needs it

        near = self._one_typo_away(target)
        scored = _scored(target, [self._pool[i] for i in list(near)[:_SCORED]], cutoff)
        if len(scored) < n:
            sharing = [i for i in self._sharing_pairs(target) if i not in near]
            scored += _scored(target, [self._pool[i] for i in sharing[:_SCORED]], cutoff)
        return [name for _, name in heapq.nlargest(n, scored)]

    def _one_typo_away(self, target: str) -> dict[int, None]:
        """The positions of the names one typo from ``target`` (or equal to it), in name order.

        The words one typo away (a letter dropped, added or changed, two letters swapped) are
        spelt out and looked up among the names: about 80 words per letter of ``target``,
        whatever the number of names, and no index beyond the names themselves. Added and
        changed letters are the names' :data:`_LETTERS` most frequent ones.
        """
        if self._places is None or self._alphabet is None:
            self._places = {name: position for position, name in enumerate(self._pool)}
            self._alphabet = _alphabet(self._pool)
        places = self._places
        words = places.keys() & {target, *_one_typo(target, self._alphabet)}
        return dict.fromkeys(sorted(places[word] for word in words))

    def _sharing_pairs(self, target: str) -> list[int]:
        """The positions of names sharing most of ``target``'s rarest letter pairs."""
        from collections import Counter  # noqa: PLC0415 - only a mistake needs it

        if self._pairs is None:
            self._pairs = _pair_index(self._pool)
        index = self._pairs
        postings = sorted(
            (len(positions), pair, positions)
            for pair in set(_pairs(target))
            if (positions := index.get(pair))
        )
        counts: Counter[int] = Counter()
        budget = _COUNTED
        for size, _, positions in postings:
            if budget <= 0:
                break
            counts.update(positions if size <= budget else positions[:budget])
            budget -= size
        return [position for position, _ in counts.most_common(_SCORED)]


def _scored(target: str, names: Sequence[str], cutoff: float) -> list[tuple[float, str]]:
    """Score names as ``difflib.get_close_matches`` does, keeping those at ``cutoff`` or above."""
    import difflib  # noqa: PLC0415 - only a mistake needs it

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(target)
    kept = []
    for name in names:
        matcher.set_seq1(name)
        if (
            matcher.real_quick_ratio() >= cutoff
            and matcher.quick_ratio() >= cutoff
            and matcher.ratio() >= cutoff
        ):
            kept.append((matcher.ratio(), name))
    return kept


def _alphabet(names: Iterable[str]) -> str:
    """The :data:`_LETTERS` letters most frequent in the names, most frequent first."""
    from collections import Counter  # noqa: PLC0415 - only a mistake needs it

    counts: Counter[str] = Counter()
    for name in names:
        counts.update(name)
    return "".join(letter for letter, _ in counts.most_common(_LETTERS))


def _one_typo(word: str, alphabet: str) -> list[str]:
    """The words one typo from ``word``: letters dropped, swapped, changed, added.

    Letters are changed and added only in words of up to :data:`_LONGEST_TYPED` letters.
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    words = [head + tail[1:] for head, tail in splits if tail]
    words += [head + tail[1] + tail[0] + tail[2:] for head, tail in splits if len(tail) > 1]
    if len(word) <= _LONGEST_TYPED:
        words += [head + letter + tail[1:] for head, tail in splits if tail for letter in alphabet]
        words += [head + letter + tail for head, tail in splits for letter in alphabet]
    return words


def _pairs(name: str) -> list[str]:
    """The name's letter pairs, the first and last letters paired with the ends of the name."""
    padded = f"\x02{name}\x03"
    return [padded[i : i + 2] for i in range(len(padded) - 1)]


def _pair_index(names: Sequence[str]) -> dict[str, list[int]]:
    """Map each letter pair to the positions of the names holding it, in name order."""
    index: dict[str, list[int]] = {}
    for position, name in enumerate(names):
        for pair in set(_pairs(name)):
            index.setdefault(pair, []).append(position)
    return index


#: Suggesters of the candidate lists last passed to :func:`close_matches`: by identity for a
#: tuple (no hashing at all), by value for any sequence (a copy and a hash, both at C speed).
_RECENT: list[tuple[tuple[str, ...], Suggester]] = []
_KEPT = 4


def _suggester(candidates: Sequence[str]) -> Suggester:
    """A suggester for these candidates: the same one again for the same names."""
    for known, suggester in _RECENT:
        if known is candidates:
            return suggester
    names = tuple(candidates)
    found = next((suggester for known, suggester in _RECENT if known == names), None)
    if found is None:
        found = Suggester(names)
    _RECENT[:] = [(names, found), *(kept for kept in _RECENT if kept[1] is not found)][:_KEPT]
    return found


def close_matches(
    word: str, candidates: Sequence[str], *, n: int = 1, cutoff: float = 0.6
) -> tuple[str, ...]:
    """Return up to ``n`` candidates close to ``word``, ignoring case, nearest first.

    Up to :data:`EXACT_LIMIT` candidates this is :func:`difflib.get_close_matches` on
    case-folded names; longer lists are indexed (see :class:`Suggester`). The last few
    candidate lists are remembered with their index, so that asking about many words
    against the same names indexes them once: a call then costs a copy of the list (none for
    the very same tuple) and about the same time however long it is. A caller asking about
    many words can also make a :class:`Suggester` itself.
    """
    return _suggester(candidates).close(word, n=n, cutoff=cutoff)


def suggestion(close: Sequence[str]) -> str:
    """Return ``"did you mean `a`, `b` or `c`?"`` for the names given, or ``""`` for none."""
    quoted = [f"`{name}`" for name in close]
    if not quoted:
        return ""
    listed = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f"did you mean {listed}?"


def did_you_mean(word: str, candidates: Sequence[str], *, n: int = 1, cutoff: float = 0.6) -> str:
    """Return ``"did you mean `x`?"`` for the closest candidates (up to ``n``), or ``""``."""
    return suggestion(close_matches(word, candidates, n=n, cutoff=cutoff))
