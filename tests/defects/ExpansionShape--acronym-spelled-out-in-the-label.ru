# focus: network:european-clean-hydrogen-alliance
# message: Its English label "European Clean Hydrogen Alliance" expands the acronym ECH2A, but no source gives that expansion
DELETE { network:european-clean-hydrogen-alliance rdfs:label ?label }
INSERT { network:european-clean-hydrogen-alliance rdfs:label "European Clean Hydrogen Alliance"@en }
WHERE { network:european-clean-hydrogen-alliance rdfs:label ?label }
