"""Folium maps and their parts: base map, choropleth, legends, styles, offline Leaflet."""
