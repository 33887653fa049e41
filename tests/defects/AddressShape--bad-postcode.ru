# focus: site:afil-milano
# message: A postcode is 4 or 5 digits.
DELETE { ?address locn:postCode "20133" } INSERT { ?address locn:postCode "2O133" }
WHERE { site:afil-milano org:siteAddress ?address }
