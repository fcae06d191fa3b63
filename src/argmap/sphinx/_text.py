"""Small text helpers for the extension: short titles, and backticked code as literal nodes."""

from __future__ import annotations

import re
from collections.abc import Callable

from docutils import nodes

#: Characters in a link caption made from a node's text.
SHORT_LENGTH = 64

_CODE = re.compile(r"`([^`]+)`")


def short_text(text: str, limit: int = SHORT_LENGTH) -> str:
    """Return a node's text cut at a word boundary to about ``limit`` characters.

    Args:
        text: The full text; runs of whitespace are collapsed.
        limit: The most characters to keep before the ellipsis.

    Returns:
        The text itself when it fits, else its first words followed by ``…``.
    """
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit + 1].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,;:.-") + "…"


def inline(text: str, link: Callable[[str], nodes.Node | None] | None = None) -> list[nodes.Node]:
    """Return text whose backticked parts (```E1```) become literal nodes.

    Rule messages and documentation write ids and YAML keys in backticks, as Markdown does;
    reStructuredText would read them as interpreted text, so they are converted here instead.

    Args:
        text: The text to convert.
        link: Called with each backticked word; a node it returns (a link to a node entry,
            say) is used instead of the plain literal.

    Returns:
        Text and literal nodes, in order.
    """
    result: list[nodes.Node] = []
    position = 0
    for found in _CODE.finditer(text):
        if found.start() > position:
            result.append(nodes.Text(text[position : found.start()]))
        word = found.group(1)
        linked = link(word) if link is not None else None
        result.append(linked if linked is not None else nodes.literal(word, word))
        position = found.end()
    if position < len(text):
        result.append(nodes.Text(text[position:]))
    return result
