"""Extraction: an article file or text in, an `Extraction` out (`kg.model`).

The stages run in the order of the data flow, one module each: `reader` (file -> `Article`),
`sentences` (-> sentences and tokens), `mentions` (-> spans of names, roles, dates),
`entities` (-> resolved `Entity`s with stable keys), `relations` (-> `Relation`s with
modality, date, place, evidence and the rule that made them), with `dates`, `lang`
(the per-language resources of `kg/data/<lang>/`) and `kb` (the knowledge base of
`kg/data/kb/`) as their helpers; `pipeline` runs them and `evaluate` scores the result
against a gold file.  Nothing here knows of graphs, RDF or stores.
"""
