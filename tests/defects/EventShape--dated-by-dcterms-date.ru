# focus: event:life-sciences-business-mission-emirates-2024
# message: An event is dated by schema:startDate and schema:endDate
DELETE { event:life-sciences-business-mission-emirates-2024 schema:startDate ?start ; schema:endDate ?end }
INSERT { event:life-sciences-business-mission-emirates-2024 dcterms:date "2024"^^xsd:gYear }
WHERE { event:life-sciences-business-mission-emirates-2024 schema:startDate ?start ; schema:endDate ?end }
