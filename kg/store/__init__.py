"""Storage and query: graphs in, SPARQL answers out.

`database` is the persistent Oxigraph store (one named graph per article, what articles
share kept once); `sparql` runs SPARQL 1.1 over a graph file, the store or a remote
endpoint, with the named queries of `ontology/queries/`; `server` and `workers` make the
store a SPARQL Protocol endpoint; `push` copies a graph to another store over the Graph
Store Protocol.  Reads graphs through `kg.graph` and files through `kg.exporters`.
"""
