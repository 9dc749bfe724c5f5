"""The names of the flat tables, apart from their builders, so the CLI's help can list them cheaply."""

#: Every table :func:`pipeline.export.tables.write_table` writes, in the order the docs list them.
TABLE_NAMES = ("quotes", "claims", "speakers", "actors")
