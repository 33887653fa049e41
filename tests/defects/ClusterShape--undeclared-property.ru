# focus: cluster:afil
# message: Uses a property that the cluster model does not have
INSERT DATA { cluster:afil schema:numberOfEmployees 12 }
