# focus: <https://w3id.org/ltc/ontology>
# message: The ontology names its licence (dcterms:license).
DELETE WHERE { <https://w3id.org/ltc/ontology> dcterms:license ?licence }
