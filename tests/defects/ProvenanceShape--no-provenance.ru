# focus: project:plastix
# message: Has no provenance
DELETE WHERE { project:plastix prov:wasDerivedFrom ?section }
