"""Reading maps: one pipeline from files on disk to an immutable :class:`~argmap.model.ArgumentMap`.

The stages, each in its own module, data flowing one way: discover which files form which map
(:mod:`argmap.loading.discover`), read one file into drafts, read the bibliography, assemble
the map with the cross-file checks.
"""
