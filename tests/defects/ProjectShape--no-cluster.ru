# focus: project:plastix
# message: Every project belongs to at least one cluster (ltc:cluster).
DELETE WHERE { project:plastix ltc:cluster ?cluster }
