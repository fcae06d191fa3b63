import zlib
from pathlib import Path

extensions = ["argmap.sphinx", "sphinx.ext.intersphinx"]

# Another project's inventory, as its build would write it: its node X9 and its rule page.
_HEADER = b"# Sphinx inventory version 2\n# Project: other\n# Version: 1.0\n"
_HEADER += b"# The remainder of this file is compressed using zlib.\n"
_BODY = b"X9 arg:node 1 map.html#arg-node-X9 -\nwalt1987 arg:source 1 sources.html#arg-source-$ -\n"
Path(__file__).with_name("other.inv").write_bytes(_HEADER + zlib.compress(_BODY))

intersphinx_mapping = {"other": ("https://other.invalid/", "other.inv")}

# Warnings end with [type.subtype], as by default from Sphinx 8 on (the tests read them).
show_warning_types = True
