"""The editor's Data page: sign-in, import, row edits, history and export."""
