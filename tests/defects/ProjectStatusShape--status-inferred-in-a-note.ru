# focus: project:hyper
# message: Its status (vocab:completed) is inferred, as its editorial note says, not stated by the source
DELETE { project:hyper skos:editorialNote ?note }
INSERT { project:hyper ltc:status vocab:completed ; skos:editorialNote "Named only in the success stories, not among the ongoing projects 2024, so recorded as completed."@en }
WHERE { project:hyper skos:editorialNote ?note }
