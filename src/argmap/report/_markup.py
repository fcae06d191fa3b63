"""Small HTML pieces shared by the report's parts: escaping, links, badges.

Every user-written string (ids, texts, notes, keys, file names, messages) goes through
:func:`esc` before it reaches the page; nothing else builds markup from user text.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import quote

from argmap._label import Label
from argmap.render.dot import paragraphs
from argmap.report._data import Report, kind_of, label_word

__all__ = [
    "badge",
    "cut",
    "esc",
    "node_anchor",
    "node_link",
    "node_links",
    "paragraph_links",
    "rich",
    "rule_anchor",
    "source_anchor",
]

#: Characters HTML does not allow in text: C0 controls but tab, newline and carriage return.
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CODE = re.compile(r"`([^`]+)`")


def esc(text: str) -> str:
    """Return text escaped for HTML content and quoted attributes, invalid characters dropped."""
    return html.escape(_INVALID.sub("", text), quote=True)


def node_anchor(node_id: str) -> str:
    """Return the anchor of a node's entry: ``arg-node-`` and the id, as the Sphinx pages use."""
    return f"arg-node-{node_id}"


def rule_anchor(code: str) -> str:
    """Return the anchor of a rule's findings: ``rule-AM004``."""
    return f"rule-{code}"


def source_anchor(key: str) -> str:
    """Return the anchor of a source's row: ``source-`` and the key."""
    return f"source-{key}"


def fragment(anchor: str) -> str:
    """Return ``#anchor`` for an ``href``, percent-encoded where a key needs it, escaped."""
    return esc("#" + quote(anchor, safe="-_.:/+()~!$*'@;="))


def cut(text: str, limit: int = 90) -> str:
    """Return text on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit + 1]
    head = head.rsplit(" ", 1)[0] if " " in head[limit // 2 :] else flat[:limit]
    return head.rstrip(" ,;:.-") + "\u2026"


def node_link(report: Report, node_id: str, *, title: bool = True) -> str:
    """Return a link to a node's entry, captioned with its id; a plain id for an unknown one."""
    node = report.map.get(node_id)
    if node is None:
        return f'<code class="missing">{esc(node_id)}</code>'
    tip = f' title="{esc(cut(node.text, 120))}"' if title else ""
    kind = kind_of(node)
    return (
        f'<a class="ref k-{kind}" href="{fragment(node_anchor(node_id))}"{tip}>{esc(node_id)}</a>'
    )


def node_links(report: Report, ids: Iterable[str], separator: str = ", ") -> str:
    """Return links to several nodes, joined."""
    return separator.join(node_link(report, node_id) for node_id in ids)


def badge(label: Label | None) -> str:
    """Return a label badge: IN, OUT, UNDEC (or ``unbuilt`` for a reason that cannot be built)."""
    word = label_word(label)
    return f'<span class="badge lab-{word.lower()}">{word}</span>'


def rich(report: Report, text: str) -> str:
    """Return a message with its backticked parts as code, node ids linked to their entries."""
    parts: list[str] = []
    position = 0
    for found in _CODE.finditer(text):
        parts.append(esc(text[position : found.start()]))
        word = found.group(1)
        parts.append(node_link(report, word) if word in report.map else f"<code>{esc(word)}</code>")
        position = found.end()
    parts.append(esc(text[position:]))
    return "".join(parts)


def paragraph_links(report: Report, at: Iterable[int]) -> str:
    """Return ``¶ 9, 11``; with an analysed text, each number links to its paragraph."""
    numbers = sorted(set(at))
    if report.text is None:
        return esc(paragraphs(numbers))
    count = len(report.text.paragraphs)
    shown = [
        f'<a class="para-ref" href="#para-{n}">{n}</a>' if 1 <= n <= count else str(n)
        for n in numbers
    ]
    return "\u00b6 " + ", ".join(shown)
