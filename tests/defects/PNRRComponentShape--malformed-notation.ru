# focus: pnrr:M2C2
# message: A component's notation is written like M2C1.
DELETE { pnrr:M2C2 skos:notation "M2C2" } INSERT { pnrr:M2C2 skos:notation "M2-C2" } WHERE { }
