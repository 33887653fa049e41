# focus: cluster:agrifood
# message: A cluster has exactly one short name
DELETE WHERE { cluster:agrifood ltc:shortName ?short }
