"""Generate synthetic argument maps in argmap's format, for benchmarks.

Importable::

    from generate import write_map
    write_map("out/", 10_000, files=10, seed=0)             # a realistic tree-shaped map
    write_map("out/", 100_000, shape="chain")                # C1 because C2 because ... E1

or runnable::

    python benchmarks/generate.py 10000 out/ --files 10 [--seed 0] [--shape tree|chain]

A ``tree`` map has a few theses over several levels of claims, with linked (``A + B``) and
convergent reasons, evidence leaves citing a generated ``references.bib`` (one source per ten
nodes, every source cited) with a page, premises citing a chapter, unstated assumptions,
objections that rebut claims (about 60% of them answered by a claim that attacks them), a few
undercuts (``undercuts: ID/N``), some evidence shared between branches, and figures ("rose by
12%") in many texts. Every text is 80-120 characters. Nodes are written depth first, so
splitting the map over several files cuts it into contiguous sections; the ``map:`` header
(title and ``bibliography: references.bib``) is in the first file.

The same arguments always give byte-identical files.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["GeneratedMap", "write_map"]

MIN_TEXT, MAX_TEXT = 80, 120

# -- vocabulary --------------------------------------------------------------------------------

_ACTORS = (
    "Armenia",
    "Georgia",
    "Azerbaijan",
    "Kazakhstan",
    "Moldova",
    "The government",
    "The defence ministry",
    "The ruling coalition",
    "The opposition",
    "Parliament",
    "The general staff",
    "The foreign ministry",
    "Local industry",
    "The central bank",
    "Regional elites",
    "The security council",
)
_PATRONS = ("Russia", "France", "India", "the United States", "Iran", "Turkey", "the EU", "China")
_VERBS = (
    "moved away from",
    "kept close ties with",
    "diversified away from",
    "sought new contracts with",
    "hedged against",
    "renegotiated its deals with",
    "grew more sceptical of",
    "deepened cooperation with",
    "reduced its reliance on",
    "stopped relying on",
)
_OBJECTS = (
    "arms purchases",
    "military training",
    "joint exercises",
    "border security",
    "energy supplies",
    "the defence budget",
    "officer education",
    "air defence systems",
    "peacekeeping missions",
    "intelligence sharing",
    "spare parts",
    "maintenance contracts",
)
_QUALIFIERS = (
    "after the 2020 war",
    "since the ceasefire collapsed",
    "over the last decade",
    "once the treaty failed",
    "during the crisis",
    "after the elections",
    "in the period under review",
    "despite official denials",
    "for reasons of cost",
    "under public pressure",
)
_PADDING = (
    "according to the official statistics",
    "as most observers agree",
    "in the view of several analysts",
    "which the article treats as decisive",
    "as the annual reports show",
    "in line with earlier findings",
    "though the data are incomplete",
    "at least in the short term",
)
_METRICS = (  # (what is measured, how its change is stated)
    ("the share of arms bought from {p}", "%"),
    ("defence spending", "$"),
    ("the number of joint exercises with {p}", "%"),
    ("trade with {p}", "$"),
    ("public trust in {p}", "%"),
    ("the volume of arms imports", "t"),
    ("spending on procurement", "$"),
    ("the number of officers trained in {p}", "%"),
)
_CHANGES = ("rose by", "fell by", "grew by", "dropped by", "declined by", "increased by")
_REPORTERS = (
    "SIPRI data show that",
    "The ministry's report states that",
    "Customs records show that",
    "A 2023 survey found that",
    "The budget law shows that",
    "Press reports confirm that",
    "Official figures show that",
    "The audit office found that",
)
_THEORIES = (
    "Small states align with whichever larger power can best protect them",
    "States under anarchy look first to their own survival",
    "Alliances weaken when the patron fails to deliver on its commitments",
    "Arms suppliers gain leverage over the states that depend on them",
    "Domestic coalitions shape how small states choose their partners",
    "States balance against threats rather than against power alone",
    "Economic interdependence raises the cost of open conflict between states",
    "Security guarantees are credible only when they are costly to the guarantor",
)
_ASSUMPTIONS = (
    "Arms imports are a fair measure of military-technical ties between the two states",
    "A patron that does not act under a treaty cannot be relied on later either",
    "Official statistics on defence purchases are complete and not manipulated",
    "The government's stated reasons match the reasons behind its decisions",
    "Public opinion influences the choice of arms suppliers in the long run",
    "Delays in deliveries reflect political intent rather than industrial limits",
)
_OBJECTIONS = (
    "{a} still attends the ceremonies of {p}, so it has not turned away",
    "Falling imports may only reflect full depots, not a change of partner",
    "The new contracts with {p} are small and may never be delivered",
    "{a} kept its membership in the alliance, which suggests continuity",
    "The figures on {o} cover too short a period to show a trend",
    "Officers from {a} still train in {p}, so ties remain close",
)
_ANSWERS = (
    "Attending ceremonies is protocol and says nothing about {o}",
    "Depots were empty after the war, so full depots cannot explain the fall",
    "The contracts with {p} have already led to deliveries of {o}",
    "Membership is kept only on paper while {o} has moved elsewhere",
    "The trend on {o} holds over a longer period as well",
    "Training in {p} has been cut back in each of the last three years",
)
_SURNAMES = (
    "Sargsyan",
    "Petrosyan",
    "Walt",
    "Waltz",
    "Keohane",
    "Mearsheimer",
    "Snyder",
    "Kuchins",
    "Grigoryan",
    "Minasyan",
    "Abrahamyan",
    "Giragosian",
    "Markedonov",
    "Ohanyan",
    "Terzyan",
    "Broers",
    "De Waal",
    "Cornell",
)
_GIVEN = ("Anna", "Stephen M.", "Kenneth N.", "Robert O.", "Glenn H.", "Richard", "Laurence")
_TOPICS = (
    "arms transfers",
    "alliance politics",
    "small state security",
    "the South Caucasus",
    "military-technical cooperation",
    "defence procurement",
    "regional security",
)
_JOURNALS = (
    "International Security",
    "Europe-Asia Studies",
    "Caucasus Survey",
    "Journal of Strategic Studies",
    "Security Studies",
    "Post-Soviet Affairs",
)
_PUBLISHERS = (
    "Cornell University Press",
    "Routledge",
    "Oxford University Press",
    "Palgrave Macmillan",
)


# -- the map as data ---------------------------------------------------------------------------


@dataclass
class _Node:
    id: str
    kind: str
    text: str
    thesis: bool = False
    reasons: list[list[str]] = field(default_factory=list)
    attacks: list[str] = field(default_factory=list)
    undercuts: list[tuple[str, int]] = field(default_factory=list)
    cites: list[tuple[str, str, int]] = field(default_factory=list)
    at: int | None = None


@dataclass(frozen=True)
class GeneratedMap:
    """What :func:`write_map` wrote: the map folder, its YAML files and its bibliography."""

    folder: Path
    files: tuple[Path, ...]
    bibliography: Path
    nodes: int
    sources: int
    shape: str


class _Texts:
    """Sentences of realistic length (80-120 characters), drawn from one random generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def measured(self) -> str:
        """Return a measured quantity and its change: "trade with Iran rose by $12 million"."""
        r = self.rng
        metric, unit = r.choice(_METRICS)
        change = r.choice(_CHANGES)
        if unit == "%":
            amount = f"{r.randint(2, 95)}%"
        elif unit == "$":
            amount = f"${r.randint(2, 900)} million"
        else:
            amount = f"{r.randint(2, 40) * 50:,} tons"
        return f"{metric.format(p=r.choice(_PATRONS))} {change} {amount}"

    def fit(self, sentence: str) -> str:
        """Pad a sentence (without its final period) to 80-120 characters."""
        r = self.rng
        while len(sentence) + 1 < MIN_TEXT:
            sentence = f"{sentence}, {r.choice(_PADDING)}"
        if len(sentence) + 1 > MAX_TEXT:
            cut = sentence[: MAX_TEXT - 1].rsplit(" ", 1)[0].rstrip(",")
            sentence = cut
            while len(sentence) + 1 < MIN_TEXT:  # cannot happen with these word lists
                sentence += " too"
        return sentence + "."

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(a=r.choice(_ACTORS), p=r.choice(_PATRONS), o=r.choice(_OBJECTS))

    def claim(self, with_figure: bool) -> str:
        r = self.rng
        if with_figure:
            measured = self.measured()
            text = f"{measured[0].upper()}{measured[1:]} {r.choice(_QUALIFIERS)}"
        else:
            text = (
                f"{r.choice(_ACTORS)} {r.choice(_VERBS)} {r.choice(_PATRONS)} "
                f"on {r.choice(_OBJECTS)} {r.choice(_QUALIFIERS)}"
            )
        return self.fit(text)

    def evidence(self) -> str:
        r = self.rng
        if r.random() < 0.8:
            text = f"{r.choice(_REPORTERS)} {self.measured()} between 2015 and 2024"
        else:
            text = f"{r.choice(_REPORTERS)} {r.choice(_ACTORS).lower()} signed no new deal"
        return self.fit(text)

    def premise(self) -> str:
        return self.fit(self.rng.choice(_THEORIES))

    def assumption(self) -> str:
        return self.fit(self.rng.choice(_ASSUMPTIONS))

    def objection(self) -> str:
        return self.fit(self.fill(self.rng.choice(_OBJECTIONS)))

    def answer(self) -> str:
        return self.fit(self.fill(self.rng.choice(_ANSWERS)))


