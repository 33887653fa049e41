# focus: project:plastix
# message: Starts (2024-03-01) after it ends (2023-12-31).
INSERT DATA { project:plastix schema:startDate "2024-03-01"^^xsd:date ; schema:endDate "2023-12-31"^^xsd:date }
