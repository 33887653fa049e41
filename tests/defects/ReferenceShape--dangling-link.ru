# focus: project:plastix
# message: Links to cluster:afill, which no file describes
INSERT DATA { project:plastix ltc:cluster cluster:afill }
