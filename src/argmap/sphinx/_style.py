"""The stylesheet and script of argmap's HTML output, and how they reach the build.

The CSS and JavaScript are kept here as strings and written to a folder added to
``html_static_path`` when an HTML builder starts, so the extension needs no data files beside
its modules. The colours are the diagram's (:mod:`argmap.render.dot`), so an entry looks like
its node. Without the script, diagrams stay fitted to the page.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

__all__ = ["CSS", "JS", "SCRIPT", "STYLESHEET", "add_stylesheet"]

#: The stylesheet's file name under ``_static``.
STYLESHEET = "argmap.css"

CSS = """\
/* argmap.sphinx: argument maps, their sources and rules. */

/* The diagram is fitted to the page, an overview whose nodes link to their entries; the
   "Full size" button (argmap.js) shows it at its natural size, legible, in a scrolling frame. */
div.arg-map div.graphviz {
  overflow: auto;
  max-height: 85vh;
  border: 1px solid #d8dee4;
  border-radius: 6px;
  margin: 0 0 1.5em;
  padding: 4px;
  background: #fff;
}
div.arg-map div.graphviz > .arg-diagram { display: block; margin: 0 auto; }
div.arg-map div.graphviz.arg-full > .arg-diagram { max-width: none; }
p.arg-diagram-tools { margin: 0.4em 0 0.3em; font-size: 0.85em; text-align: right; }
p.arg-diagram-tools button { font: inherit; cursor: pointer; }

