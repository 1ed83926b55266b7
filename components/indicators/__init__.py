"""What the indicator pages share: suppressed values, names, units, the choropleth widget."""
