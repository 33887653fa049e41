"""Running SPARQL queries safely: the query service, its workers and sandbox, result formats and
the answer cache. No Flask here.
"""
