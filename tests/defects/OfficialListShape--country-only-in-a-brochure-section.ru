# focus: country:ae
# message: No official list describes it: a country, PNRR mission or component or S3 ecosystem takes its names and code from an official list
INSERT DATA {
    country:ae a ltc:Country ;
        skos:notation "AE" ;
        rdfs:label "United Arab Emirates"@en , "Emirati Arabi Uniti"@it ;
        skos:altLabel "Emirates"@en ;
        prov:wasDerivedFrom g:life-sciences .
}
