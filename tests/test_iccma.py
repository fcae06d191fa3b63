from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.errors import LoadError
from argmap.interchange import iccma
from argmap.interchange.iccma import (
    TASKS,
    Answer,
    Format,
    Problem,
    Task,
    detect_format,
    format_answer,
    parse_framework,
    read_framework,
    solve,
)
from argmap.semantics import Framework, Semantics, extensions, grounded

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "iccma"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="ICCMA corpus not present")


def corpus_files(pattern: str) -> list[Path]:
    return sorted(CORPUS.glob(pattern)) if CORPUS.is_dir() else []


def ids(paths: list[Path]) -> list[str]:
    return [str(path.relative_to(CORPUS)) for path in paths]


def names(found: list[tuple[str, ...]]) -> set[frozenset[str]]:
    return {frozenset(extension) for extension in found}


# -- third-party reference solutions (ArgSemSAT) -----------------------------------------------

SEMANTICS_FILES = {
    "grounded": Semantics.GROUNDED,
    "complete": Semantics.COMPLETE,
    "preferred": Semantics.PREFERRED,
    "stable": Semantics.STABLE,
}
ARGSEMSAT = [
    path
    for path in corpus_files("argsemsat-tests/*.dl.*")
    if path.suffix.lstrip(".") in SEMANTICS_FILES
]
WRONG = [
    path
    for path in corpus_files("argsemsat-tests/*.dl.wrong_*")
    if path.suffix.removeprefix(".wrong_") in SEMANTICS_FILES
]


def argsemsat_solution(path: Path) -> set[frozenset[str]]:
    """One extension per line, ``{in(a1), in(a2)}``; an empty file means no extension."""
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {frozenset(re.findall(r"in\(([^)]+)\)", line)) for line in lines}


@needs_corpus
@pytest.mark.parametrize("solution", ARGSEMSAT, ids=ids(ARGSEMSAT))
def test_argsemsat_reference_solutions(solution: Path) -> None:
    framework = read_framework(solution.with_suffix(""))
    semantics = SEMANTICS_FILES[solution.suffix.lstrip(".")]
    assert names(extensions(framework, semantics)) == argsemsat_solution(solution)


@needs_corpus
@pytest.mark.parametrize("solution", WRONG, ids=ids(WRONG))
def test_deliberately_wrong_solutions_do_not_match(solution: Path) -> None:
    framework = read_framework(solution.with_suffix(""))
    semantics = SEMANTICS_FILES[solution.suffix.removeprefix(".wrong_")]
    assert names(extensions(framework, semantics)) != argsemsat_solution(solution)


def test_argsemsat_corpus_is_complete() -> None:
    if not CORPUS.is_dir():
        pytest.skip("ICCMA corpus not present")
    assert len(ARGSEMSAT) == 12
    assert len(WRONG) == 4


# -- grounded extensions derived for the corpus -------------------------------------------------

DERIVED = corpus_files("derived-grounded/**/*.SE-GR")


@needs_corpus
@pytest.mark.parametrize("solution", DERIVED, ids=ids(DERIVED))
def test_derived_grounded_extensions(solution: Path) -> None:
    instance = CORPUS / solution.relative_to(CORPUS / "derived-grounded").with_suffix("")
    framework = read_framework(instance)
    expected = solution.read_text(encoding="utf-8").strip()
    answer = solve(framework, Task.parse("SE-GR"))
    if instance.suffix == ".af":
        # ICCMA 2023 output, arguments in increasing number: must match character for character.
        assert format_answer(answer) == expected
    else:
        # ICCMA 2019 output [a1,a5]: compare as sets.
        inside = expected.strip("[]")
        assert set(answer.extension or ()) == (set(inside.split(",")) if inside else set())


def test_derived_corpus_is_complete() -> None:
    if not CORPUS.is_dir():
        pytest.skip("ICCMA corpus not present")
    assert len(DERIVED) == 18


# -- ICCMA 2019 dynamic track: answers for the initial framework --------------------------------

DYNAMIC = corpus_files("iccma2019-dynamic/*")
ANSWERS = corpus_files("iccma2019-dynamic/*/*.out")
FORMATS = (".apx", ".tgf", ".af")


