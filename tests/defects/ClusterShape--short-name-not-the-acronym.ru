# focus: cluster:energy
# message: Its short name "Energy" is not its acronym LE2C
DELETE { cluster:energy ltc:shortName "LE2C" } INSERT { cluster:energy ltc:shortName "Energy" } WHERE {}
