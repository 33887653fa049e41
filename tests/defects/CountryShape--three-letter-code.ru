# focus: country:it
# message: A country has exactly one ISO 3166-1 alpha-2 code.
DELETE { country:it skos:notation "IT" } INSERT { country:it skos:notation "ITA" } WHERE { }