def dynamic_query(folder: Path, suffix: str) -> str:
    """The query argument: ``.apx.arg`` or the ``# query -> k`` comment of the ``.af`` file."""
    instance = folder / folder.name
    af_text = instance.with_suffix(".af").read_text(encoding="utf-8")
    number = re.search(r"^# query -> (\d+)$", af_text, re.MULTILINE)
    assert number is not None
    if suffix == ".af":
        return number.group(1)
    dictionary = instance.with_suffix(".dic").read_text(encoding="utf-8")
    by_number = dict(re.findall(r"^(\S+) -> (\d+)$", dictionary, re.MULTILINE))
    name = next(name for name, value in by_number.items() if value == number.group(1))
    argument_file = instance.with_suffix(".apx.arg")
    if argument_file.exists():
        assert argument_file.read_text(encoding="utf-8").strip() == name
    return name


@needs_corpus
@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize("answers", ANSWERS, ids=ids(ANSWERS))
def test_dynamic_track_initial_answers(answers: Path, suffix: str) -> None:
    header, first = answers.read_text(encoding="utf-8").split()[:2]
    problem, semantics, _ = header.split("-")
    folder = answers.parent
    framework = read_framework((folder / folder.name).with_suffix(suffix))
    # Complete semantics: credulous acceptance is credulous preferred acceptance, sceptical
    # acceptance is membership of the grounded extension; both are what solve() does for CO.
    task = Task.parse(f"{problem}-{semantics}")
    answer = solve(framework, task, dynamic_query(folder, suffix))
    assert format_answer(answer) == first


@needs_corpus
@pytest.mark.parametrize("folder", DYNAMIC, ids=ids(DYNAMIC))
def test_dynamic_track_formats_describe_one_framework(folder: Path) -> None:
    instance = folder / folder.name
    apx = read_framework(instance.with_suffix(".apx"))
    tgf = read_framework(instance.with_suffix(".tgf"))
    af = read_framework(instance.with_suffix(".af"))
    dictionary = instance.with_suffix(".dic").read_text(encoding="utf-8")
    number = dict(re.findall(r"^(\S+) -> (\d+)$", dictionary, re.MULTILINE))
    assert set(apx.attacks) == set(tgf.attacks)
    assert {(number[a], number[b]) for a, b in apx.attacks} == set(af.attacks)
    assert sorted(number[name] for name in apx.arguments) == sorted(af.arguments)


ALL_INSTANCES = [
    path
    for pattern in ("**/*.af", "**/*.apx", "**/*.tgf", "**/*.dl")
    for path in corpus_files(pattern)
]


@needs_corpus
@pytest.mark.parametrize("instance", ALL_INSTANCES, ids=ids(ALL_INSTANCES))
def test_every_corpus_instance_reads_the_same_both_ways(instance: Path) -> None:
    text = instance.read_text(encoding="utf-8")
    fast = read_framework(instance)
    slow = {
        Format.ICCMA23: lambda: slow_iccma23(text, str(instance)),
        Format.ASPARTIX: lambda: iccma._slow_aspartix(text, str(instance)),
        Format.TGF: lambda: iccma._slow_tgf(text, str(instance)),
    }[detect_format(text, str(instance))]()
    assert fast == slow
    assert len(fast) > 0


def slow_iccma23(text: str, file: str) -> Framework:
    count, sources, destinations = iccma._slow_iccma23(text, file)
    return Framework.from_indices([str(n) for n in range(1, count + 1)], sources, destinations)


# -- reading the three formats ---------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8", newline="")
    return path


def test_iccma23_format(tmp_path: Path) -> None:
    text = "# generated\np af 4\n# 1 is a\n1 2\n\n2 3\r\n  3\t1  \n# end\n"
    framework = read_framework(write(tmp_path, "x.af", text))
    assert framework.arguments == ("1", "2", "3", "4")
    assert sorted(framework.attacks) == [("1", "2"), ("2", "3"), ("3", "1")]
    assert read_framework(write(tmp_path, "empty.i23", "p af 0\n")).arguments == ()


def test_aspartix_format(tmp_path: Path) -> None:
    text = "% a comment\narg(a). arg( b ).arg(c).  % trailing\natt(a,b). att( b , c ).\n"
    text += "att(c,\n a).\narg(a).\natt(a,b).\n"
    framework = read_framework(write(tmp_path, "x.apx", text))
    assert framework.arguments == ("a", "b", "c")
    assert sorted(framework.attacks) == [("a", "b"), ("b", "c"), ("c", "a")]
    assert read_framework(write(tmp_path, "empty.dl", "% nothing\n")).arguments == ()


