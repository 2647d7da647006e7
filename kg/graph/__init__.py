"""The knowledge graph: ontology terms, IRIs, RDF mapping, claims, the Oxigraph store."""
