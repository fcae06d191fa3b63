"""Graph algorithms: linear, iterative, and right on the shapes that break naive versions."""

from __future__ import annotations

from pathlib import Path

from argmap import ArgumentMap, Claim, Evidence, Reason, check, load
from argmap.graph import cycle_through, grounded, reaching, support_cycles, supported_by

CHAIN = 100_000


def chain_map(length: int, *, closed: bool = False) -> ArgumentMap:
    nodes: list[Claim | Evidence] = [
        Claim(id=f"C{i}", text="c", reasons=(Reason((f"C{i + 1}",)),), thesis=i == 0)
        for i in range(length - 1)
    ]
    if closed:
        nodes.append(Claim(id=f"C{length - 1}", text="c", reasons=(Reason(("C0",)),)))
    else:
        nodes.append(Evidence(id=f"C{length - 1}", text="e"))
    return ArgumentMap(nodes=tuple(nodes))


def test_a_100k_long_chain_is_grounded_without_recursion() -> None:
    m = chain_map(CHAIN)
    assert len(grounded(m)) == CHAIN
    assert support_cycles(m) == []
    assert len(reaching(m, ["C0"])) == CHAIN
    assert len(supported_by(m, [f"C{CHAIN - 1}"])) == CHAIN


def test_a_100k_long_cycle_is_one_component() -> None:
    m = chain_map(CHAIN, closed=True)
    [component] = support_cycles(m)
    assert len(component) == CHAIN
    assert grounded(m) == set()
    cycle = cycle_through(m, component)
    assert (cycle[0], cycle[-1], len(cycle)) == ("C0", "C0", CHAIN + 1)


def test_a_100k_long_chain_checks_from_yaml(tmp_path: Path) -> None:
    lines = ["nodes:"]
    lines += [f"  C{i}: {{claim: c, because: C{i + 1}}}" for i in range(CHAIN - 1)]
    lines.append(f"  C{CHAIN - 1}: {{premise: p}}")
    lines[1] = "  C0: {claim: c, thesis: true, because: C1}"
    (tmp_path / "chain.yaml").write_text("\n".join(lines) + "\n")
    (tmp_path / ".git").mkdir()
    found = check(load(tmp_path), ignore=["AM006", "AM019"])
    assert found == []


def test_self_support_is_a_cycle() -> None:
    m = ArgumentMap(nodes=(Claim(id="C1", text="c", reasons=(Reason(("C1",)),)),))
    assert support_cycles(m) == [("C1",)]
    assert cycle_through(m, ("C1",)) == ["C1", "C1"]


def test_reaching_includes_attackers_of_reasons() -> None:
    m = load_text_free_map()
    assert reaching(m, ["T1"]) == {"T1", "E1", "O1"}


def load_text_free_map() -> ArgumentMap:
    from argmap import Attack, Objection

    return ArgumentMap(
        nodes=(
            Claim(id="T1", text="t", thesis=True, reasons=(Reason(("E1",)),)),
            Evidence(id="E1", text="e"),
            Objection(id="O1", text="o", attacks=(Attack("T1", 1),)),
            Evidence(id="E2", text="stray"),
        )
    )
