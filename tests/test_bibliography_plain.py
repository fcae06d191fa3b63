"""Plain .bib files are split without bibtexparser: the same sources and problems either way."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap import bibliography
from argmap.bibliography import Bibliography

ROOT = Path(__file__).parents[1]
CORPUS = ROOT.parent / "shared" / "corpora" / "bibtex"
BIB_FILES = sorted(
    [*ROOT.glob("*.bib"), *ROOT.glob("examples/**/*.bib"), *ROOT.glob("tests/**/*.bib")]
    + (sorted(CORPUS.glob("**/*.bib")) if CORPUS.exists() else [])
)
#: Where a block starts, to cut a file into one-block texts.
BLOCK_START = re.compile(r"^(?=[ \t]*@)", re.MULTILINE)


def by_bibtexparser(files: list[tuple[str, str]]) -> Bibliography:
    """The result of bibtexparser's way, which every file set took before the plain one."""
    builder = bibliography._Builder([name for name, _ in files])
    for name, text in files:
        builder.parse(name, text)
    return builder.finish()


def seen(result: Bibliography) -> list[object]:
    """Everything a result tells, positions included (a source's position is not in equality)."""
    sources = [
        (key, source.entry_type, list(source.fields.items()), source.position)
        for key, source in result.sources.items()
    ]
    return [sources, list(result.problems)]


def assert_same(files: list[tuple[str, str]]) -> bool:
    """Both ways give the same; return whether the plain way was taken."""
    plain = bibliography._plain_files(files) is not None
    assert seen(bibliography._build([n for n, _ in files], files)) == seen(by_bibtexparser(files))
    return plain


def test_a_plain_file_is_split_without_bibtexparser() -> None:
    text = (
        "@Article{smith2020,\n"
        '  Author = {Smith, {\\"O}ne and Two},\n'
        '  title  = "A title, with a comma",\n'
        "  year   = 2020,\n"
        "  note   = {nested {braces} and \\{ an escaped one},\n"
        "  pages  = {},\n"
        "}\n\n"
        "@book{b, title = {B}, crossref = {smith2020}}"
    )
    assert assert_same([("refs.bib", text)])
    sources = bibliography._build(["refs.bib"], [("refs.bib", text)]).sources
    assert sources["smith2020"].fields["note"] == "nested {braces} and \\{ an escaped one"
    assert sources["smith2020"].position.line == 1
    assert sources["b"].fields["booktitle"] == "A title, with a comma"  # from the crossref
    assert sources["b"].position.line == 9


@pytest.mark.parametrize(
    "text",
    [
        "% a comment\n@misc{a, title = {A}}",
        "@string{me = {Me}}\n@misc{a, author = me}",
        "@misc{a, month = jan}",
        "@misc{a, title = {A} # {B}}",
        "@misc(a, title = {A})",
        "@misc{a}",
        "@misc{a, title = {A}, title = {B}}",
        "@misc{a, Title = {A}, title = {B}}",
        "@misc{a, title = {A}}\n@misc{A, title = {B}}",
        "@misc{a, title = {A}}\n@misc{a, title = {B}}",
        "@misc{a, title = {x@example.org}}",
        "@misc{a, title = {unclosed}\n@misc{b, title = {B}}",
        "@misc{a, title = {A}} trailing words",
        "@comment{a, title = {A}}",
        '@misc{a, title = "say \\"hi\\""}',
        "@misc{, title = {A}}",
        "@misc{a, = {A}}",
    ],
)
def test_anything_else_goes_to_bibtexparser(text: str) -> None:
    assert not assert_same([("refs.bib", text)])


def test_one_file_that_is_not_plain_sends_all_of_them_to_bibtexparser() -> None:
    files = [("a.bib", "@string{me = {Me}}\n"), ("b.bib", "@misc{b, author = me}\n")]
    assert bibliography._plain_files(files) is None
    assert bibliography._build(["a.bib", "b.bib"], files).sources["b"].fields["author"] == "Me"


@pytest.mark.parametrize("path", BIB_FILES, ids=lambda path: path.name)
def test_every_known_file_and_each_of_its_blocks_gives_the_same(path: Path) -> None:
    text = bibliography._decode(str(path), path.read_bytes())
    assert isinstance(text, str)
    assert_same([(str(path), text)])
    for block in BLOCK_START.split(text)[:400]:
        assert_same([("block.bib", block)])


# -- generated files: plain ones, and plain ones with one thing changed ------------------------

_SPACE = st.sampled_from(["", " ", "  ", "\t", "\n", " \n  ", "\n\n"])
_WORD = st.from_regex(r"[A-Za-z][A-Za-z0-9_:.+-]{0,6}", fullmatch=True)
_TEXT = st.text(alphabet=st.sampled_from(list("ab ,=\n\"'()#%@\\{}~-")), max_size=12)


@st.composite
def _braced(draw: st.DrawFn) -> str:
    inner = draw(_TEXT)
    depth = 0
    kept = []
    for char in inner:  # balance the braces the splitter counts
        if char == "}" and (depth == 0 or (kept and kept[-1] == "\\")):
            continue
        if char == "{" and not (kept and kept[-1] == "\\"):
            depth += 1
        elif char == "}":
            depth -= 1
        kept.append(char)
    return "{" + "".join(kept) + "}" * (depth + 1)


_VALUE = st.one_of(
    _braced(),
    _TEXT.map(lambda text: '"' + text.replace('"', "").replace("{", "").replace("}", "") + '"'),
    st.integers(0, 3000).map(str),
    st.sampled_from(["jan", "me", "{a} # {b}", '"a" # "b"', "x y"]),
)


@st.composite
def _entry(draw: st.DrawFn, keys: list[str]) -> str:
    kind = draw(st.sampled_from(["article", "Book", "misc", "INPROCEEDINGS", "comment"]))
    key = draw(st.sampled_from(keys))
    names = draw(st.lists(_WORD, max_size=4))
    if keys and draw(st.booleans()):
        names.append("crossref")
    fields = [
        f"{draw(_SPACE)}{name}{draw(_SPACE)}={draw(_SPACE)}"
        + (f"{{{draw(st.sampled_from(keys))}}}" if name == "crossref" else draw(_VALUE))
        + draw(_SPACE)
        for name in names
    ]
    closing = draw(st.sampled_from([",", ""])) if fields else ","
    return f"@{kind}{draw(_SPACE)}{{{draw(_SPACE)}{key}{draw(_SPACE)},{','.join(fields)}{closing}}}"


@st.composite
def _files(draw: st.DrawFn) -> list[tuple[str, str]]:
    keys = draw(st.lists(st.sampled_from(["a", "A", "b", "c1", "smith2020"]), min_size=1))
    files = []
    for number in range(draw(st.integers(1, 2))):
        entries = draw(st.lists(_entry(keys), max_size=4))
        gaps = [draw(st.sampled_from(["", "\n", "\n\n", " \n", "% note\n"])) for _ in entries]
        files.append((f"{number}.bib", "".join(g + e for g, e in zip(gaps, entries, strict=True))))
    return files


@settings(max_examples=400, deadline=None)
@given(_files())
def test_generated_files_give_the_same_either_way(files: list[tuple[str, str]]) -> None:
    assert_same(files)
