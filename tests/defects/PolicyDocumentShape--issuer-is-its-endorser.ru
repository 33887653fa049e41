# focus: document:lombardy-roadmap-circular-economy
# message: organisation:regione-lombardia is recorded as both issuing and endorsing it
INSERT DATA { document:lombardy-roadmap-circular-economy ltc:issuer organisation:regione-lombardia }