def test_tgf_format(tmp_path: Path) -> None:
    framework = read_framework(write(tmp_path, "x.tgf", "a\nb\r\n\nc\n#\na b\nb\tc\n"))
    assert framework.arguments == ("a", "b", "c")
    assert sorted(framework.attacks) == [("a", "b"), ("b", "c")]
    assert read_framework(write(tmp_path, "only.tgf", "x\ny\n")).arguments == ("x", "y")


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    framework = read_framework(write(tmp_path, "bom.af", b"\xef\xbb\xbfp af 2\n1 2\n"))
    assert list(framework.attacks) == [("1", "2")]


def test_content_decides_before_suffix(tmp_path: Path) -> None:
    assert detect_format("p af 2\n1 2\n", "x.tgf") is Format.ICCMA23
    assert detect_format("% c\n\narg(a).\n", "x.af") is Format.ASPARTIX
    assert detect_format("# comment\np af 1\n", "x.txt") is Format.ICCMA23
    assert detect_format("a\nb\n", "x.TGF") is Format.TGF
    assert detect_format("a\n#\n", "x.txt") is Format.TGF
    assert detect_format("", "x.dl") is Format.ASPARTIX
    framework = read_framework(write(tmp_path, "mislabelled.af", "arg(x).\n"))
    assert framework.arguments == ("x",)


def test_format_can_be_forced() -> None:
    framework = parse_framework("a\nb\n#\na b\n", Format.TGF)
    assert list(framework.attacks) == [("a", "b")]


# -- malformed input: one error, exactly placed ---------------------------------------------------


def load_error(tmp_path: Path, name: str, text: str | bytes) -> str:
    with pytest.raises(LoadError) as caught:
        read_framework(write(tmp_path, name, text))
    assert len(caught.value.errors) == 1
    error = caught.value.errors[0]
    assert error.hint
    return f"{Path(error.file).name}:{error.line}:{error.column}: {error.message}"


MALFORMED = [
    ("empty.af", "", "empty.af:1:1: missing the header `p af N`"),
    ("comments.af", "# only\n", "comments.af:1:1: missing the header `p af N`"),
    (
        "noheader.af",
        "# c\n1 2\n",
        "noheader.af:2:1: expected the header `p af N`, found `1 2`",
    ),
    ("badcount.af", "p af three\n", "badcount.af:1:1: bad header `p af three`"),
    ("badkind.af", "\n  p aba 3\n", "badkind.af:2:3: bad header `p aba 3`"),
    ("twoheaders.af", "p af 3\n1 2\np af 3\n", "twoheaders.af:3:1: a second header line"),
    (
        "three.af",
        "p af 3\n1 2\n1 2 3\n",
        "three.af:3:1: expected an attack `i j` (two argument numbers), found `1 2 3`",
    ),
    (
        "one.af",
        "p af 3\n 2\n",
        "one.af:2:2: expected an attack `i j` (two argument numbers), found `2`",
    ),
    ("word.af", "p af 3\n1 b\n", "word.af:2:3: `b` is not an argument number"),
    ("negative.af", "p af 3\n1 -2\n", "negative.af:2:3: `-2` is not an argument number"),
    (
        "trailing.af",
        "p af 3\n1 2 # c\n",
        "trailing.af:2:1: expected an attack `i j` (two argument numbers), found `1 2 # c`",
    ),
    (
        "range.af",
        "p af 3\n1 2\n3   4\n",
        "range.af:3:5: argument 4 is out of range: the header `p af 3` declares arguments 1 to 3",
    ),
    (
        "zero.af",
        "p af 3\n0 1\n",
        "zero.af:2:1: argument 0 is out of range: the header `p af 3` declares arguments 1 to 3",
    ),
    (
        "garbage.apx",
        "arg(a).\narg(b). hello att(a,b).\n",
        "garbage.apx:2:9: expected a fact `arg(NAME).` or `att(NAME,NAME).`, found `hello`",
    ),
    ("period.apx", "arg(a)\narg(b).\n", "period.apx:1:1: missing `.` after `arg(a)`"),
    (
        "arity.apx",
        "arg(a).\natt(a).\n",
        "arity.apx:2:1: expected a fact `arg(NAME).` or `att(NAME,NAME).`, found `att(a).`",
    ),
    (
        "unknown.apx",
        "arg(a1).\narg(b).\n  att(a1,a2).\n",
        "unknown.apx:3:3: attack `att(a1,a2)` names `a2`, which no `arg(a2).` declares",
    ),
    (
        "spaces.tgf",
        "a\nb c\n#\n",
        "spaces.tgf:2:3: expected one argument name, found `b c`",
    ),
    ("edge.tgf", "a\nb\n#\na\n", "edge.tgf:4:1: expected an attack `from to`, found `a`"),
    (
        "carriage.tgf",
        "a\r b\n#\n",
        "carriage.tgf:1:4: expected one argument name, found `a b`",
    ),
    ("unknown.tgf", "a\nb\n#\na b\nb  z\n", "unknown.tgf:5:4: unknown argument `z`"),
    ("what.txt", "hello\n", "what.txt:1:1: cannot tell the format of this framework file"),
    (
        "latin1.af",
        b"p af 2\n# caf\xe9\n1 2\n",
        "latin1.af:2:6: the file is not valid UTF-8 (byte 0xe9)",
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "expected"), MALFORMED, ids=[case[0] for case in MALFORMED]
)
def test_malformed_files(tmp_path: Path, name: str, text: str | bytes, expected: str) -> None:
    assert load_error(tmp_path, name, text) == expected


