"""Everything that differs between SQLite FTS5 and PostgreSQL full-text search.

Both store the same analysed columns (title, keywords, pinyin, body, grams) and receive the
same analysed query; only the storage, the query syntax and the ranking function differ.
Beside them both keep titles and names on their own (with name_grams, the bigrams of title
and names alone), from which broad queries take their best title matches.
Full-text rows are keyed by page id, so deleting a page (which cascades to its index entry)
leaves at worst an orphan row that every query's join ignores and the next write removes.
"""

import json

from django.db import connection

COLUMNS = ("title", "keywords", "pinyin", "body", "grams")
NAME_COLUMNS = ("title", "keywords", "pinyin", "name_grams")


class SQLiteFullText:
    """An FTS5 table whose rowid is the page id; bm25 with per-column weights ranks.

    Titles and names have a second FTS5 table, search_names, whose grams column holds
    name_grams: a column added to search_fts would change every bm25 score, since bm25
    divides by the length of the whole row.
    """

    # The tables are created by migrations search.0001 (search_fts) and 0002 (search_names).
    # bm25 weights in column order: a title hit outweighs a name, pinyin, body or substring hit.
    weights = (10.0, 5.0, 4.0, 1.0, 0.5)
    names_weights = (10.0, 5.0, 4.0, 0.5)
    # Unary + keeps SQLite from probing the entry index once per id a facet filter lists.
    filter_column = "+e.id"
    matches_settings = {}

    @staticmethod
    def _quote(token):
        return '"' + token.replace('"', '""') + '"'

    def write(self, cursor, rows):
        """rows: [(page_id, columns dict)]"""
        self.delete(cursor, [page_id for page_id, _ in rows])
        cursor.executemany(
            "INSERT INTO search_fts (rowid, title, keywords, pinyin, body, grams) "
            "VALUES (%s, %s, %s, %s, %s, %s)",
            [(page_id, *(cols[c] for c in COLUMNS)) for page_id, cols in rows],
        )
        cursor.executemany(
            "INSERT INTO search_names (rowid, title, keywords, pinyin, grams) "
            "VALUES (%s, %s, %s, %s, %s)",
            [(page_id, *(cols[c] for c in NAME_COLUMNS)) for page_id, cols in rows],
        )

    def delete(self, cursor, page_ids):
        if not page_ids:
            return
        for table in ("search_fts", "search_names"):
            cursor.executemany(
                f"DELETE FROM {table} WHERE rowid = %s",  # noqa: S608 - a constant table name
                [(pk,) for pk in page_ids],
            )

    def clear(self, cursor):
        cursor.execute("DELETE FROM search_fts")
        cursor.execute("DELETE FROM search_names")

    def _term(self, term, words, grams):
        """A term, its synonyms (a phrase of several words as a phrase) and their forms."""
        alternatives = []
        for form in term.forms:
            star = "*" if form.prefix else ""
            alternatives.append(f"{words} : {self._quote(form.word)}{star}")
            if form.cjk and grams and form.grams:
                alternatives.append(f"{grams} : {self._quote(' '.join(form.grams))}{star}")
            elif not form.cjk:
                alternatives.append(f"pinyin : {self._quote(form.text)}{star}")
        return "(" + " OR ".join(alternatives) + ")"

    def _compile(self, query, operator, words, grams):
        expr = f" {operator} ".join(self._term(t, words, grams) for t in query.terms)
        if query.joined_ascii:
            star = "*" if query.terms[-1].prefix else ""
            expr = f"({expr}) OR pinyin : {self._quote(query.joined_ascii)}{star}"
        return expr

    def compile(self, query, operator="AND", names_only=False):
        if names_only:
            return self._compile(query, operator, "{title keywords}", None)
        return self._compile(query, operator, "{title keywords body}", "grams")

    def names_expression(self, query, operator="AND"):
        """The query for search_names: titles and names, substrings included (its grams
        column holds their bigrams only). It finds a subset of the query's matches."""
        return self._compile(query, operator, "{title keywords}", "grams")

    def _bm25(self, table="search_fts", weights=None):
        return f"bm25({table}, " + ", ".join(str(w) for w in weights or self.weights) + ")"

    def matches_sql(self, expression, where, params, limit):
        """(entry id, page id) of the first `limit` matches, in page id order: FTS5 returns
        rows in rowid (page id) order, so the LIMIT stops the scan early."""
        return (
            "SELECT e.id, e.page_id FROM search_fts CROSS JOIN search_indexentry e "  # noqa: S608 - only constants interpolated; values are parameters
            f"WHERE search_fts MATCH %s AND e.page_id = search_fts.rowid{where} "
            "ORDER BY search_fts.rowid LIMIT %s",
            [expression, *params, limit],
        )

    def names_sql(self, names_expression, where, params, limit):
        """Page ids of the best `limit` matches of a titles-and-names query."""
        return (
            "SELECT search_names.rowid FROM search_names CROSS JOIN search_indexentry e "  # noqa: S608 - only constants interpolated; values are parameters
            f"WHERE search_names MATCH %s AND e.page_id = search_names.rowid{where} "
            f"ORDER BY {self._bm25('search_names', self.names_weights)}, search_names.rowid "
            "LIMIT %s",
            [names_expression, *params, limit],
        )

    def ranked_sql(self, expression, page_ids, limit, offset, demoted=()):
        """(page id, score) of the given matching pages, best first, `demoted` pages last.

        Unary + keeps the ids from FTS5, which would run the query once per id (seconds for a
        thousand ids); walking every match and scoring only the listed ones takes milliseconds."""
        return (
            f"SELECT rowid, {self._bm25()} AS score FROM search_fts "  # noqa: S608 - only constants interpolated; values are parameters
            "WHERE search_fts MATCH %s AND +rowid IN (SELECT value FROM json_each(%s)) "
            "ORDER BY +rowid IN (SELECT value FROM json_each(%s)), score, rowid LIMIT %s OFFSET %s",
            [expression, json.dumps(page_ids), json.dumps(list(demoted)), limit, offset],
        )

    @staticmethod
    def in_ids(column, ids):
        """A condition `column is one of ids` with one parameter, however many ids."""
        return f"{column} IN (SELECT value FROM json_each(%s))", [json.dumps(ids)]  # noqa: S608 - a constant column name

    def after_bulk_write(self, cursor):
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        cursor.execute("INSERT INTO search_names (search_names) VALUES ('optimize')")
        cursor.execute("ANALYZE search_indexentry")
        cursor.execute("ANALYZE search_facetvalue")


