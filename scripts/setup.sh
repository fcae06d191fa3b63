#!/usr/bin/env bash
# Set up everything argmap's development needs, on a fresh Debian machine with Python 3.11:
# Debian packages (below, through apt-get, when missing) and a virtualenv in .venv with argmap
# installed in editable mode plus its test, lint and docs tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages, installed only when missing: Graphviz's dot (rendering), Chromium and its
# driver (the report's browser tests), Neovim (the language server's editor test).
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    root=""
  elif command -v sudo >/dev/null 2>&1; then
    root="sudo"
  else
    root="none"
  fi
  if [ "$root" = none ]; then
    echo "setup: ${missing[*]} missing and cannot be installed here; the features needing them will not work and their tests are skipped" >&2
  else
    $root apt-get update -qq \
      && $root env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
      || echo "setup: could not install ${missing[*]} with apt-get; the features needing them will not work and their tests are skipped" >&2
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev]'
