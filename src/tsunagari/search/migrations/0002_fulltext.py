"""The full-text side of the search index, which differs by database.

SQLite: an FTS5 table whose rowid is the document id. Its columns hold our own tokens
(bigrams, taxonomy codes, municipality and grid-cell tokens) separated by spaces; the
``ascii`` tokenizer keeps every non-ASCII run whole and ``tokenchars`` keeps codes such
as ``need.talk`` whole, so FTS5 never splits Japanese its own way.
PostgreSQL: a GIN index over the ``tokens`` tsvector."""

from django.db import migrations

SQLITE_FORWARD = """
CREATE VIRTUAL TABLE search_fts USING fts5(
    name, body, filters,
    tokenize = "ascii tokenchars '._-'",
    detail = 'full'
)
"""
SQLITE_BACKWARD = "DROP TABLE IF EXISTS search_fts"
POSTGRES_FORWARD = "CREATE INDEX search_doc_tokens_gin ON search_document USING gin (tokens)"
POSTGRES_BACKWARD = "DROP INDEX IF EXISTS search_doc_tokens_gin"


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_FORWARD)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_FORWARD)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_BACKWARD)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_document")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
