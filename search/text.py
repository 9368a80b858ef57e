"""Text analysis shared by indexing and querying: normalisation, segmentation, pinyin, stemming.

Chinese has no spaces between words, so every backend sees text that this module has already
normalised (traditional -> simplified, full-width -> half-width, lower case) and split into
space-separated tokens. Index and query go through the same functions, so they always agree.
"""

import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import jieba
import opencc
import snowballstemmer
from opencc import OpenCC
from pypinyin import Style, lazy_pinyin

# Words jieba's general dictionary does not know but that matter here: splitting 温商 into
# 温 + 商 would lose the museum's most important term.
DOMAIN_WORDS = [
    "温商",
    "温州人",
    "温州商人",
    "领头雁",
    "百名领头雁",
    "温商回归",
    "回归投资",
    "招商引资",
    "商会",
    "侨商",
    "华侨",
    "鹿城",
    "龙湾",
    "瓯海",
    "洞头",
    "乐清",
    "瑞安",
    "龙港",
    "永嘉",
    "平阳",
    "苍南",
    "文成",
    "泰顺",
    "柳市",
    "桥头",
    "纽扣市场",
    "八大王",
    "挂户经营",
    "股份合作",
    "前店后厂",
]

# Particles, question words and function words: a query keeps them only when it has nothing
# else. "温州人在巴黎做什么生意" asks for 温州人, 巴黎, 做 and 生意, and no page says 什么.
STOP_WORDS = frozenset(
    "的 地 得 了 着 过 是 在 有 和 与 及 或 也 都 就 还 又 吗 呢 吧 啊 呀 么 嘛 哪 谁 几 "
    "什么 怎么 怎样 怎么样 如何 为什么 为何 哪些 哪里 哪儿 多少 是否 能否 可以 请问 关于 "
    "这 那 这个 那个 这些 那些 一个 从 到 把 被 叫 对 给 向 后 之 其 "
    "a an the of in on at to for and or is are was were be been what who whom how why when "
    "where which do does did can could with by from about".split()
)
# Words that ask "which" or "what kind of": in 温州人在迪拜做什么生意 the asker wants to learn the
# business, so a page about it need not say 做 or 生意. The one-character verb before such a word
# and the word after it are the question's frame: optional, not required (see Term.optional).
ASKING_WORDS = frozenset("什么 哪些 哪种 哪类 哪个 啥 多少".split())
CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
TOKEN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
# Documents longer than this are cut for the index; snippets still come from the full text.
MAX_INDEXED_CHARS = 20_000

_lock = threading.Lock()
_ready = False
_converter = OpenCC("t2s")


def _traditional_characters():
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.split("\t", 1)[0] for line in lines if line.strip())


# Most text is already simplified: converting only text that holds a traditional character
# makes indexing several times faster.
_TRADITIONAL = _traditional_characters()
_stemmer = snowballstemmer.stemmer("english")


def _ensure_jieba():
    global _ready
    if _ready:
        return
    with _lock:
        if not _ready:
            jieba.setLogLevel(60)
            for word in DOMAIN_WORDS:
                jieba.add_word(word, freq=200_000)
            jieba.initialize()
            _ready = True


def is_cjk(text):
    return bool(CJK_RE.search(text))


def normalise(text):
    """Simplified characters, half-width forms, lower case."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    if not _TRADITIONAL.isdisjoint(text):
        text = _converter.convert(text)
    return text.lower()


@lru_cache(maxsize=20_000)
def stem(word):
    return _stemmer.stemWord(word)


def _cut(text, search_mode, hmm=True):
    _ensure_jieba()
    if search_mode:
        return jieba.cut_for_search(text, HMM=hmm)
    return jieba.cut(text, HMM=hmm)


def tokens(text, search_mode=True, hmm=True):
    """Index tokens of already-normalised text: jieba words for Chinese, stems for English.

    Long body text skips jieba's HMM pass for unknown words (`hmm=False`): it halves the
    time, and the bigram column still finds any word the dictionary does not know.
    """
    out = []
    for piece in TOKEN_RE.findall(text[:MAX_INDEXED_CHARS]):
        if piece[0].isascii():
            out.append(stem(piece))
        else:
            out.extend(_cut(piece, search_mode, hmm))
    return out


def bigrams(text):
    """Overlapping character bigrams of every Chinese run; a lone character stands for itself.

    A phrase of consecutive bigrams matches exactly the substrings of the original text, so any
    Chinese word is found even where jieba split the surrounding compound differently.
    """
    out = []
    for run in CJK_RE.findall(text[:MAX_INDEXED_CHARS]):
        if len(run) == 1:
            out.append(run)
        else:
            out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return out


def cut(text):
    """jieba's words of already-normalised text (not the extra short words of search mode)."""
    return list(_cut(text, False))


@lru_cache(maxsize=20_000)
def word_pinyin(word):
    """(full pinyin, initials) of a word: 温商 -> (wenshang, ws)."""
    full = "".join(lazy_pinyin(word))
    initials = "".join(lazy_pinyin(word, style=Style.FIRST_LETTER))
    return full, initials


def pinyin_tokens(text):
    """Full pinyin and initials of each Chinese word and of each whole Chinese run.

    世界温商博物馆 gives shijie sj wenshang ws bowuguan bwg and shijiewenshangbowuguan sjwsbwg,
    so `wenshang`, `ws` and the whole name typed in pinyin all match.
    """
    out = []
    for run in CJK_RE.findall(text):
        words = list(_cut(run, True))
        for word in words:
            out.extend(word_pinyin(word))
        if len(words) > 1:
            out.extend(word_pinyin(run))
    return out


