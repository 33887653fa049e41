"""The files of the repository and their graphs, the formats of RDF, and RDF terms."""
