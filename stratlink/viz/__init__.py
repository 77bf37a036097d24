"""Presentation: terminal tables, and (later) pyvis maps and the HTML report.
Reads results and graphs; never a database."""
