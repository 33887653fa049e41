# focus: project:ai-redgio-5-0
# message: A partner count is one positive integer.
DELETE { project:ai-redgio-5-0 ltc:partnerCount ?n } INSERT { project:ai-redgio-5-0 ltc:partnerCount 0 }
WHERE { project:ai-redgio-5-0 ltc:partnerCount ?n }
