"""Pure analysis over (Geo)DataFrames: indicators, coverage, portfolio, risk, selections."""