/* Node entries: a coloured rule on the left, the kind as a badge. */
p.rubric.arg-group {
  margin: 1.6em 0 0.6em;
  font-size: 1.15em;
  border-bottom: 1px solid #d8dee4;
}
dl.arg.node {
  margin: 0 0 0.9em;
  padding: 0.1em 0 0.1em 0.8em;
  border-left: 4px solid #2b5d8c;
}
dl.arg.node.arg-thesis { border-left: 6px solid #173f67; }
dl.arg.node.arg-evidence { border-left-color: #3b7a26; }
dl.arg.node.arg-premise { border-left-color: #8a6a00; }
dl.arg.node.arg-assumption { border-left: 4px dashed #6b6b6b; }
dl.arg.node.arg-objection { border-left-color: #b3261e; }
dl.arg.node > dt {
  margin: 0 0 0.15em;
  padding: 0;
  background: none;
  border: none;
  font-size: 1em;
}
dl.arg.node > dt .sig-name { font-size: 1em; font-weight: bold; }
dl.arg.node > dt .property {
  font-style: normal;
  font-size: 0.8em;
  margin-left: 0.5em;
  padding: 0.1em 0.5em;
  border-radius: 3px;
  background: #e1ecf8;
  color: #2b5d8c;
}
dl.arg.node > dt .property,
dl.arg.node > dt .property .pre { font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; }
dl.arg-thesis > dt .property { background: #bcd5ef; color: #173f67; }
dl.arg-evidence > dt .property { background: #e3f1d9; color: #3b7a26; }
dl.arg-premise > dt .property { background: #fcf0c8; color: #8a6a00; }
dl.arg-assumption > dt .property { background: #f4f4f4; color: #4b4b4b; }
dl.arg-objection > dt .property { background: #fbe1df; color: #b3261e; }
dl.arg > dt .arg-label { font-size: 0.8em; font-weight: bold; padding: 0 0.35em;
    border-radius: 3px; border: 1px solid currentColor; }
dl.arg > dt .arg-in { color: #2e7d32; }
dl.arg > dt .arg-out { color: #c62828; }
dl.arg > dt .arg-undec { color: #b26a00; }
div.arg-map p.arg-diagram-title { margin: 1.2em 0 0.2em; }
dl.arg.node > dd { margin: 0; }
dl.arg.node p.arg-text { margin: 0 0 0.35em; }
dl.arg.node dl.arg-fields { margin: 0.2em 0; font-size: 0.95em; }
dl.arg.node dl.arg-fields > dt { font-weight: normal; color: #5b6570; padding-right: 0.6em; }
dl.arg.node dl.arg-fields > dd p, dl.arg.node dl.arg-fields li p { margin: 0; }
ul.arg-reasons { margin: 0; padding-left: 1.1em; }
span.arg-linked {
  font-size: 0.8em;
  color: #5b6570;
  border: 1px solid #c5ccd3;
  border-radius: 3px;
  padding: 0 0.3em;
  margin-left: 0.4em;
}
span.arg-open { color: #b3261e; font-weight: bold; }

/* Findings: one compact box per node, a line per finding. */
div.admonition.arg-findings {
  margin: 0.35em 0 0.2em;
  padding: 0.3em 0.7em;
  border: none;
  border-left: 4px solid #e8590c;
  border-radius: 0;
  background: #fff4e6;
  box-shadow: none;
}
div.admonition.arg-findings.error { border-left-color: #c62828; background: #fdecea; }
div.admonition.arg-findings.note { border-left-color: #7b8794; background: #f3f5f7; }
div.admonition.arg-findings p.admonition-title { font-size: 1em; margin: 0.2em 0; }
div.admonition.arg-findings p.arg-finding { margin: 0.15em 0; font-size: 0.92em; }
span.arg-severity {
  display: inline-block;
  min-width: 4.6em;
  font-size: 0.75em;
  font-weight: bold;
  letter-spacing: 0.04em;
  text-transform: uppercase;
}
p.arg-error span.arg-severity { color: #c62828; }
p.arg-warning span.arg-severity { color: #c25100; }
p.arg-note span.arg-severity { color: #5b6570; }

/* The rule reference: what `argmap check` reports wraps instead of scrolling. */
div.arg-report pre { white-space: pre-wrap; }

/* The bibliography: hanging indents, back-links in small print. */
div.arg-bibliography p.arg-source { margin: 0.7em 0 0.1em; padding-left: 2em; text-indent: -2em; }
div.arg-bibliography p.arg-backlinks { margin: 0 0 0 2em; font-size: 0.9em; color: #5b6570; }
"""


#: The script's file name under ``_static``.
SCRIPT = "argmap.js"

JS = """\
/* argmap.sphinx: a diagram is fitted to the page; a button shows it at full size. */
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("div.arg-map div.graphviz").forEach(function (frame) {
    var image = frame.querySelector(".arg-diagram");
    if (!image) {
      return;
    }
    var tools = document.createElement("p");
    tools.className = "arg-diagram-tools";
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.textContent = "Full size";
    toggle.addEventListener("click", function () {
      var full = frame.classList.toggle("arg-full");
      toggle.textContent = full ? "Fit to page" : "Full size";
      frame.scrollLeft = full ? (frame.scrollWidth - frame.clientWidth) / 2 : 0;
    });
    tools.appendChild(toggle);
    var file = image.getAttribute("data") || image.getAttribute("src");
    if (file) {
      var open = document.createElement("a");
      open.href = file;
      open.target = "_blank";
      open.rel = "noopener";
      open.textContent = "open in a new tab";
      tools.appendChild(document.createTextNode(" or "));
      tools.appendChild(open);
    }
    frame.parentNode.insertBefore(tools, frame);
  });
});
"""


def add_stylesheet(app: Sphinx) -> None:
    """Write the stylesheet and script to a folder under the doctree folder, served as static.

    Only HTML builders get them; the folder is added to ``html_static_path``.
    """
    if app.builder.format != "html":
        return
    folder = Path(app.doctreedir) / "argmap-static"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in ((STYLESHEET, CSS), (SCRIPT, JS)):
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    app.config.html_static_path = [*app.config.html_static_path, str(folder)]
    app.add_css_file(STYLESHEET)
    app.add_js_file(SCRIPT)
