# focus: synergy:afil-1
# message: A PNRR reference resolves to exactly one canonical component.
DELETE { ?ref ltc:component ?c } WHERE { synergy:afil-1 ltc:pnrrReference ?ref . ?ref ltc:component ?c }
