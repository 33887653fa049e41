# focus: cluster:afil
# message: A homepage is an http(s) IRI.
DELETE { cluster:afil foaf:homepage ?site } INSERT { cluster:afil foaf:homepage "www.afil.it/" }
WHERE { cluster:afil foaf:homepage ?site }
