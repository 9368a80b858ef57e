"""Everything that differs between SQLite FTS5 and PostgreSQL full-text search.

Both store the same five analysed columns (title, keywords, pinyin, body, grams) and receive
the same analysed query; only the storage, the query syntax and the ranking function differ.
Full-text rows are keyed by page id, so deleting a page (which cascades to its index entry)
leaves at worst an orphan row that every query's join ignores and the next write removes.
"""

COLUMNS = ("title", "keywords", "pinyin", "body", "grams")


class SQLiteFullText:
    """An FTS5 table whose rowid is the page id; bm25 with per-column weights ranks."""

    # The table itself is created by migration search.0001.
    # bm25 weights in column order: a title hit outweighs a name, pinyin, body or substring hit.
    weights = (10.0, 5.0, 4.0, 1.0, 0.5)
    descending = False

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

    def delete(self, cursor, page_ids):
        if page_ids:
            cursor.executemany(
                "DELETE FROM search_fts WHERE rowid = %s", [(pk,) for pk in page_ids]
            )

    def clear(self, cursor):
        cursor.execute("DELETE FROM search_fts")

    def _term(self, term, names_only):
        star = "*" if term.prefix else ""
        words = "{title keywords}" if names_only else "{title keywords body}"
        if term.cjk:
            alternatives = [f"{words} : {self._quote(term.word)}{star}"]
            if not names_only:
                alternatives.append(f"grams : {self._quote(' '.join(term.grams))}{star}")
        else:
            alternatives = [
                f"{words} : {self._quote(term.word)}{star}",
                f"pinyin : {self._quote(term.text)}{star}",
            ]
        return "(" + " OR ".join(alternatives) + ")"

    def compile(self, query, operator="AND", names_only=False):
        expr = f" {operator} ".join(self._term(t, names_only) for t in query.terms)
        if query.joined_ascii:
            star = "*" if query.terms[-1].prefix else ""
            expr = f"({expr}) OR pinyin : {self._quote(query.joined_ascii)}{star}"
        return expr

    def match_sql(self, expression, scored=True):
        weights = ", ".join(str(w) for w in self.weights)
        score = f"bm25(search_fts, {weights})" if scored else "0"
        return (
            f"SELECT rowid AS id, {score} AS score "  # noqa: S608 - only constants interpolated; values are parameters
            "FROM search_fts WHERE search_fts MATCH %s",
            [expression],
        )

    def after_bulk_write(self, cursor):
        cursor.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")
        cursor.execute("ANALYZE search_indexentry")
        cursor.execute("ANALYZE search_facetvalue")


class PostgresFullText:
    """A weighted tsvector column on the index entry, GIN-indexed, ranked by ts_rank_cd.

    Weights: A title, B keywords and pinyin, C body, D bigrams. Bigrams come first in the
    vector so that their positions stay below PostgreSQL's 16383 limit and phrase matching
    (`<->`) keeps working on long texts.
    """

    # The column and its GIN index are created by migration search.0001.
    # ts_rank_cd weights in D, C, B, A order.
    weights = "{0.05, 0.1, 0.4, 1.0}"
    descending = True

    @staticmethod
    def _lex(token):
        return "'" + token.replace("\\", "").replace("'", "''") + "'"

    def write(self, cursor, rows):
        cursor.executemany(
            "UPDATE search_indexentry SET search_vector = "
            "setweight(to_tsvector('simple', %s), 'D') || "
            "setweight(to_tsvector('simple', %s), 'A') || "
            "setweight(to_tsvector('simple', %s), 'B') || "
            "setweight(to_tsvector('simple', %s), 'C') "
            "WHERE page_id = %s",
            [
                (
                    cols["grams"],
                    cols["title"],
                    cols["keywords"] + " " + cols["pinyin"],
                    cols["body"],
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
        star = "*" if term.prefix else ""
        words = "AB" if names_only else "ABC"
        if term.cjk:
            alternatives = [f"{self._lex(term.word)}:{star}{words}"]
            if not names_only:
                grams = [f"{self._lex(g)}:D" for g in term.grams]
                if term.prefix:
                    grams[-1] = grams[-1][:-1] + "*D"
                alternatives.append("(" + " <-> ".join(grams) + ")")
        else:
            alternatives = [
                f"{self._lex(term.word)}:{star}{words}",
                f"{self._lex(term.text)}:{star}B",
            ]
        return "(" + " | ".join(alternatives) + ")"

    def compile(self, query, operator="AND", names_only=False):
        joiner = " & " if operator == "AND" else " | "
        expr = joiner.join(self._term(t, names_only) for t in query.terms)
        if query.joined_ascii:
            star = "*" if query.terms[-1].prefix else ""
            expr = f"({expr}) | {self._lex(query.joined_ascii)}:{star}B"
        return expr

    def match_sql(self, expression, scored=True):
        # Counting and facets skip the ranking function: it reads every matching vector again.
        score = f"ts_rank_cd('{self.weights}', e0.search_vector, tq, 1)" if scored else "0"
        return (
            f"SELECT e0.page_id AS id, {score} AS score "  # noqa: S608 - only constants interpolated; values are parameters
            "FROM search_indexentry e0, to_tsquery('simple', %s) tq "
            "WHERE e0.search_vector @@ tq",
            [expression],
        )

    def after_bulk_write(self, cursor):
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
