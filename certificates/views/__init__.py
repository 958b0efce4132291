"""Certificate views, one module per audience: learners, the public, staff."""
