# focus: ltc:partnerCount
# message: The property declares no rdfs:range.
DELETE WHERE { ltc:partnerCount rdfs:range ?range }
