"""Review certification: a change that the trusted policy says needs review passes only with one.

- :mod:`.facts`: what the first-stage checks found, as typed values (pure);
- :mod:`.requirements`: which rules fire, and what each needs (pure);
- :mod:`.evidence`: approvals and rejected reviews, whatever their source;
- :mod:`.github`, :mod:`.gitlab`: the platforms' review APIs (I/O, via :mod:`.http`);
- :mod:`.signature`: reviewers' SSH signatures stored as git notes (``gate certify``);
- :mod:`.judge`: requirements against evidence (pure);
- :mod:`.check`: ties them together, and calls no API when nothing needs review.
"""
