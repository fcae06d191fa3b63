#!/usr/bin/env bash
# The main job: check the article's map and draw it into build/article.svg and build/article.png.
# The article's text is not part of the repository (the map paraphrases it, never copies it):
# its bibliography entry names it (`file` in references.bib: ../shared/seed/, beside the
# project), and `argmap check` compares the map with its paragraphs when the text is there, or
# says in one note that paragraph coverage was not checked.
set -uo pipefail
cd "$(dirname "$0")/.."

.venv/bin/argmap check arguments
mkdir -p build
.venv/bin/argmap render arguments -o build/article.svg -o build/article.png
