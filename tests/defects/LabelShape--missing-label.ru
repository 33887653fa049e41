# focus: network:eusalp
# message: Needs exactly one English rdfs:label and at most one label per language.
DELETE WHERE { network:eusalp rdfs:label ?label }
