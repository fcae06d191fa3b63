"""Nothing lost on the way out and back: map -> AIF, xAIF, argmap JSON or Argdown -> map.

Every export keeps the whole header (title, bibliography, analysed, unmapped, expect) and every
node field (kind, text, thesis, at, note, ignore, cites with locators, reasons linked and
convergent with their names, rebuttals and undercuts), and reading the export back gives the
same map, positions aside. Maps drawn by hypothesis use every field; the article's map and
examples/first-map are tried as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap import LoadError, load
from argmap.interchange.aif import dump_aif, parse_aif
from argmap.interchange.argdown import parse_argdown, to_argdown
from argmap.interchange.dispatch import ExportFormat, export_text, import_file
from argmap.interchange.json import parse_map_json, to_json
from argmap.interchange.yaml import to_yaml
from argmap.model import (
    NODE_KINDS,
    ArgumentMap,
    Attack,
    Citation,
    Expectation,
    Locator,
    LocatorLabel,
    Reason,
    Suppression,
)

REPO = Path(__file__).resolve().parents[1]

#: How each format is written and read back.
FORMATS: dict[str, tuple[Callable[[ArgumentMap], str], Callable[[str], ArgumentMap]]] = {
    "aif": (dump_aif, lambda text: parse_aif(text, file="m.json").map),
    "xaif": (
        lambda m: dump_aif(m, shape="xaif"),
        lambda text: parse_aif(text, file="m.json").map,
    ),
    "json": (to_json, lambda text: parse_map_json(text, file="m.json").map),
    "argdown": (to_argdown, lambda text: parse_argdown(text, file="m.argdown").map),
}


def comparable(argument_map: ArgumentMap, *, sources: bool) -> ArgumentMap:
    """The map as a file carries it: no files read, problems, notes or analysed text.

    AIF and Argdown carry the bibliography's path, not its entries (argmap JSON carries both).
    """
    return attrs.evolve(
        argument_map,
        files=(),
        problems=(),
        text=None,
        notes=(),
        sources=argument_map.sources if sources else {},
    )


def round_trip(argument_map: ArgumentMap, through: str) -> ArgumentMap:
    write, read = FORMATS[through]
    return read(write(argument_map))


def assert_same(argument_map: ArgumentMap, through: str) -> None:
    back = round_trip(argument_map, through)
    sources = through == "json"
    assert comparable(back, sources=sources) == comparable(argument_map, sources=sources)


# -- maps drawn by hypothesis ---------------------------------------------------------------------

_ID = st.from_regex(r"[A-Za-z][A-Za-z0-9_-]{0,6}", fullmatch=True)
#: Any text a YAML map can hold: not blank, no lone surrogate, several lines allowed.
_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=14).filter(
    str.strip
)
_LABELS = st.sampled_from(list(LocatorLabel))
_LOCATOR_VALUE = _TEXT.map(str.strip)
_REASON = st.text(st.characters(blacklist_categories=("Cs",)), max_size=6)
_CODES = st.from_regex(r"AM0[0-2][0-9]", fullmatch=True)


@st.composite
def reasons_of(draw: st.DrawFn, ids: list[str]) -> tuple[Reason, ...]:
    """Linked and convergent reasons, named (unique names) or not."""
    premises = draw(
        st.lists(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True), max_size=3)
    )
    if premises and draw(st.booleans()):
        names = draw(st.lists(_ID, min_size=len(premises), max_size=len(premises), unique=True))
        return tuple(Reason(tuple(p), name) for p, name in zip(premises, names, strict=True))
    return tuple(Reason(tuple(p)) for p in premises)


@st.composite
def attacks_of(
    draw: st.DrawFn, ids: list[str], reasons: dict[str, tuple[Reason, ...]]
) -> tuple[Attack, ...]:
    """Rebuttals and undercuts (by number, or by name when the reason has one), not mixed."""
    rebuttals = [Attack(t) for t in draw(st.lists(st.sampled_from(ids), max_size=2, unique=True))]
    places = [(node_id, n) for node_id in ids for n in range(1, len(reasons[node_id]) + 1)]
    chosen = draw(st.lists(st.sampled_from(places), max_size=2, unique=True)) if places else []
    undercuts = []
    for target, number in chosen:
        name = reasons[target][number - 1].name
        undercuts.append(Attack(target, number, name if draw(st.booleans()) else None))
    if draw(st.booleans()):
        return (*undercuts, *rebuttals)
    return (*rebuttals, *undercuts)


@st.composite
def citations(draw: st.DrawFn) -> Citation:
    key = draw(st.from_regex(r"[A-Za-z][A-Za-z0-9:_-]{0,8}", fullmatch=True))
    if draw(st.booleans()):
        return Citation(key)
    return Citation(key, Locator(draw(_LABELS), draw(_LOCATOR_VALUE)))


@st.composite
def argument_maps(draw: st.DrawFn) -> ArgumentMap:
    """Draw a map as the YAML loader gives it, using every field a map file holds."""
    ids = draw(st.lists(_ID, min_size=1, max_size=6, unique=True))
    reasons = {node_id: draw(reasons_of(ids)) for node_id in ids}
    nodes = []
    for node_id in ids:
        kind = draw(st.sampled_from(list(NODE_KINDS)))
        codes = draw(st.lists(_CODES, max_size=2, unique=True))
        nodes.append(
            NODE_KINDS[kind](
                id=node_id,
                text=draw(_TEXT),
                thesis=kind == "claim" and draw(st.booleans()),
                reasons=reasons[node_id],
                attacks=draw(attacks_of(ids, reasons)),
                citations=tuple(draw(st.lists(citations(), max_size=2))),
                at=tuple(draw(st.lists(st.integers(1, 10**6), max_size=3))),
                note=draw(st.none() | _TEXT),
                ignore=tuple(Suppression(code, draw(_REASON)) for code in codes),
            )
        )
    expected = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3))
    return ArgumentMap(
        nodes=tuple(nodes),
        title=draw(st.none() | _TEXT),
        bibliography=draw(st.none() | _TEXT),
        analysed=draw(st.none() | _TEXT),
        unmapped=draw(st.dictionaries(st.integers(1, 10**6), _TEXT, max_size=2)),
        expected=tuple(
            Expectation(node, draw(st.sampled_from(["in", "out", "undec"]))) for node in expected
        ),
    )


@pytest.mark.parametrize("through", list(FORMATS))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_map=argument_maps())
def test_any_map_comes_back_the_same(through: str, argument_map: ArgumentMap) -> None:
    assert_same(argument_map, through)


# -- real maps ------------------------------------------------------------------------------------


@pytest.mark.parametrize("through", list(FORMATS))
@pytest.mark.parametrize("folder", ["arguments", "examples/first-map"])
def test_real_map_comes_back_the_same(folder: str, through: str) -> None:
    argument_map = load(REPO / folder)
    assert argument_map.nodes
    assert_same(argument_map, through)


# -- import into another folder: the bibliography still found (issue 18.3) ------------------------

BIB = "@book{walt1987, author = {Walt, Stephen}, title = {Origins}, year = {1987}}\n"
CITING = """\
map:
  title: Small
  bibliography: ../refs/references.bib
