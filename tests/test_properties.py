"""Whatever YAML a user writes, argmap answers with a map or a LoadError, never a crash."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import LoadError, check, load

IDS = st.sampled_from(["T1", "C1", "C2", "E1", "P1", "A1", "O1", "x", "1bad", "C1/1", ""])
KEYS = st.sampled_from(
    [
        "claim",
        "evidence",
        "premise",
        "assumption",
        "objection",
        "thesis",
        "because",
        "attacks",
        "undercuts",
        "cites",
        "at",
        "note",
        "ignore",
        "bogus",
        "key",
        "page",
    ]
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 30),
    st.text(max_size=12),
    IDS,
    st.builds(lambda a, b: f"{a} + {b}", IDS, IDS),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.one_of(KEYS, IDS), inner, max_size=4)
    ),
    max_leaves=12,
)
NODES = st.dictionaries(
    IDS,
    st.one_of(
        st.fixed_dictionaries(
            {"claim": st.text(min_size=1, max_size=20)},
            optional={
                "because": st.one_of(IDS, st.lists(st.builds(lambda a, b: f"{a} + {b}", IDS, IDS))),
                "attacks": IDS,
                "undercuts": st.builds(lambda a, n: f"{a}/{n}", IDS, st.integers(0, 3)),
                "thesis": st.booleans(),
                "cites": st.lists(
                    st.dictionaries(st.sampled_from(["key", "page", "note", "pgae"]), SCALARS),
                    max_size=2,
                ),
                "at": st.one_of(st.integers(-1, 5), st.lists(SCALARS, max_size=2)),
                "ignore": st.dictionaries(st.sampled_from(["AM001", "AM999", "x"]), SCALARS),
            },
        ),
        st.dictionaries(KEYS, VALUES, max_size=4),
        VALUES,
    ),
    max_size=6,
)
DOCUMENTS = st.one_of(
    st.fixed_dictionaries({"nodes": NODES}, optional={"map": VALUES}),
    st.dictionaries(st.sampled_from(["nodes", "map", "other"]), VALUES, max_size=3),
    VALUES,
)


def _check_text(text: str) -> None:
    folder = Path(tempfile.mkdtemp())
    try:
        (folder / ".git").mkdir()
        (folder / "map.yaml").write_text(text, encoding="utf-8")
        try:
            argument_map = load(folder)
        except LoadError as exc:
            assert exc.errors
            for error in exc.errors:
                assert error.line >= 1
                assert error.column >= 1
                assert "\n" not in str(error)
            return
        check(argument_map)
    finally:
        shutil.rmtree(folder)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_generated_maps_load_or_fail_cleanly(document: object) -> None:
    _check_text(yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("nodes:claim{}[]-&*!#'\"\n\t ?|>%@`,T1C2+/")), max_size=80
    )
)
def test_garbage_text_loads_or_fails_cleanly(text: str) -> None:
    _check_text(text)
