# focus: project:autitec
# message: Recorded as completed, but its source (2024) prints no end date before its own year, with the dates in order
INSERT DATA { project:autitec ltc:status vocab:completed }
