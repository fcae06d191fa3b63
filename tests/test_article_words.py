"""The argument map paraphrases the analysed article: no run of 8 words is copied from it.

The article is not part of the repository; it lives in the shared seed folder next to the
checkout. When it is absent the check against the real map is skipped, but the checker itself
is still tested on small synthetic texts.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT.parent / "shared" / "seed" / "000_0a37a20204519f86.txt"
ARGUMENTS = ROOT / "arguments"
RUN = 8

_APOSTROPHE = "\u2019"  # the curly apostrophe of the article
_WORD = re.compile(r"[\w'\u2019-]+")
# A footnote marker glued to the end of a word ("ones1", "shift3.", "adversaries.2"): drop it,
# so that a sentence copied without the marker is still caught.
_FOOTNOTE = re.compile(r"(?<=[a-z])(\.?)\d(?=[\s.)]|$)", re.MULTILINE)


def words(text: str) -> list[str]:
    """Lower-cased word tokens, with curly apostrophes made straight and footnote marks dropped."""
    text = _FOOTNOTE.sub(r"\1", text.lower()).replace(_APOSTROPHE, "'")
    return _WORD.findall(text)


def runs(text: str, n: int = RUN) -> set[tuple[str, ...]]:
    """Every run of ``n`` consecutive words of a text."""
    tokens = words(text)
    return {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def copied_runs(article: str, folder: Path, n: int = RUN) -> dict[str, list[str]]:
    """Map each YAML file under ``folder`` to the article's ``n``-word runs found in it."""
    source = runs(article, n)
    found: dict[str, list[str]] = {}
    for path in sorted([*folder.rglob("*.yaml"), *folder.rglob("*.yml")]):
        shared = source & runs(path.read_text(encoding="utf-8"), n)
        if shared:
            found[path.relative_to(folder).as_posix()] = sorted(" ".join(run) for run in shared)
    return found


def test_words_are_lowercased_and_normalised() -> None:
    assert words("Russia\u2019s 102nd base, ones1. adversaries.2 Small") == [
        "russia's",
        "102nd",
        "base",
        "ones",
        "adversaries",
        "small",
    ]
    assert words("$12.4 billion") == ["12", "4", "billion"]


def test_checker_catches_a_copied_run(tmp_path: Path) -> None:
    article = "One two three four five six seven eight nine ten.\nEleven twelve."
    (tmp_path / "a.yaml").write_text("claim: one TWO three four five six seven eight\n")
    (tmp_path / "b.yaml").write_text("claim: one two three four five six seven\n")
    (tmp_path / "c.yml").write_text("claim: three four five six seven eight nine ten\n")
    assert copied_runs(article, tmp_path) == {
        "a.yaml": ["one two three four five six seven eight"],
        "c.yml": ["three four five six seven eight nine ten"],
    }


def test_checker_catches_runs_across_lines_and_punctuation(tmp_path: Path) -> None:
    article = (
        "Russia\u2019s capacity, in decline, shapes Armenia\u2019s choices"
        " \u2014 not its ideology3."
    )
    (tmp_path / "m.yaml").write_text(
        "note: >-\n  russia's capacity in\n  decline shapes armenia's choices not its ideology\n"
    )
    assert copied_runs(article, tmp_path) != {}


def test_checker_accepts_a_paraphrase(tmp_path: Path) -> None:
    article = "One two three four five six seven eight nine ten."
    (tmp_path / "a.yaml").write_text("claim: one two three four five six seven nine ten\n")
    assert copied_runs(article, tmp_path) == {}


needs_article = pytest.mark.skipif(not ARTICLE.exists(), reason=f"{ARTICLE} is not available")


@needs_article
def test_arguments_copy_no_run_of_the_article() -> None:
    assert sorted(ARGUMENTS.glob("*.yaml")), "no map files found under arguments/"
    article = ARTICLE.read_text(encoding="utf-8")
    assert copied_runs(article, ARGUMENTS) == {}


@needs_article
def test_a_pasted_article_sentence_is_caught(tmp_path: Path) -> None:
    copy = tmp_path / "arguments"
    shutil.copytree(ARGUMENTS, copy)
    article = ARTICLE.read_text(encoding="utf-8")
    sentence = next(line for line in article.splitlines() if len(words(line)) >= RUN)
    with (copy / "thesis.yaml").open("a", encoding="utf-8") as stream:
        stream.write(f"# {sentence.strip()}\n")
    assert "thesis.yaml" in copied_runs(article, copy)