class _Builder:
    """Builds the nodes of one map; ids are numbered per kind (T, C, E, P, A, O)."""

    def __init__(self, rng: random.Random, sources: list[str]) -> None:
        self.rng = rng
        self.texts = _Texts(rng)
        self.sources = sources
        self.next_source = 0
        self.counters: dict[str, int] = {}
        self.nodes: dict[str, _Node] = {}

    def new(self, prefix: str, kind: str, text: str) -> _Node:
        number = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = number
        node = _Node(f"{prefix}{number}", kind, text)
        self.nodes[node.id] = node
        return node

    def source(self) -> str:
        """Sources are handed out in turn, so each is cited about equally and none is unused."""
        key = self.sources[self.next_source % len(self.sources)]
        self.next_source += 1
        return key

    def claim(self, prefix: str = "C") -> _Node:
        return self.new(prefix, "claim", self.texts.claim(self.rng.random() < 0.25))

    def evidence(self) -> _Node:
        node = self.new("E", "evidence", self.texts.evidence())
        node.cites.append((self.source(), "page", self.rng.randint(1, 400)))
        if self.rng.random() < 0.08:
            node.cites.append((self.source(), "page", self.rng.randint(1, 400)))
        return node

    def leaf(self) -> _Node:
        roll = self.rng.random()
        if roll < 0.78:
            return self.evidence()
        if roll < 0.92:
            node = self.new("P", "premise", self.texts.premise())
            node.cites.append((self.source(), "chapter", self.rng.randint(1, 12)))
            return node
        return self.new("A", "assumption", self.texts.assumption())


