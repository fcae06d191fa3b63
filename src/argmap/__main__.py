"""``python -m argmap``: the command line."""

from argmap.cli import main

raise SystemExit(main())
