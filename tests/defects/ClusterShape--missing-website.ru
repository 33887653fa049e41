# focus: cluster:afil
# message: A cluster has exactly one website.
DELETE WHERE { cluster:afil foaf:homepage ?site }
