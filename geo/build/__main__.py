"""``python -m geo.build``: build data/omradekart.gpkg from data/sources."""

from geo.build.dataset import main

main()
