# focus: project:medtech4europe
# message: Recorded as ongoing, but its stated end (2022) is before its source's year (2024).
DELETE { project:medtech4europe ltc:status vocab:completed } INSERT { project:medtech4europe ltc:status vocab:ongoing } WHERE { }
