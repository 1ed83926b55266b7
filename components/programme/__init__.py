"""Pieces of the programme pages: zone cards, project details, coverage, the profile PDF."""
