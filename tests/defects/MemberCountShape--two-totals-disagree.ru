# focus: count:afil-2024-total
# message: Two exact counts of the same category and year disagree: 143 here, 151
INSERT DATA {
    count:afil-2024-total-again a ltc:MemberCount ;
        rdfs:label "AFIL members in 2024: total, again"@en ;
        ltc:countOf cluster:afil ;
        ltc:memberCategory vocab:all-members ;
        ltc:referenceYear "2024"^^xsd:gYear ;
        schema:value 151 ;
        prov:wasDerivedFrom g:afil .
}
