"""ltc-graph: the open knowledge graph of the 9 Lombardy Technology Clusters."""

__version__ = "1.0.0"
