# focus: role:afil--regional-value-chains
# message: A project role is in exactly one project, or one programme or regional initiative.
DELETE { role:afil--regional-value-chains ltc:roleIn ?in }
INSERT { role:afil--regional-value-chains ltc:roleIn network:vanguard-initiative }
WHERE { role:afil--regional-value-chains ltc:roleIn ?in }
