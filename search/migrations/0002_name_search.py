"""Titles and names searchable on their own, and PostgreSQL's vectors kept in the table row.

Broad queries rank their best title and name matches (substrings included) beside the matches
they count: on SQLite from a second FTS5 table, search_names (title, keywords, pinyin and the
bigrams of title and names); on PostgreSQL from name_vector (title A, names and pinyin B, their
bigrams D), GIN-indexed. Bigrams are made in Python, so until `manage.py search_index rebuild`
existing entries have title and name words without them.

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
SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_names USING fts5(title, keywords, pinyin, "
    "grams, tokenize = 'unicode61 remove_diacritics 0')",
    # The words already indexed; the bigrams come with the next rebuild.
    "INSERT INTO search_names (rowid, title, keywords, pinyin, grams) "
    "SELECT rowid, title, keywords, pinyin, '' FROM search_fts",
]
SQLITE_BACKWARD = ["DROP TABLE IF EXISTS search_names"]


def _run(schema_editor, statements):
    vendor = schema_editor.connection.vendor
    for sql in statements.get(vendor, []):
        schema_editor.execute(sql)


def forward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD})


def backward(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRES_BACKWARD, "sqlite": SQLITE_BACKWARD})


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(forward, backward)]
