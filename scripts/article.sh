#!/usr/bin/env bash
# The main job: check the article's map (against the article's text when it lies beside the
# project, in ../shared/seed/) and draw it into build/article.svg and build/article.png.
# The text is not part of the repository: argmap's map paraphrases it and never copies it.
set -uo pipefail
cd "$(dirname "$0")/.."

text=../shared/seed/000_0a37a20204519f86.txt
if [ -f "$text" ]; then
  .venv/bin/argmap check --text "$text"
else
  echo "note: $text is not here; checking the map without its paragraph coverage (AM015, AM016)" >&2
  .venv/bin/argmap check
fi
mkdir -p build
.venv/bin/argmap render -o build/article.svg -o build/article.png
