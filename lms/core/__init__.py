"""Domain-free pieces every layer shares: StreamField blocks and the file chooser.

It sits below every layer of DESIGN.md and imports none of them (an
import-linter contract checks this), so courses, research and the site can
all build pages from one block set.
"""
