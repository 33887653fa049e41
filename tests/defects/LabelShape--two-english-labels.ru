# focus: network:eusalp
# message: Needs exactly one English rdfs:label and at most one label per language.
INSERT DATA { network:eusalp rdfs:label "Alpine Strategy"@en }
