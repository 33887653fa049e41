# focus: count:life-sciences-2024-total
# message: add up to 115, not to the total of 114
DELETE { ?count schema:value 63 } INSERT { ?count schema:value 64 }
WHERE { ?count ltc:countOf cluster:life-sciences ; ltc:memberCategory vocab:companies ; schema:value 63 }
