"""The size check: how many files and lines the change touches (:mod:`.check`)."""
