extensions = ["argmap.sphinx", "sphinxcontrib.bibtex"]
bibtex_bibfiles = ["references.bib"]
