"""The index's vocabulary: every Chinese word written to the index, with its pinyin.

Pinyin queries find words anywhere in a page (`puluotuo`, initials `plt` -> 普拉托), and a
Chinese query whose words the index does not know is corrected to same-sound words it does know
(鹿成区 -> 鹿城区). Titles and names contribute their words and the runs of two and three
consecutive words, so a place name that jieba cut in two (鹿城 + 区) is still one entry.
"""

import re

from django.db.models import Q

from . import text as textlib
from .models import VocabularyTerm

MAX_WORD = 8
PINYIN_CANDIDATES = 8
VOWELS = re.compile(r"[aeiouv]")
UPSERT = (
    "INSERT INTO search_vocabularyterm (text, pinyin, initials, documents) "
    "VALUES (%s, %s, %s, %s) ON CONFLICT (text) DO UPDATE "
    "SET documents = search_vocabularyterm.documents + excluded.documents"
)


def _chinese(words):
    return {w for w in words if 2 <= len(w) <= MAX_WORD and textlib.CJK_RE.fullmatch(w)}


def _unknown_words(tokens):
    """A lone character joined to its neighbours: words jieba does not know are cut into a
    known word and a character (普拉托 -> 普拉 + 托), or into single characters."""
    out = []
    for i, token in enumerate(tokens):
        if len(token) != 1 or token in textlib.STOP_WORDS or not textlib.CJK_RE.fullmatch(token):
            continue
        if i > 0:
            out.append(tokens[i - 1] + token)
        if i + 1 < len(tokens):
            out.append(token + tokens[i + 1])
    return [w for w in out if len(w) <= 4]


def words_of(columns, names):
    """The Chinese words of one document: its indexed words, runs of characters jieba did not
    know, and runs of title and name words."""
    tokens = " ".join([columns["title"], columns["keywords"], columns["body"]]).split()
    words = _chinese(tokens) | _chinese(_unknown_words(tokens))
    for run in textlib.CJK_RE.findall(names):
        cut = [w for w in textlib.cut(run) if w.strip()]
        for size in (2, 3):
            words |= _chinese("".join(cut[i : i + size]) for i in range(len(cut) - size + 1))
    return words


def record(cursor, word_sets):
    """Add the words of a batch of documents, counting each document once per word."""
    counts = {}
    for words in word_sets:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    cursor.executemany(
        UPSERT,
        [(word, *textlib.word_pinyin(word), count) for word, count in sorted(counts.items())],
    )


def clear():
    VocabularyTerm.objects.all().delete()


def add_pinyin_alternatives(query):
    """Give each pinyin term of the query the Chinese words it spells, most frequent first:
    full pinyin of four letters or more, or initials (letters without vowels)."""
    for term in query.terms:
        if term.cjk or not term.text.isalpha() or len(term.text) < 2:
            continue
        condition = Q()
        if len(term.text) >= 4:
            condition |= Q(pinyin__startswith=term.text) if term.prefix else Q(pinyin=term.text)
        if not VOWELS.search(term.text) and len(term.text) <= MAX_WORD:
            condition |= Q(initials=term.text)
        if not condition:
            continue
        known = {form.text for form in term.forms}
        words = VocabularyTerm.objects.filter(condition).order_by("-documents", "text")
        for word in words.values_list("text", flat=True)[:PINYIN_CANDIDATES]:
            if word not in known:
                term.alternatives.append(textlib.make_term(word))
    return query


def _same_sound(word):
    """The most frequent word of the vocabulary that sounds like `word` and has as many
    characters, or None when the vocabulary knows `word` itself."""
    if VocabularyTerm.objects.filter(text=word).exists():
        return None
    full, _initials = textlib.word_pinyin(word)
    match = (
        VocabularyTerm.objects.filter(pinyin=full)
        .exclude(text=word)
        .order_by("-documents", "text")
        .values_list("text", flat=True)
        .first()
    )
    return match if match and len(match) == len(word) else None


def homophone_correction(query):
    """The query with unknown Chinese words replaced by known same-sound words, or None.

    A whole run of characters is tried first (鹿成区 -> 鹿城区), then each word of it
    (欧海 in 欧海眼镜 -> 瓯海)."""
    corrected = query.normalised
    for run in textlib.CJK_RE.findall(query.normalised):
        if len(run) < 2:
            continue
        whole = _same_sound(run) if len(run) <= MAX_WORD else None
        if whole:
            corrected = corrected.replace(run, whole, 1)
            continue
        fixed = run
        for word in textlib.cut(run):
            if len(word) >= 2 and textlib.CJK_RE.fullmatch(word):
                better = _same_sound(word)
                if better:
                    fixed = fixed.replace(word, better, 1)
        corrected = corrected.replace(run, fixed, 1)
    return corrected if corrected != query.normalised else None
