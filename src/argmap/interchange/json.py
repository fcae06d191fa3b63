"""argmap's own JSON: the whole map, every element with the file, line and column it came from.

The shape is described by ``docs/map.schema.json`` (JSON Schema 2020-12) and documented in
``docs/interchange.rst``. The output is deterministic: keys in a fixed order, nodes in map
order, sources sorted by key, two-space indentation, UTF-8 characters kept, a final newline.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from argmap.errors import MapError
from argmap.model import (
    AnalysedText,
    ArgumentMap,
    Attack,
    Citation,
    Node,
    Reason,
    Source,
    SourcePosition,
    Suppression,
)

__all__ = ["FORMAT", "VERSION", "to_data", "to_json"]

#: The value of the top-level ``format`` key.
FORMAT = "argmap"
#: The version of the JSON shape; raised when a key changes meaning or disappears.
VERSION = 1


def to_json(argument_map: ArgumentMap) -> str:
    """Return the map as argmap JSON text (see :func:`to_data`), ending in a newline."""
    return json.dumps(to_data(argument_map), indent=2, ensure_ascii=False) + "\n"


def to_data(argument_map: ArgumentMap) -> dict[str, Any]:
    """Return the map as JSON-ready data.

    Top-level keys: ``format`` (``"argmap"``), ``version``, ``title``, ``bibliography``,
    ``analysed``, ``unmapped`` (paragraph number, as a string, to the reason it is left
    unmapped), ``files``, ``position``, ``nodes``, ``sources`` (by key), ``problems`` and
    ``text`` (the analysed text, or null).
    """
    return {
        "format": FORMAT,
        "version": VERSION,
        "title": argument_map.title,
        "bibliography": argument_map.bibliography,
        "analysed": argument_map.analysed,
        "unmapped": {str(n): why for n, why in sorted(argument_map.unmapped.items())},
        "files": list(argument_map.files),
        "position": _position(argument_map.position),
        "nodes": [_node(node) for node in argument_map.nodes],
        "sources": {
            key: _source(argument_map.sources[key]) for key in sorted(argument_map.sources)
        },
        "problems": [_problem(problem) for problem in argument_map.problems],
        "text": _text(argument_map.text),
    }


def _position(position: SourcePosition) -> dict[str, Any]:
    return {"file": position.file, "line": position.line, "column": position.column}


def _node(node: Node) -> dict[str, Any]:
    return {
        "id": node.id,
        "kind": node.kind,
        "text": node.text,
        "thesis": node.thesis,
        "reasons": [_reason(reason) for reason in node.reasons],
        "attacks": [_attack(attack) for attack in node.attacks],
        "citations": [_citation(citation) for citation in node.citations],
        "at": list(node.at),
        "note": node.note,
        "ignore": [_suppression(entry) for entry in node.ignore],
        "position": _position(node.position),
    }


def _reason(reason: Reason) -> dict[str, Any]:
    return {
        "premises": list(reason.premises),
        "linked": reason.linked,
        "position": _position(reason.position),
    }


def _attack(attack: Attack) -> dict[str, Any]:
    return {
        "target": attack.target,
        "reason": attack.reason,
        "undercut": attack.undercut,
        "position": _position(attack.position),
    }


def _citation(citation: Citation) -> dict[str, Any]:
    locator = citation.locator
    return {
        "key": citation.key,
        "locator": None
        if locator is None
        else {"label": locator.label.value, "value": locator.value},
        "position": _position(citation.position),
    }


def _suppression(entry: Suppression) -> dict[str, Any]:
    return {"code": entry.code, "reason": entry.reason, "position": _position(entry.position)}


def _source(source: Source) -> dict[str, Any]:
    fields: Mapping[str, str] = source.fields
    return {
        "key": source.key,
        "entry_type": source.entry_type,
        "fields": {name: fields[name] for name in sorted(fields)},
        "position": _position(source.position),
    }


def _problem(problem: MapError) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "message": problem.message,
        "hint": problem.hint,
    }


def _text(text: AnalysedText | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return {
        "file": text.file,
        "paragraphs": [
            {"number": p.number, "line": p.line, "text": p.text} for p in text.paragraphs
        ],
    }
