"""What the cursor is in: which YAML keys it sits under, and the word being typed.

Completion runs on half-typed text, which often does not parse (``because: [C1, ``), so this
reads the lines themselves: the key on the cursor's line, then the keys above it with less
indentation, up to the top. It knows YAML's block layout (``key:`` lines, ``- `` items, a list
at the same indentation as its key, a mapping inside a list item) and, on the cursor's line,
flow collections (``[...]``, ``{...}``). Block scalars and comments above the cursor are
passed over by the same indentation rule.
"""

from __future__ import annotations

import re

import attrs

from argmap.lsp.text import Lines

__all__ = ["Place", "place_of", "word_at"]

#: A line holding ``key:`` (after any ``- `` item marks).
_LINE_KEY = re.compile(
    r"(?P<indent>[ ]*)(?P<dashes>(?:-[ ]+)*)"
    r"(?P<key>[^\s:#{}\[\],'\"-][^\s:#{}\[\],]*|\"[^\"]*\"|'[^']*')[ ]*:(?=[ ]|$)"
)
_DASHES = re.compile(r"[ ]*((?:-(?:[ ]+|$))*)")
#: The characters of an id, a citation key or a rule code.
_WORD_CHARS = r"[A-Za-z0-9_.-]"
_WORD_BEFORE = re.compile(rf"{_WORD_CHARS}*\Z")
_WORD_AFTER = re.compile(rf"{_WORD_CHARS}*")


@attrs.frozen
class Place:
    """Where the cursor is, in terms of the map format.

    Attributes:
        path: The keys above the cursor, from the top: ``("nodes", "T1", "because")``.
        at_key: Whether a key is being written there (else a value of ``path[-1]``).
        value: For a value, the text of the value on the cursor's line up to the cursor.
        inner: Inside an inline mapping (``{key: ...}``), the key whose value the cursor is
            in, or ``""`` where a key of that mapping is being written; None outside one.
        prefix: The word being typed, up to the cursor.
        start: The column where that word starts.
    """

    path: tuple[str, ...]
    at_key: bool
    value: str = ""
    inner: str | None = None
    prefix: str = ""
    start: int = 0


def word_at(text: str, column: int) -> tuple[int, int]:
    """Return the (start, end) columns of the id, key or code around a column of a line."""
    before = _WORD_BEFORE.search(text[:column])
    start = before.start() if before else column
    after = _WORD_AFTER.match(text, column)
    end = after.end() if after else column
    return start, end


def place_of(lines: Lines, line: int, column: int) -> Place:
    """Return what the cursor at (line, column), both from 0, is in."""
    text = lines.line(line)
    column = min(column, len(text))
    before = text[:column]
    prefix_match = re.search(r"[A-Za-z0-9_.-]*\Z", before)
    prefix = prefix_match.group() if prefix_match else ""
    start = column - len(prefix)
    keyed = _LINE_KEY.match(text)
    if keyed is not None and keyed.end() <= column:
        key = _unquoted(keyed.group("key"))
        limit, item = _content(keyed)
        path = (*_parents(lines, line, limit, item=item), key)
        value = text[keyed.end() : column]
        inner = _inner_key(value)
        return Place(path, at_key=inner == "", value=value, inner=inner, prefix=prefix, start=start)
    stripped = before.lstrip(" ")
    dashes = _DASHES.match(text)
    marks = dashes.group(1) if dashes else ""
    indent = len(text) - len(text.lstrip(" "))
    if not stripped.strip():
        limit, item = column, False
    elif marks:
        limit, item = indent, True
    else:
        limit, item = indent, False
    path = _parents(lines, line, limit, item=item)
    value = before[indent + len(marks) :] if marks or path else before
    inner = _inner_key(value)
    at_key = inner == "" or (inner is None and not _flowing(value))
    return Place(path, at_key=at_key, value=value, inner=inner, prefix=prefix, start=start)


def _content(keyed: re.Match[str]) -> tuple[int, bool]:
    """The column and item flag a ``key:`` line's key is looked up from."""
    if keyed.group("dashes"):
        return len(keyed.group("indent")), True
    return keyed.start("key"), False


def _parents(lines: Lines, line: int, limit: int, *, item: bool) -> tuple[str, ...]:
    """The keys above a line whose content starts at column ``limit``.

    Args:
        lines: the text.
        line: the line, from 0.
        limit: the column its content (or its first ``-``) starts at.
        item: whether the line is a list item (starts with ``-``).
    """
    path: list[str] = []
    for number in range(line - 1, -1, -1):
        if limit == 0 and not item:
            break
        text = lines.line(number)
        stripped = text.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        keyed = _LINE_KEY.match(text)
        if keyed is None:
            continue
        key_column = keyed.start("key")
        dash_column = len(keyed.group("indent"))
        if keyed.group("dashes"):
            if key_column < limit:
                path.append(_unquoted(keyed.group("key")))
                limit, item = dash_column, True
            elif key_column == limit and not item:
                limit, item = dash_column, True  # a sibling key in a list item's mapping
            continue
        if key_column < limit or (key_column == limit and item):
            path.append(_unquoted(keyed.group("key")))
            limit, item = key_column, False
    return tuple(reversed(path))


def _inner_key(value: str) -> str | None:
    """Inside an unclosed ``{`` of a value: the key being given a value, or ``""`` at a key."""
    depth: list[tuple[str, int]] = []
    quote = ""
    for index, char in enumerate(value):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"":
            quote = char
        elif char in "{[":
            depth.append((char, index))
        elif char in "}]" and depth:
            depth.pop()
    if not depth or depth[-1][0] != "{":
        return None
    segment = re.split(r"[{,]", value[depth[-1][1] :])[-1]
    if ":" not in segment:
        return ""
    return segment.split(":", 1)[0].strip()


def _flowing(value: str) -> bool:
    """Whether a line's text continues an inline list or mapping rather than starting a key."""
    return "[" in value or "," in value or "+" in value


def _unquoted(key: str) -> str:
    if len(key) >= 2 and key[0] == key[-1] and key[0] in "'\"":
        return key[1:-1]
    return key
