"""Altair chart builders, one module per page family: data in, an `alt.Chart` out."""
