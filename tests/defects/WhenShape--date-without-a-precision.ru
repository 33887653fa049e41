# focus: story:afil-sustainable-development-protocol
# message: Dated by 2022-06 (dcterms:date), which has no day, month or year precision to read
DELETE { story:afil-sustainable-development-protocol dcterms:date ?year }
INSERT { story:afil-sustainable-development-protocol dcterms:date "2022-06" }
WHERE { story:afil-sustainable-development-protocol dcterms:date ?year }
