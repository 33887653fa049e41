# focus: s3:nutrition
# message: skos:prefLabel and rdfs:label differ for language en.
DELETE { s3:nutrition skos:prefLabel "Nutrition"@en } INSERT { s3:nutrition skos:prefLabel "Food"@en } WHERE { }