nodes:
  T1: {claim: The thesis., thesis: true, because: P1}
  P1: {premise: A premise., cites: [{key: walt1987, page: 4}]}
"""


def imported_into(source: Path, folder: Path) -> ArgumentMap:
    """Import ``source`` into ``folder`` as ``argmap import SOURCE -o FOLDER`` does."""
    result = import_file(source)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{source.stem}.yaml"
    comment = f"Imported by argmap from {source}"
    target.write_text(to_yaml(result.map, comment=comment, folder=folder), encoding="utf-8")
    return load(target)


@pytest.mark.parametrize("to", ["argdown", "aif", "xaif", "json"])
@pytest.mark.parametrize("depth", ["sibling", "deeper/still/below", "."])
def test_an_export_imported_elsewhere_still_finds_its_bibliography(
    to: ExportFormat, depth: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    (project / "refs").mkdir()
    (project / "refs" / "references.bib").write_text(BIB, encoding="utf-8")
    (project / "map").mkdir()
    (project / "map" / "map.yaml").write_text(CITING, encoding="utf-8")
    monkeypatch.chdir(project)
    original = load(Path("map"))
    (project / "out").mkdir()
    exported = Path("out") / ("debate.argdown" if to == "argdown" else "debate.json")
    exported.write_text(export_text(original, to, folder="out"), encoding="utf-8")
    back = imported_into(exported, Path("imported") / depth)
    assert dict(back.sources) == dict(original.sources)
    assert back.nodes == original.nodes
    assert Path(back.files[0]).parent.joinpath(back.bibliography or "").resolve() == (
        project / "refs" / "references.bib"
    )


def test_a_bibliography_that_is_not_found_is_left_out_with_a_comment(tmp_path: Path) -> None:
    source = tmp_path / "debate.argdown"
    source.write_text(
        '===\nargmap: {"bibliography": "gone.bib"}\n===\n\n[T1]: The thesis. #claim #thesis\n',
        encoding="utf-8",
    )
    (tmp_path / ".git").mkdir()
    text = to_yaml(import_file(source).map, folder=tmp_path / "out")
    assert "bibliography:" not in text.replace("# bibliography", "")
    assert text.startswith(
        f"# bibliography `gone.bib` named by {source} was not found (looked for "
        f"`{tmp_path / 'gone.bib'}`); left out so that this map loads\n"
    )
    back = imported_into(source, tmp_path / "out")
    assert back.bibliography is None
    assert [node.id for node in back.nodes] == ["T1"]


def test_a_citing_map_without_a_bibliography_names_the_one_it_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "references.bib").write_text(BIB, encoding="utf-8")
    source = tmp_path / "src" / "debate.argdown"
    source.write_text(
        '[T1]: The thesis. #claim #thesis\n  <+ [P1]: A premise. #premise {"cites": '
        '[{"key": "walt1987"}]}\n',
        encoding="utf-8",
    )
    assert load(source).sources.keys() == {"walt1987"}
    back = imported_into(source, tmp_path / "out")
    assert back.bibliography == "../src/references.bib"
    assert back.sources.keys() == {"walt1987"}


def test_a_map_whose_bibliography_the_folder_finds_anyway_is_left_as_it_is(
    tmp_path: Path,
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "references.bib").write_text(BIB, encoding="utf-8")
    source = tmp_path / "debate.argdown"
    source.write_text(
        '[T1]: The thesis. #claim #thesis\n  <+ [P1]: A premise. #premise {"cites": '
        '[{"key": "walt1987"}]}\n',
        encoding="utf-8",
    )
    back = imported_into(source, tmp_path / "out")
    assert back.bibliography is None
    assert back.sources.keys() == {"walt1987"}


def test_import_reads_argmap_json_back_unless_told_it_is_aif(tmp_path: Path) -> None:
    argument_map = load(REPO / "examples" / "first-map")
    path = tmp_path / "map.json"
    path.write_text(to_json(argument_map), encoding="utf-8")
    result = import_file(path)
    assert result.report.format == "argmap JSON"
    assert result.map.nodes == argument_map.nodes
    with pytest.raises(LoadError, match="this is argmap's own JSON"):
        import_file(path, kind="aif")


def test_a_map_made_in_memory_is_written_as_it_is() -> None:
    argument_map = parse_argdown(
        '===\nargmap: {"bibliography": "refs.bib"}\n===\n\n[T1]: The thesis. #claim #thesis\n'
    ).map
    assert "  bibliography: refs.bib\n" in to_yaml(argument_map, folder="elsewhere")
