# focus: site:afil-milano
# message: A seat has exactly one site type.
INSERT DATA { site:afil-milano ltc:siteType vocab:operational-office }
