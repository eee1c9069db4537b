"""``gate history``: does AI-written code survive? Line lifetimes from one forward replay."""
