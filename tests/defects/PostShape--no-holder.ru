# focus: post:confindustria-lombardia-chairman
# message: A post is held by a named person.
DELETE WHERE { post:confindustria-lombardia-chairman org:heldBy ?person }
