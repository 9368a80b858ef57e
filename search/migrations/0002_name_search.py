"""Titles and names searchable on their own, and PostgreSQL's vectors kept in the table row.

Broad queries rank their best title and name matches (substrings included) beside the matches
they count: on SQLite from a new FTS5 column, name_grams; on PostgreSQL from name_vector (title
A, names and pinyin B, their bigrams D), GIN-indexed. Bigrams are made in Python, so until
`manage.py search_index rebuild` existing entries have title and name words without them.

PostgreSQL stored a search vector of a few kilobytes out of line (TOAST), so testing it against
a query cost an index lookup and more page reads: 200 ms for 40,000 entries. Kept in the row
(storage MAIN) the same test takes 45 ms. Adding name_vector rewrites the table once, which
moves the existing vectors into their rows.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    # One statement: the table is rewritten once, with the storage already set.
    "ALTER TABLE search_indexentry ALTER COLUMN search_vector SET STORAGE MAIN, "
    "ADD COLUMN IF NOT EXISTS name_vector tsvector "
    "GENERATED ALWAYS AS (ts_filter(search_vector, '{a,b}')) STORED, "
    "ALTER COLUMN name_vector SET STORAGE MAIN",
    # Filled from the words already indexed; from now on the backend writes it.
    "ALTER TABLE search_indexentry ALTER COLUMN name_vector DROP EXPRESSION",
    "CREATE INDEX IF NOT EXISTS search_indexentry_name_gin "
    "ON search_indexentry USING GIN (name_vector)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS search_indexentry_name_gin",
    "ALTER TABLE search_indexentry DROP COLUMN IF EXISTS name_vector",
    "ALTER TABLE search_indexentry ALTER COLUMN search_vector SET STORAGE EXTENDED",
]
FTS_COLUMNS = "title, keywords, pinyin, body, grams"
FTS_OPTIONS = "tokenize = 'unicode61 remove_diacritics 0'"


def _copy_fts(schema_editor, columns, select):
    """Recreate the FTS5 table with these columns (FTS5 cannot add one) and copy the rows."""
    for sql in [
        f"CREATE VIRTUAL TABLE search_fts_next USING fts5({columns}, {FTS_OPTIONS})",
        f"INSERT INTO search_fts_next (rowid, {columns}) SELECT rowid, {select} FROM search_fts",  # noqa: S608 - constants only
        "DROP TABLE search_fts",
        "ALTER TABLE search_fts_next RENAME TO search_fts",
    ]:
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in POSTGRES_FORWARD:
            schema_editor.execute(sql)
    elif vendor == "sqlite":
        _copy_fts(schema_editor, f"{FTS_COLUMNS}, name_grams", f"{FTS_COLUMNS}, ''")


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for sql in POSTGRES_BACKWARD:
            schema_editor.execute(sql)
    elif vendor == "sqlite":
        _copy_fts(schema_editor, FTS_COLUMNS, FTS_COLUMNS)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
