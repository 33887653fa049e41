# focus: pnrr:M2C1
# message: The notation M2C1 does not start with its mission's notation M3.
DELETE { pnrr:M2C1 skos:broader pnrr:M2 } INSERT { pnrr:M2C1 skos:broader pnrr:M3 } WHERE { }
