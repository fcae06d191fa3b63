"""Reading and writing argumentation data in formats other tools use.

:mod:`argmap.interchange.aif` reads and writes the Argument Interchange Format (AIFdb nodesets,
OVA and xAIF files); :mod:`argmap.interchange.argdown` reads and writes Argdown;
:mod:`argmap.interchange.json` writes argmap's own JSON; :mod:`argmap.interchange.yaml` writes
maps in argmap's YAML format; :mod:`argmap.interchange.dispatch` tells the formats apart by
content. :mod:`argmap.interchange.iccma` reads abstract argumentation frameworks in the formats
of the International Competition on Computational Models of Argumentation and writes its
answers.
"""
