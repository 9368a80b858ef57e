"""The editors' synonym list as the query analyser reads it.

Read from the database on every query (a few hundred short rows at most), so a group added or
changed in the admin applies to the next search in every process, without a rebuild: synonyms
are expanded in the query, the index is left as it is.
"""

from .models import Synonym, split_terms
from .text import normalise


def expansions():
    """{normalised term: [terms that count as it]}: equivalents both ways, broader terms one way."""
    out = {}
    for terms, broader in Synonym.objects.values_list("terms", "broader"):
        listed = list(dict.fromkeys(normalise(t) for t in split_terms(terms)))
        if broader.strip():
            out.setdefault(normalise(broader.strip()), []).extend(listed)
            continue
        for term in listed:
            out.setdefault(term, []).extend(t for t in listed if t != term)
    return {term: list(dict.fromkeys(alternatives)) for term, alternatives in out.items()}
