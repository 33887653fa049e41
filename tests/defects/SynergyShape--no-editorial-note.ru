# focus: synergy:afil-1
# message: A synergy box says how it was attached to its project or cluster
DELETE WHERE { synergy:afil-1 skos:editorialNote ?note }
