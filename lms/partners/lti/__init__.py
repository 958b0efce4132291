"""Campus as an LTI 1.3 Advantage tool: launches, deep linking, grades, rosters."""
