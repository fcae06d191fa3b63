"""`argmap check --watch`: maps checked once, then again when their files really change."""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from argmap.watch import Checked, watch


def watching(folder: Path) -> tuple[queue.Queue[Checked], threading.Event, threading.Thread]:
    results: queue.Queue[Checked] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        args=([folder],),
        kwargs={"on_result": results.put, "stop": stop, "debounce": 100},
    )
    thread.start()
    return results, stop, thread


def test_a_saved_change_checks_its_map_again_and_only_it(multi: Path) -> None:
    results, stop, thread = watching(multi)
    try:
        first = {results.get(timeout=10).map.root.name for _ in range(2)}  # type: ignore[union-attr]
        assert first == {"one", "two"}
        main = multi / "one" / "main.yaml"
        main.write_text(main.read_text(encoding="utf-8").replace("because: E2", "because: E9"))
        again = results.get(timeout=10)
        assert again.map is not None
        assert again.map.root.name == "one"
        assert again.changed == (main,)
        assert [e.message for e in again.errors] == ["unknown id `E9` in a reason of `C2`"]
        assert again.failing
        main.write_text(main.read_text(encoding="utf-8").replace("because: E9", "because: E2"))
        fixed = results.get(timeout=10)
        assert not fixed.errors
        assert [d.code for d in fixed.diagnostics] == ["AM008"]
        bib = multi / "one" / "references.bib"
        bib.write_text(bib.read_text(encoding="utf-8").replace("walt1987", "walt1988"))
        after_bib = results.get(timeout=10)
        assert after_bib.map is not None
        assert after_bib.map.root.name == "one"
        assert sorted(d.code for d in after_bib.diagnostics) == ["AM005", "AM008", "AM011"]
        assert results.empty()  # the other map was not checked again
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
