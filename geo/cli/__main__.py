"""`python -m geo.cli` is the same as the installed `omradekart` command."""

from geo.cli import main

main()
