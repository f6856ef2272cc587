"""The dataset as files analysts open elsewhere: a Frictionless data package (datapackage) and a SQLite database
with its Datasette metadata (sqlite).
"""
