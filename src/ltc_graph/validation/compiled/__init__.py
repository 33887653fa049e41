"""SHACL Core compiled to SPARQL on Oxigraph: the fast engine."""
