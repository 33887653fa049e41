# focus: site:living-environments-lecco
# message: Is given the country country:it, but no section it comes from names that country
INSERT { ?address ltc:country country:it } WHERE { site:living-environments-lecco org:siteAddress ?address }
