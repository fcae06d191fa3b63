"""diagnostics.to_json writes the text json.dumps(indent=2, ensure_ascii=False) writes.

to_json writes each finding in one step rather than through json's indented encoder; these
tests hold it to json's own text, for any strings and for diagnostics made in code with other
types than the declared ones (which go through json itself).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from argmap.diagnostics import Diagnostic, Severity, to_json


def _json(diagnostics: Sequence[Diagnostic]) -> str:
    return json.dumps([d.to_dict() for d in diagnostics], indent=2, ensure_ascii=False) + "\n"


_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=12)
_DIAGNOSTIC = st.builds(
    Diagnostic,
    code=_TEXT,
    name=_TEXT,
    severity=st.sampled_from(Severity),
    node=st.none() | _TEXT,
    file=_TEXT,
    line=st.integers(),
    column=st.integers(),
    message=_TEXT,
)


@given(st.lists(_DIAGNOSTIC, max_size=4))
def test_any_findings_give_the_text_json_gives(diagnostics: list[Diagnostic]) -> None:
    assert to_json(diagnostics) == _json(diagnostics)


def test_no_finding_is_an_empty_array() -> None:
    assert to_json([]) == "[]\n" == _json([])


def test_controls_quotes_surrogates_and_emoji_are_escaped_as_json_escapes_them() -> None:
    finding = Diagnostic(
        code="AM001",
        name="unsupported-claim",
        severity=Severity.WARNING,
        node='say "no"',
        file="dir\\map\ud800.yaml",
        line=3,
        column=5,
        message="tab\there\x00, line\u2028sep, \x7f and \U0001f600 stay",
    )
    assert to_json([finding]) == _json([finding])


def test_fields_of_other_types_made_in_code_are_written_by_json() -> None:
    finding = Diagnostic(
        code="AM001",
        name="unsupported-claim",
        severity=Severity.INFO,
        node=None,
        file="map.yaml",
        line=True,  # a bool is an int, but json writes true
        column=1.5,  # type: ignore[arg-type]
        message="m",
    )
    text = to_json([finding])
    assert text == _json([finding])
    assert '"line": true' in text
    assert '"column": 1.5' in text
