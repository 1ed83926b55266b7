"""The Kart explorer: layers as data, filters, the map, linked charts, details, downloads."""
