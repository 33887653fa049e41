# focus: ltc:Cluster
# message: The term has no Italian rdfs:label.
DELETE { ltc:Cluster rdfs:label "Cluster tecnologico"@it } WHERE { }
