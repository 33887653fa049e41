# focus: site:afil-milano
# message: must appear in the full address as printed (Via Colombo)
DELETE { ?address locn:thoroughfare ?street } INSERT { ?address locn:thoroughfare "Via Colombo" }
WHERE { site:afil-milano org:siteAddress ?address . ?address locn:thoroughfare ?street }
