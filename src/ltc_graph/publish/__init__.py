"""What the dataset publishes about itself: dumps, VoID and DCAT, the JSON-LD context, the class
diagram, statistics and resource descriptions.
"""
