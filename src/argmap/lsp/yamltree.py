"""YAML as a tree of offsets, composed from PyYAML's events, keeping what precedes an error.

:func:`yaml.compose` gives nodes with marks but gives nothing for a text that breaks off half
way, which is what an editor's buffer often is. This composes the event stream (libyaml's
parser when present) by hand into plain nodes holding each one's start and end offsets in
the text; at a syntax error the collections still open are closed there, so everything
written before the error is kept. Tags are ignored and an alias is an empty scalar: this
reads where things are written, the loader (:mod:`argmap.loading.read_yaml`) judges them.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["Mapping", "Scalar", "Sequence", "Tree", "compose"]

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Scalar:
    """A scalar: its value and its offsets in the text (quotes included)."""

    __slots__ = ("end", "start", "value")

    def __init__(self, value: str, start: int, end: int) -> None:
        """Keep the value and where it starts and ends."""
        self.value, self.start, self.end = value, start, end


class Sequence:
    """A list: its items, its offsets, and whether it is written inline (``[...]``)."""

    __slots__ = ("end", "flow", "items", "start")

    def __init__(self, start: int, *, flow: bool) -> None:
        """Start an empty list at ``start``."""
        self.items: list[Tree] = []
        self.start, self.end, self.flow = start, start, flow


class Mapping:
    """A mapping: its (key, value) pairs, a value None when the text broke off after the key."""

    __slots__ = ("end", "flow", "pairs", "pending", "start")

    def __init__(self, start: int, *, flow: bool) -> None:
        """Start an empty mapping at ``start``."""
        self.pairs: list[tuple[Tree, Tree | None]] = []
        self.pending: Tree | None = None
        self.start, self.end, self.flow = start, start, flow


#: A node of the tree.
Tree = Scalar | Sequence | Mapping


def compose(text: str) -> tuple[Tree | None, bool]:
    """Compose the first document of a text into a tree of offsets.

    Returns:
        The root (None for an empty text) and whether the text parsed to its end; when it
        did not, the tree holds what came before the error, its open lists and mappings
        closed where the error was.
    """
    stack: list[Sequence | Mapping] = []
    root: Tree | None = None
    last = 0

    def attach(node: Tree) -> None:
        nonlocal root
        if not stack:
            root = node if root is None else root
            return
        top = stack[-1]
        if isinstance(top, Sequence):
            top.items.append(node)
        elif top.pending is None:
            top.pending = node
        else:
            top.pairs.append((top.pending, node))
            top.pending = None

    try:
        for event in yaml.parse(text, Loader=_Loader):
            start, last = _index(event.start_mark), _index(event.end_mark)
            if isinstance(event, yaml.ScalarEvent):
                attach(Scalar(event.value, start, last))
            elif isinstance(event, yaml.AliasEvent):
                attach(Scalar("", start, last))
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(Sequence(start, flow=bool(event.flow_style)))
            elif isinstance(event, yaml.MappingStartEvent):
                stack.append(Mapping(start, flow=bool(event.flow_style)))
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                done = stack.pop()
                done.end = last
                _close(done)
                attach(done)
            elif isinstance(event, yaml.DocumentEndEvent):
                break
    except yaml.YAMLError:
        while stack:
            done = stack.pop()
            done.end = last
            _close(done)
            attach(done)
        return root, False
    return root, True


def _index(mark: Any) -> int:
    """The offset of a mark in the text (every event the parser makes has its marks)."""
    return int(mark.index) if mark is not None else 0


def _close(node: Sequence | Mapping) -> None:
    """Keep a key whose value never came (the text broke off after it)."""
    if isinstance(node, Mapping) and node.pending is not None:
        node.pairs.append((node.pending, None))
        node.pending = None
