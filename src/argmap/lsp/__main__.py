"""``python -m argmap.lsp``: run the language server on standard input and output."""

from argmap.lsp import main

raise SystemExit(main())