def test_error_hints_help(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as caught:
        read_framework(write(tmp_path, "u.apx", "arg(alpha).\natt(alpha,alpah).\n"))
    error = caught.value.errors[0]
    assert error.hint == "did you mean `alpha`? Otherwise add `arg(alpah).`"
    assert str(caught.value).startswith(f"{tmp_path / 'u.apx'}:2:1: error: attack")
    with pytest.raises(LoadError) as caught:
        read_framework(write(tmp_path, "r.af", "p af 2\n1 3\n"))
    assert caught.value.errors[0].hint == "fix the attack, or raise N in the header"


def test_missing_file_and_folder(tmp_path: Path) -> None:
    missing = tmp_path / "missing.af"
    with pytest.raises(LoadError) as caught:
        read_framework(missing)
    error = caught.value.errors[0]
    assert (error.file, error.line, error.column) == (str(missing), 1, 1)
    assert error.message == f"cannot read `{missing}`: no such file or directory"
    with pytest.raises(LoadError) as caught:
        read_framework(tmp_path)
    assert caught.value.errors[0].message == f"cannot read `{tmp_path}`: is a directory"


def test_parse_errors_name_the_given_file() -> None:
    with pytest.raises(LoadError) as caught:
        parse_framework("p af 1\n1 2\n", file="inline.af")
    assert str(caught.value.errors[0]).startswith("inline.af:2:3: error: argument 2 is out")


# -- tasks and answers ---------------------------------------------------------------------------


def test_task_names() -> None:
    assert Task.parse("SE-GR") == Task(Problem.SE, Semantics.GROUNDED)
    assert Task.parse(" ds-st ") == Task(Problem.DS, Semantics.STABLE)
    assert str(Task(Problem.DC, Semantics.PREFERRED)) == "DC-PR"
    assert len(TASKS) == 12
    assert {"SE-GR", "DC-PR", "DS-ST", "DC-CO"} <= set(TASKS)
    assert all(str(Task.parse(name)) == name for name in TASKS)
    assert not Task.parse("SE-PR").needs_argument
    assert Task.parse("DS-PR").needs_argument
    for bad in ("SE", "EE-PR", "SE-XX", "DC-PR-D", ""):
        with pytest.raises(ValueError, match="unknown task"):
            Task.parse(bad)


ODD = "p af 4\n1 2\n2 3\n3 1\n4 4\n"  # a 3-cycle and a self-attacker: no stable extension
FLOATING = "p af 4\n1 2\n2 1\n1 3\n2 3\n3 4\n"


@pytest.mark.parametrize(
    ("text", "task", "argument", "printed"),
    [
        ("p af 3\n1 2\n2 3\n", "SE-GR", None, "w 1 3"),
        ("p af 3\n1 2\n2 3\n", "SE-ST", None, "w 1 3"),
        (ODD, "SE-GR", None, "w"),
        (ODD, "SE-PR", None, "w"),
        (ODD, "SE-CO", None, "w"),
        (ODD, "SE-ST", None, "NO"),
        (ODD, "DC-ST", "1", "NO"),
        (ODD, "DS-ST", "1", "YES"),
        (ODD, "DS-PR", "1", "NO"),
        (FLOATING, "DS-PR", "4", "YES"),
        (FLOATING, "DS-GR", "4", "NO"),
        (FLOATING, "DC-GR", "4", "NO"),
        (FLOATING, "DC-PR", "3", "NO"),
        (FLOATING, "DC-ST", "1", "YES"),
        (FLOATING, "DS-CO", "4", "NO"),
        (FLOATING, "DC-CO", "2", "YES"),
        ("p af 0\n", "SE-ST", None, "w"),
    ],
)
def test_answers_print_as_iccma_2023(
    text: str, task: str, argument: str | None, printed: str
) -> None:
    assert format_answer(solve(parse_framework(text), Task.parse(task), argument)) == printed


def test_certificates() -> None:
    framework = parse_framework(FLOATING)
    yes = solve(framework, Task.parse("DC-PR"), "1")
    assert yes == Answer(Task.parse("DC-PR"), accepted=True, extension=("1", "4"))
    assert format_answer(yes, certificate=True) == "YES\nw 1 4"
    no = solve(framework, Task.parse("DS-ST"), "1")
    assert format_answer(no, certificate=True) == "NO\nw 2 4"
    assert format_answer(solve(framework, Task.parse("DC-PR"), "3"), certificate=True) == "NO"
    assert format_answer(solve(framework, Task.parse("DS-PR"), "4"), certificate=True) == "YES"


def test_solve_usage_errors() -> None:
    framework = parse_framework("p af 2\n1 2\n")
    with pytest.raises(ValueError, match="takes no query argument"):
        solve(framework, Task.parse("SE-PR"), "1")
    with pytest.raises(ValueError, match="needs a query argument"):
        solve(framework, Task.parse("DC-PR"))
    with pytest.raises(ValueError, match="no argument `3` in the framework"):
        solve(framework, Task.parse("DS-ST"), "3")


def test_names_follow_the_file(tmp_path: Path) -> None:
    framework = read_framework(write(tmp_path, "n.apx", "arg(z). arg(y). att(y,z)."))
    assert format_answer(solve(framework, Task.parse("SE-GR"))) == "w y"
    assert grounded(framework).extension == ("y",)


# -- declared sizes and long numbers (issue 14) --------------------------------------------------


def only_error(text: str) -> str:
    with pytest.raises(LoadError) as caught:
        parse_framework(text, file="x.af")
    [error] = caught.value.errors
    assert error.hint
    return f"{error.file}:{error.line}:{error.column}: {error.message}"


@pytest.mark.parametrize(
    ("declared", "shown"),
    [
        ("10000001", "10000001"),
        ("100000000", "100000000"),
        ("9" * 5000, "999999999999... (5,000 digits)"),  # int() refuses over 4,300 digits
    ],
    ids=["bound+1", "10^8", "5000-digits"],
)
def test_a_declared_count_over_the_bound_is_one_located_error(declared: str, shown: str) -> None:
    assert iccma.MAX_ARGUMENTS == 10_000_000  # the documented bound
    assert only_error(f"p af {declared}\n1 2\n") == (
        f"x.af:1:1: the header declares {shown} arguments, over argmap's limit of 10,000,000"
    )


def test_a_count_with_leading_zeros_is_its_value() -> None:
    framework = parse_framework("p af " + "0" * 5000 + "3\n1 " + "0" * 5000 + "2\n")
    assert framework.arguments == ("1", "2", "3")
    assert list(framework.attacks) == [("1", "2")]


@pytest.mark.parametrize("where", ["fast", "slow"])
def test_an_attack_number_of_thousands_of_digits_is_one_located_error(where: str) -> None:
    # The slow path: a line the fast path refuses (a comment after the numbers) comes later.
    tail = "" if where == "fast" else "2 3 # c\n"
    assert only_error("p af 3\n1 " + "9" * 5000 + "\n" + tail) == (
        "x.af:2:3: argument 999999999999... (5,000 digits) is out of range: the header "
        "`p af 3` declares arguments 1 to 3"
    )


def test_non_ascii_digits_are_no_numbers() -> None:
    assert only_error("p af 3\n1 \N{SUPERSCRIPT TWO}\n") == (
        "x.af:2:3: `\N{SUPERSCRIPT TWO}` is not an argument number"
    )
    assert only_error("p af \N{SUPERSCRIPT THREE}\n") == (
        "x.af:1:1: bad header `p af \N{SUPERSCRIPT THREE}`"
    )


def test_memory_follows_the_attacks_not_the_declared_count() -> None:
    import tracemalloc

    count = 200_000
    tracemalloc.start()
    try:
        framework = parse_framework(f"p af {count}\n1 2\n2 3\n")
        answer = format_answer(solve(framework, Task.parse("SE-GR")))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert answer.startswith("w 1 3 4 5 ")
    # The names alone take about 60 bytes each; indexing them and labelling with one list per
    # argument took over 300 bytes per declared argument.
    assert peak / count < 160, f"{peak / count:.0f} bytes per declared argument"
