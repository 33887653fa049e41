# focus: <https://w3id.org/ltc/ontology>
# message: Data uses ltc:budgetTotal, which the ontology does not declare.
INSERT DATA { project:plastix ltc:budgetTotal 1000 }
