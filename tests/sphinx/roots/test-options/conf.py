extensions = ["argmap.sphinx"]
