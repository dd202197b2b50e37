"""Views: a merged graph in, something a person looks at out.

`html` renders the self-contained interactive page (vis-network, with the script and
stylesheet of `templates/`).  Reads the graph of `kg.graph`; never writes it.
"""
