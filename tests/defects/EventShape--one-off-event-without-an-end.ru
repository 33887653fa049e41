# focus: event:ila-berlin-2024
# message: A one-off event that starts (2024-06-05) also says when it ends
DELETE WHERE { event:ila-berlin-2024 schema:endDate ?end }
