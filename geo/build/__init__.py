"""Building the default dataset from data/sources, and geometry prepared for the browser."""