def romanised_name_tokens(text):
    """A name already written in pinyin ("Wang Jianguo"): its syllables joined, and initials."""
    words = ASCII_WORD_RE.findall(normalise(text))
    if not words:
        return []
    return ["".join(words), "".join(w[0] for w in words), *words]


@dataclass
class Term:
    """One query term and the forms it may take in the index."""

    text: str
    cjk: bool
    word: str = ""  # the token to match in word columns (stemmed for English; words of a phrase)
    grams: list = field(default_factory=list)  # bigram phrase for Chinese
    prefix: bool = False
    # Synonyms from the editors' list: other terms that count as this one.
    alternatives: list = field(default_factory=list)
    # Part of a question's frame (做 and 生意 in 做什么生意): a page need not contain it to
    # count as having every word; it only helps the ranking.
    optional: bool = False

    @property
    def forms(self):
        return [self, *self.alternatives]


def make_term(text):
    """The term for a word or phrase (Chinese, or English words matched as a phrase)."""
    if is_cjk(text):
        return Term(text=text, cjk=True, word=text, grams=bigrams(text))
    return Term(text=text, cjk=False, word=" ".join(stem(w) for w in ASCII_WORD_RE.findall(text)))


@dataclass
class AnalysedQuery:
    raw: str
    normalised: str
    terms: list
    joined_ascii: str = ""  # "wen shang" -> "wenshang", tried as one pinyin token

    def __bool__(self):
        return bool(self.terms)

    @property
    def required(self):
        """The query without its optional terms: what a page needs to have every word."""
        if not any(t.optional for t in self.terms):
            return self
        terms = [t for t in self.terms if not t.optional]
        return AnalysedQuery(self.raw, self.normalised, terms, self.joined_ascii)

    def only(self, term):
        """The query reduced to one of its terms."""
        return AnalysedQuery(raw=term.text, normalised=term.text, terms=[term])

    @property
    def surface_forms(self):
        """Strings to highlight in snippets."""
        return [t.text for t in self.terms]


def _stemmed(phrase):
    return tuple(stem(w) for w in ASCII_WORD_RE.findall(phrase))


def _cjk_spans(piece, phrases):
    """Non-overlapping (start, end) of the synonym phrases in a Chinese run, longest first."""
    spans = []
    for phrase in phrases:
        start = piece.find(phrase)
        while start >= 0:
            end = start + len(phrase)
            if all(end <= a or start >= b for a, b in spans):
                spans.append((start, end))
            start = piece.find(phrase, start + 1)
    return sorted(spans)


def _question_frame(candidates):
    """Words of the query's question frame: the one-character verb before an asking word and
    the word after it (做 and 生意 in 做什么生意), never a phrase of the synonym list."""
    texts = [text for text, _key in candidates]
    frame = set()
    for i, text in enumerate(texts):
        if text not in ASKING_WORDS:
            continue
        if i > 0 and len(texts[i - 1]) == 1 and is_cjk(texts[i - 1]):
            frame.add(texts[i - 1])
        if i + 1 < len(texts) and is_cjk(texts[i + 1]) and texts[i + 1] not in ASKING_WORDS:
            frame.add(texts[i + 1])
    return frame - {text for text, key in candidates if key} - STOP_WORDS


def analyse_query(raw, prefix=False, synonyms=None):
    """Split a query into terms, each matchable as a word, a bigram phrase or pinyin.

    `synonyms` ({normalised phrase: [alternatives]}, see search.synonyms) turns each phrase of
    the list found in the query into one term whose alternatives count as the term itself.
    """
    normalised = normalise(raw or "").strip()
    synonyms = synonyms or {}
    cjk_phrases = sorted((k for k in synonyms if is_cjk(k)), key=len, reverse=True)
    ascii_phrases = {_stemmed(k): k for k in synonyms if not is_cjk(k) and _stemmed(k)}
    longest = max((len(k) for k in ascii_phrases), default=0)
    candidates = []  # (text, synonym key or None)
    pieces = TOKEN_RE.findall(normalised)
    i = 0
    while i < len(pieces):
        piece = pieces[i]
        if piece[0].isascii():
            for n in range(min(longest, len(pieces) - i), 0, -1):
                window = pieces[i : i + n]
                key = ascii_phrases.get(tuple(stem(w) for w in window))
                if key and all(w[0].isascii() for w in window):
                    candidates.append((" ".join(window), key))
                    i += n
                    break
            else:
                candidates.append((piece, None))
                i += 1
            continue
        position = 0
        for start, end in [*_cjk_spans(piece, cjk_phrases), (len(piece), len(piece))]:
            # A query word jieba cannot split further still matches as a substring via bigrams.
            candidates += [(w, None) for w in _cut(piece[position:start], False) if w.strip()]
            if end > start:
                candidates.append((piece[start:end], piece[start:end]))
            position = end
        i += 1
    frame = _question_frame(candidates)
    terms = []
    seen = set()
    for text, key in candidates:
        if text in seen:
            continue
        seen.add(text)
        term = make_term(text)
        if key:
            term.alternatives = [make_term(a) for a in synonyms[key] if a != text]
        term.optional = text in frame
        terms.append(term)
    content = [t for t in terms if t.text not in STOP_WORDS]
    if content:
        terms = content
    if all(t.optional for t in terms):
        for term in terms:
            term.optional = False
    if prefix and terms:
        last = terms[-1]
        last.prefix = True
        if not last.cjk:
            # A word being typed is not a word yet: stemming "wens" would give "wen".
            last.word = last.text
    ascii_words = [t.text for t in terms if not t.cjk and " " not in t.text]
    joined = "".join(ascii_words) if len(ascii_words) > 1 and len(ascii_words) == len(terms) else ""
    return AnalysedQuery(raw=raw or "", normalised=normalised, terms=terms, joined_ascii=joined)