class PostgresFullText:
    """A weighted tsvector column on the index entry, GIN-indexed, ranked by ts_rank_cd.

    Weights: A title, B keywords and pinyin, C body, D bigrams. Bigrams come first in the
    vector so that their positions stay below PostgreSQL's 16383 limit and phrase matching
    (`<->`) keeps working on long texts.
    """

    # The column and its GIN index are created by migration search.0001; name_vector (title
    # A, names and pinyin B, their bigrams D) and its GIN index by search.0002.
    # ts_rank_cd weights in D, C, B, A order.
    weights = "{0.05, 0.1, 0.4, 1.0}"
    filter_column = "e.id"
    matches_settings = {
        "enable_seqscan": "off",
        "enable_indexscan": "off",
        "max_parallel_workers_per_gather": "0",
    }

    @staticmethod
    def _lex(token):
        return "'" + token.replace("\\", "").replace("'", "''") + "'"

    def write(self, cursor, rows):
        cursor.executemany(
            "UPDATE search_indexentry SET search_vector = "
            "setweight(to_tsvector('simple', %s), 'D') || "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C'), "
            "name_vector = "
            "setweight(to_tsvector('simple', %s), 'D') || "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') "
            "WHERE page_id = %s",
            [
                (
                    cols["grams"],
                    cols["title"],
                    cols["keywords"] + " " + cols["pinyin"],
                    cols["body"],
                    cols["name_grams"],
                    cols["title"],
                    cols["keywords"] + " " + cols["pinyin"],
                    page_id,
                )
                for page_id, cols in rows
            ],
        )

    def delete(self, cursor, page_ids):
        """The vector lives in the entry row and goes with it."""

    def clear(self, cursor):
        """Clearing the entries clears the vectors."""

    def _term(self, term, names_only):
        """A term, its synonyms (a phrase of several words as a phrase) and their forms."""
        words = "AB" if names_only else "ABC"
        alternatives = []
        for form in term.forms:
            star = "*" if form.prefix else ""
            lexemes = form.word.split() or [form.word]
            alternatives.append(" <-> ".join(f"{self._lex(w)}:{star}{words}" for w in lexemes))
            if form.cjk and not names_only and form.grams:
                grams = [f"{self._lex(g)}:D" for g in form.grams]
                if form.prefix:
                    grams[-1] = grams[-1][:-1] + "*D"
                alternatives.append(" <-> ".join(grams))
            elif not form.cjk:
                alternatives.append(f"{self._lex(form.text.replace(' ', ''))}:{star}B")
        return "(" + " | ".join(f"({a})" for a in alternatives) + ")"

    def names_expression(self, query, operator="AND"):
        """The query as it is: run against name_vector it finds titles and names only."""
        return self.compile(query, operator)

    def compile(self, query, operator="AND", names_only=False):
        joiner = " & " if operator == "AND" else " | "
        expr = joiner.join(self._term(t, names_only) for t in query.terms)
        if query.joined_ascii:
            star = "*" if query.terms[-1].prefix else ""
            expr = f"({expr}) | {self._lex(query.joined_ascii)}:{star}B"
        return expr

    def _rank(self, column, normalization=1):
        return f"ts_rank_cd('{self.weights}', {column}, tq, {normalization})"

    def matches_sql(self, expression, where, params, limit):
        """(entry id, page id) of the first `limit` matches in storage order, which a rebuild
        makes page id order (see after_bulk_write).

        Run with `matches_settings`, so that the one plan is a bitmap scan of the GIN index that
        stops after `limit` rows. Left to itself the planner, which does not know that testing
        a vector costs far more than reading a row, walks the page id index or the whole table
        testing every row (30-90 ms where the bitmap takes 4-11 ms), or splits the scan among
        workers, which would make the rows counted change from one request to the next."""
        return (
            "SELECT e.id, e.page_id FROM search_indexentry e, to_tsquery('simple', %s) tq "  # noqa: S608 - only constants interpolated; values are parameters
            f"WHERE e.search_vector @@ tq{where} LIMIT %s",
            [expression, *params, limit],
        )

    def names_sql(self, names_expression, where, params, limit):
        """Page ids of the best `limit` matches of a titles-and-names query, from name_vector.

        Not divided by the length: a page that has the word in its title and in its names
        (the exhibit 柳市电器) comes before a hundred short titles that only mention it."""
        return (
            "SELECT e.page_id FROM search_indexentry e, to_tsquery('simple', %s) tq "  # noqa: S608 - only constants interpolated; values are parameters
            f"WHERE e.name_vector @@ tq{where} "
            f"ORDER BY {self._rank('e.name_vector', normalization=0)} DESC, e.page_id LIMIT %s",
            [names_expression, *params, limit],
        )

    def ranked_sql(self, expression, page_ids, limit, offset, demoted=()):
        """(page id, score) of the given matching pages, best first, `demoted` pages last."""
        return (
            f"SELECT e.page_id, {self._rank('e.search_vector')} AS score "  # noqa: S608 - only constants interpolated; values are parameters
            "FROM search_indexentry e, to_tsquery('simple', %s) tq WHERE e.page_id = ANY(%s) "
            "ORDER BY e.page_id = ANY(%s), score DESC, e.page_id LIMIT %s OFFSET %s",
            [expression, list(page_ids), list(demoted), limit, offset],
        )

    @staticmethod
    def in_ids(column, ids):
        """A condition `column is one of ids` with one parameter, however many ids."""
        return f"{column} = ANY(%s)", [list(ids)]

    def after_bulk_write(self, cursor):
        # Inside a caller's transaction CLUSTER and VACUUM cannot run; ANALYZE still can.
        if not connection.in_atomic_block:
            # Rows in page id order, so that the first matches a broad query counts are the
            # oldest pages of every type, as on SQLite, not the type written first (a few
            # seconds for 40,000 entries; pages written later go wherever there is room).
            cursor.execute("CLUSTER search_indexentry USING search_indexentry_page_id_key")
            # A rebuild deletes and rewrites every facet row: the dead ones made facet
            # filters (type=artifact) three times slower until autovacuum came by.
            cursor.execute("VACUUM search_facetvalue")
        # Fresh statistics, or the planner skips the GIN index after a bulk load.
        cursor.execute("ANALYZE search_indexentry")
        cursor.execute("ANALYZE search_facetvalue")


def for_vendor(vendor):
    if vendor == "sqlite":
        return SQLiteFullText()
    if vendor == "postgresql":
        return PostgresFullText()
    raise NotImplementedError(
        f"The embedded search backend supports SQLite and PostgreSQL, not {vendor}; "
        "set ELASTICSEARCH_URL to use Elasticsearch."
    )