def _split(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _tree(n: int, rng: random.Random, sources: list[str]) -> list[_Node]:
    """Return the nodes of a tree-shaped map of exactly ``n`` nodes, in depth-first order."""
    b = _Builder(rng, sources)
    # Objections (7%), 60% of them answered by a claim resting on its own evidence, half of
    # them backed by evidence; the rest of the budget is the support tree.
    objections = round(n * 0.07) if n >= 30 else (1 if n >= 12 else 0)
    answered = round(objections * 0.6)
    backed = objections // 2
    budget = n - objections - 2 * answered - backed
    claims = max(1, round(budget * 0.3))
    leaves = budget - claims
    theses = 1 if claims < 10 else 3 if claims < 20_000 else 5
    theses = min(theses, leaves)

    # Claims in levels growing threefold: about 4 levels at 1k nodes, 8 at 100k.
    sizes = [theses]
    rest = claims - theses
    while rest > 0:
        size = min(rest, sizes[-1] * 3)
        sizes.append(size)
        rest -= size
    levels: list[list[_Node]] = []
    children: dict[str, list[_Node]] = {}
    for depth, size in enumerate(sizes):
        level = [b.claim("T" if depth == 0 else "C") for _ in range(size)]
        for node in level:
            children[node.id] = []
            if depth == 0:
                node.thesis = True
            else:
                children[rng.choice(levels[-1]).id].append(node)
        levels.append(level)
    all_claims = [node for level in levels for node in level]
    # Every claim without a child claim gets a leaf first, then the rest go anywhere.
    made = 0
    for node in all_claims:
        if not children[node.id]:
            children[node.id].append(b.leaf())
            made += 1
    for _ in range(leaves - made):
        children[rng.choice(all_claims).id].append(b.leaf())

    evidence_pool = [node.id for node in b.nodes.values() if node.kind == "evidence"]
    for node in all_claims:
        kids = children[node.id]
        rng.shuffle(kids)
        i = 0
        while i < len(kids):
            roll = rng.random()
            size = 3 if roll < 0.05 else 2 if roll < 0.35 else 1
            node.reasons.append([kid.id for kid in kids[i : i + size]])
            i += size
        if evidence_pool and rng.random() < 0.03:  # evidence shared with another branch
            node.reasons.append([rng.choice(evidence_pool)])

    # Objections rebut claims (a few undercut one of a claim's reasons instead).
    extra: dict[str, list[_Node]] = {}
    undercuts = max(1, objections // 50) if objections else 0
    answers = set(rng.sample(range(objections), answered))
    for number in range(objections):
        target = rng.choice(all_claims)
        objection = b.new("O", "objection", b.texts.objection())
        if number < undercuts:
            objection.undercuts.append((target.id, rng.randint(1, len(target.reasons))))
        else:
            objection.attacks.append(target.id)
        group = [objection]
        if number < backed:
            support = b.evidence()
            objection.reasons.append([support.id])
            group.append(support)
        if number in answers:
            answer = b.new("C", "claim", b.texts.answer())
            answer.attacks.append(objection.id)
            support = b.evidence()
            answer.reasons.append([support.id])
            group += [answer, support]
        extra.setdefault(target.id, []).extend(group)

    # Depth-first order: each claim, then its children, objections after the node they attack.
    order: list[_Node] = []
    placed: set[str] = set()
    stack = list(reversed(levels[0]))
    while stack:
        node = stack.pop()
        if node.id in placed:
            continue
        placed.add(node.id)
        order.append(node)
        for follower in extra.get(node.id, ()):
            placed.add(follower.id)
            order.append(follower)
        stack.extend(reversed(children.get(node.id, ())))
    # Paragraphs of the analysed text, for about half of the nodes.
    for position, node in enumerate(order):
        if rng.random() < 0.5:
            node.at = position // 4 + 1
    return order


def _chain(n: int, rng: random.Random, sources: list[str]) -> list[_Node]:
    """Return C1 because C2 because ... because E1: ``n - 1`` claims and one evidence."""
    b = _Builder(rng, sources)
    claims = [b.claim() for _ in range(n - 1)]
    claims[0].thesis = True
    evidence = b.evidence()
    for node, below in zip(claims, [*claims[1:], evidence], strict=True):
        node.reasons.append([below.id])
    return [*claims, evidence]


# -- writing -----------------------------------------------------------------------------------


def _letters(number: int) -> str:
    out = ""
    number += 1
    while number:
        number, digit = divmod(number - 1, 26)
        out = chr(ord("a") + digit) + out
    return out


def _sources(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """Return (key, BibTeX entry) pairs: books, articles and chapters in a realistic layout."""
    out = []
    for number in range(count):
        surname = rng.choice(_SURNAMES)
        year = rng.randint(1979, 2025)
        key = f"{surname.lower().replace(' ', '')}{year}{_letters(number)}"
        author = f"{surname}, {rng.choice(_GIVEN)}"
        if rng.random() < 0.3:
            author += f" and {rng.choice(_SURNAMES)}, {rng.choice(_GIVEN)}"
        topic = rng.choice(_TOPICS)
        roll = rng.random()
        if roll < 0.5:
            first = rng.randint(1, 300)
            entry = (
                f"@article{{{key},\n"
                f"  author  = {{{author}}},\n"
                f"  title   = {{{rng.choice(_VERBS).capitalize()} {rng.choice(_PATRONS)}: "
                f"{topic} after the {year - rng.randint(1, 10)} crisis}},\n"
                f"  journal = {{{rng.choice(_JOURNALS)}}},\n"
                f"  year    = {{{year}}},\n"
                f"  volume  = {{{rng.randint(1, 60)}}},\n"
                f"  number  = {{{rng.randint(1, 6)}}},\n"
                f"  pages   = {{{first}--{first + rng.randint(10, 40)}}},\n"
                f"  doi     = {{10.1080/{rng.randint(10000, 99999)}.{year}.{number}}},\n"
                "}\n"
            )
        elif roll < 0.8:
            entry = (
                f"@book{{{key},\n"
                f"  author    = {{{author}}},\n"
                f"  title     = {{The Politics of {topic.title()}}},\n"
                f"  publisher = {{{rng.choice(_PUBLISHERS)}}},\n"
                f"  address   = {{London}},\n"
                f"  year      = {{{year}}},\n"
                "}\n"
            )
        else:
            entry = (
                f"@techreport{{{key},\n"
                f"  author      = {{{author}}},\n"
                f"  title       = {{{topic.capitalize()}: annual review {year}}},\n"
                f"  institution = {{Stockholm International Peace Research Institute}},\n"
                f"  year        = {{{year}}},\n"
                f"  url         = {{https://example.org/reports/{key}}},\n"
                "}\n"
            )
        out.append((key, entry))
    return out


def _node_yaml(node: _Node) -> str:
    lines = [f"  {node.id}:", f"    {node.kind}: {node.text}"]
    if node.thesis:
        lines.append("    thesis: true")
    if node.at is not None:
        lines.append(f"    at: [{node.at}]")
    if len(node.reasons) == 1:
        lines.append(f"    because: {' + '.join(node.reasons[0])}")
    elif node.reasons:
        lines.append("    because:")
        lines.extend(f"      - {' + '.join(reason)}" for reason in node.reasons)
    if len(node.attacks) == 1:
        lines.append(f"    attacks: {node.attacks[0]}")
    elif node.attacks:
        lines.append(f"    attacks: [{', '.join(node.attacks)}]")
    if node.undercuts:
        lines.append(f"    undercuts: {', '.join(f'{t}/{n}' for t, n in node.undercuts)}")
    if len(node.cites) == 1:
        key, label, value = node.cites[0]
        lines.append(f"    cites: [{{key: {key}, {label}: {value}}}]")
    elif node.cites:
        lines.append("    cites:")
        lines.extend(f"      - {{key: {k}, {label}: {v}}}" for k, label, v in node.cites)
    return "\n".join(lines) + "\n"


def write_map(
    folder: str | Path,
    nodes: int,
    files: int = 1,
    seed: int = 0,
    shape: str = "tree",
) -> GeneratedMap:
    """Write a synthetic map of ``nodes`` nodes into ``folder``, with its ``references.bib``.

    Args:
        folder: where to write; created if missing. Old ``*.yaml`` files in it are removed.
        nodes: the number of nodes (at least 2).
        files: how many YAML files to split the map over (one folder either way).
        seed: the random seed; the same arguments give byte-identical files.
        shape: ``"tree"`` for a realistic map, ``"chain"`` for one long support chain.

    Returns:
        The folder, the files written, and the counts.
    """
    if nodes < 2:
        raise ValueError("a map needs at least 2 nodes")
    if not 1 <= files <= nodes:
        raise ValueError("files must be between 1 and the number of nodes")
    if shape not in {"tree", "chain"}:
        raise ValueError(f"unknown shape {shape!r}; use 'tree' or 'chain'")
    rng = random.Random(f"{shape}-{nodes}-{seed}")
    source_count = max(1, math.ceil(nodes / 10)) if shape == "tree" else 1
    sources = _sources(source_count, rng)
    keys = [key for key, _ in sources]
    order = (_tree if shape == "tree" else _chain)(nodes, rng, keys)
    assert len(order) == nodes, (len(order), nodes)

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.yaml"), *out.glob("*.yml")]:
        old.unlink()
    bib = out / "references.bib"
    bib.write_text("\n".join(entry for _, entry in sources), encoding="utf-8")

    written = []
    start = 0
    width = len(str(files))
    for number, size in enumerate(_split(nodes, files), start=1):
        name = "map.yaml" if files == 1 else f"part-{number:0{width}d}.yaml"
        parts = []
        if number == 1:
            parts.append(
                "map:\n"
                f"  title: Synthetic {shape} map of {nodes} nodes (seed {seed})\n"
                "  bibliography: references.bib\n\n"
            )
        parts.append("nodes:\n")
        parts.extend(_node_yaml(node) for node in order[start : start + size])
        start += size
        path = out / name
        path.write_text("".join(parts), encoding="utf-8")
        written.append(path)
    return GeneratedMap(out, tuple(written), bib, nodes, source_count, shape)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("nodes", type=int, help="number of nodes")
    parser.add_argument("folder", type=Path, help="folder to write the map into")
    parser.add_argument("--files", type=int, default=1, help="split over this many YAML files")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shape", choices=("tree", "chain"), default="tree")
    args = parser.parse_args(argv)
    generated = write_map(args.folder, args.nodes, args.files, args.seed, args.shape)
    size = sum(f.stat().st_size for f in generated.files)
    print(
        f"wrote {generated.nodes} nodes ({args.shape}) in {len(generated.files)} file(s), "
        f"{size / 1e6:.1f} MB, and {generated.sources} sources to {generated.folder}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
