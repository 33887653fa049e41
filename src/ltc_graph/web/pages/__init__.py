"""What the pages that gather several answers show, built for their templates: a canned query's
page and its embeddable part."""
