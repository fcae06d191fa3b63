extensions = ["argmap.sphinx"]

# Warnings end with [type.subtype], as by default from Sphinx 8 on (the tests read them).
show_warning_types = True
