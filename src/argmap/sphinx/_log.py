"""The extension's warnings: one logger, type ``argmap``, and a closed set of subtypes.

Every warning carries ``type="argmap"`` and one of the :data:`Subtype` values, so that
``suppress_warnings = ["argmap.uncited-evidence"]`` silences exactly one kind. Map findings use
the rule's name as subtype; the other subtypes name problems of the documentation itself.
Control characters in a message or a location (a map's text, a file name) are shown as escapes,
as the command line shows them.
"""

from __future__ import annotations

from typing import Literal, get_args

from docutils import nodes
from sphinx.util import logging

from argmap.errors import escape_controls

__all__ = ["EXTENSION_SUBTYPES", "RULE_SUBTYPES", "Subtype", "logger", "verbose", "warn"]

logger = logging.getLogger("argmap.sphinx")

#: The subtypes of map findings: one per rule, named as the rule. They must match the registry
#: in :mod:`argmap.rules` (a test checks it).
RuleSubtype = Literal[
    "unsupported-claim",
    "ungrounded-claim",
    "circular-support",
    "uncited-evidence",
    "unknown-source",
    "missing-locator",
    "unsupported-figure",
    "unanswered-objection",
    "disconnected-node",
    "no-thesis",
    "unused-source",
    "rests-on-assumption",
    "invalid-suppression",
    "invalid-bibliography-entry",
    "uncovered-paragraph",
    "paragraph-out-of-range",
    "defeated-claim",
    "unexpected-label",
    "uncited-premise",
    "self-cited-evidence",
    "double-counted-premise",
]
#: The subtypes of the documentation's own problems.
ExtensionSubtype = Literal[
    "load-error",
    "bad-option",
    "bad-config",
    "missing-text",
    "duplicate-node",
    "duplicate-bibliography",
    "unresolved-node",
    "unresolved-source",
    "unresolved-rule",
    "no-bibliography",
    "rule-example",
]
#: What an ``argmap`` warning can be about.
Subtype = Literal[RuleSubtype, ExtensionSubtype]

#: Subtypes that are rule names.
RULE_SUBTYPES: frozenset[str] = frozenset(get_args(RuleSubtype))
#: Subtypes that are not rule names.
EXTENSION_SUBTYPES: frozenset[str] = frozenset(get_args(ExtensionSubtype))


def warn(
    message: str, subtype: Subtype, location: str | tuple[str, int] | nodes.Node | None
) -> None:
    """Log a warning of type ``argmap``.

    Args:
        message: What is wrong and, after ``;``, how to fix it.
        subtype: The kind of problem, for ``suppress_warnings``.
        location: ``"file:line"`` for a map or .bib file, ``(docname, line)`` or a docutils
            node for the documentation.
    """
    logger.warning(
        escape_controls(message), location=_location(location), type="argmap", subtype=subtype
    )


def verbose(message: str, subtype: str, location: str) -> None:
    """Log a message shown with ``-v`` only (a note), escaped as :func:`warn` escapes."""
    logger.verbose(
        escape_controls(message), location=_location(location), type="argmap", subtype=subtype
    )


def _location(
    location: str | tuple[str, int] | nodes.Node | None,
) -> str | tuple[str, int] | nodes.Node | None:
    return escape_controls(location) if isinstance(location, str) else location
