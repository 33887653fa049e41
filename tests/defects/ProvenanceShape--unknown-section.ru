# focus: project:plastix
# message: which is not a described source section or source
INSERT DATA { project:plastix prov:wasDerivedFrom g:page-99 }
