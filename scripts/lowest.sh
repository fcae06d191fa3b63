#!/usr/bin/env bash
# Test argmap against the LOWEST versions its pyproject.toml allows, so that no floor is false.
#
# A throwaway virtualenv (outside the checkout) gets uv, then argmap with its `test` extra
# resolved with `--resolution lowest-direct`: every dependency argmap names directly (core,
# sphinx, lsp, watch and the test tools) at the floor pyproject.toml gives it, the rest as uv
# resolves them. Then, with those versions: every module of argmap is imported, and the Sphinx
# extension's, the loader's and the bibliography's tests run.
#
#   bash scripts/lowest.sh            # venv in $TMPDIR/argmap-lowest, removed afterwards
#   LOWEST_KEEP=1 bash scripts/lowest.sh   # keep the venv to look into a failure
#
# A floor that no longer holds shows up as an import error or a failing test here: raise it in
# pyproject.toml to the first version that passes. Needs network access to the package index.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${TMPDIR:-/tmp}/argmap-lowest-$$"
core="$venv-core"
cleanup() { [ -n "${LOWEST_KEEP:-}" ] || rm -rf "$venv" "$core"; }
trap cleanup EXIT

python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q --disable-pip-version-check uv
# A copy of the tree (committed and new files, as git lists them): installing from it leaves
# no build files in the checkout.
src="$venv/src"
mkdir -p "$src"
git ls-files -z --cached --others --exclude-standard \
  | tar --null --ignore-failed-read -T - -cf - 2>/dev/null | tar -xf - -C "$src"
"$venv/bin/python" -m uv pip install -q --python "$venv/bin/python" \
  --resolution lowest-direct "$src[test]"
# Sphinx before 9 imports defusedxml in sphinx.testing (its own `test` extra brings it).
"$venv/bin/python" -m uv pip install -q --python "$venv/bin/python" defusedxml

echo "== lowest versions of argmap's direct dependencies"
"$venv/bin/python" - "$src/pyproject.toml" <<'EOF'
import re, sys, tomllib
from importlib.metadata import version
project = tomllib.load(open(sys.argv[1], "rb"))["project"]
names = [*project["dependencies"], *(d for deps in project["optional-dependencies"].values() for d in deps)]
seen = set()
for spec in names:
    name = re.match(r"[A-Za-z0-9_.-]+", spec).group()
    if name == "argmap" or name in seen:
        continue
    seen.add(name)
    try:
        print(f"  {name:24} {version(name):12} (asked: {spec.split('#')[0].strip()})")
    except Exception:
        pass  # a dev-only tool (ruff, mypy) that the test extra does not install
EOF

echo "== import every module"
"$venv/bin/python" - <<'EOF'
import importlib, pkgutil
import argmap
names = [
    m.name
    for m in pkgutil.walk_packages(argmap.__path__, "argmap.")
    if not m.name.endswith("__main__")  # running it is the CLI itself
]
for name in names:
    importlib.import_module(name)
print(f"  {len(names) + 1} modules imported")
EOF

echo "== tests with the lowest versions"
(
  cd "$src"
  "$venv/bin/python" -m pytest -q -p no:cacheprovider -x \
    tests/sphinx tests/loading tests/test_loader.py tests/test_bibliography.py \
    tests/test_import_graph.py tests/test_library_surface.py tests/test_locators.py
)

# The extras' dependencies lift some core ones (lsprotocol's cattrs needs a newer attrs), so
# the core alone is installed again at its own floors, with just pytest and hypothesis.
echo "== the core alone at its floors"
python3 -m venv "$core"
"$venv/bin/python" -m uv pip install -q --python "$core/bin/python" \
  --resolution lowest-direct "$src" "pytest>=8" "hypothesis>=6.100"
"$core/bin/python" -c 'from importlib.metadata import version as v; print("  attrs", v("attrs"), "PyYAML", v("PyYAML"), "bibtexparser", v("bibtexparser"))'
cd "$src"
"$core/bin/python" -m pytest -q -p no:cacheprovider -x \
  tests/test_loader.py tests/test_bibliography.py tests/loading/test_assemble.py \
  tests/loading/test_pipeline.py tests/test_locators.py tests/test_rules.py
