# focus: network:eusalp
# message: Shares its English label with network:vanguard-initiative
DELETE { network:eusalp rdfs:label ?label } INSERT { network:eusalp rdfs:label "Vanguard Initiative"@en }
WHERE { network:eusalp rdfs:label ?label }
