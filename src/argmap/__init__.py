"""argmap: lint, trace, weigh and render structured arguments with BibTeX citations."""
