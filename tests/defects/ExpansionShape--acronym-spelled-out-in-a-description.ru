# focus: programme:mimit
# message: Its description or note spells out what an acronym stands for, which its source does not print
DELETE { programme:mimit dcterms:description ?text }
INSERT { programme:mimit dcterms:description "Funding body named for EDIH Lombardia; the acronym of the Italian Ministry of Enterprises and Made in Italy."@en }
WHERE { programme:mimit dcterms:description ?text }
