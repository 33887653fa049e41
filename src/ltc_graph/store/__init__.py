"""The graph as a query engine: GraphStore, in memory, on disk or an external SPARQL store."""
