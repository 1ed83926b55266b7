"""Data in and out: reading uploaded files, importing them into the store, exporting."""
