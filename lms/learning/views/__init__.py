"""Learning views, one module per job; each module lists its own URL patterns."""
