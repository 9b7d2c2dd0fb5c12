"""The query language: a small grammar read by hand, compiled to tantivy queries.

    putin                     a word (stemmed: finds Putin's; Путин finds Путина, Путиным)
    "state visit"             a phrase: the words adjacent and in order
    习近平                     Chinese needs no quotes: adjacent characters
    pres*                     a prefix (at least two characters)
    a AND b, a b              both (AND is the default between terms)
    a OR b                    either
    NOT a, -a                 not (alone: everything except)
    ( ... )                   grouping; NOT binds tighter than AND, AND than OR
    title:x  text:x           only in the headline / the body (a bare word searches both)
    agency:xinhua  source:x  language:ru  country:by   exact values, any case
    title:(a OR b), agency:"China Daily"               a field before a group or a phrase
    *                         every article (with filters: all of an agency's copy)

Operators are upper-case; lower-case and/or/not are words. A malformed query
raises ``QueryError`` with one sentence naming the column, never anything else.
tantivy's own parser was not used: it has no plain prefix (``pres*`` silently
becomes ``pres``), ``a AND NOT b`` matched nothing, and its errors do not say
where.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import tantivy

from wirewatch.errors import QueryError
from wirewatch.search.schema import (
    KEYWORD_FIELDS,
    QUERY_FIELDS,
    TEXT_FIELDS,
    build_schema,
    keyword_analyzer,
    space_cjk,
    words_analyzer,
)
from wirewatch.search.tuning import (
    MAX_QUERY_CHARS,
    MAX_QUERY_DEPTH,
    MIN_PREFIX_CHARS,
    PREFIX_PROBE_SUFFIXES,
    TITLE_BOOST,
)

# --- Syntax tree ---------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """A word (or a run of characters) in ``field``, or in every text field when None."""

    text: str
    field: str | None = None
    prefix: bool = False
    column: int = 1


@dataclass(frozen=True)
class Phrase:
    """Quoted words, adjacent and in order."""

    text: str
    field: str | None = None
    column: int = 1


@dataclass(frozen=True)
class Everything:
    """``*``: every article."""


@dataclass(frozen=True)
class Not:
    child: Node


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


Node = Term | Phrase | Everything | Not | And | Or

# --- Lexer ---------------------------------------------------------------------

_FIELD = re.compile(r"([A-Za-z_]+):(.*)", re.S)
_OPERATORS = {"AND", "OR", "NOT"}
_SPECIAL = '()"'
_CJK_NAMES = ("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH", "HIRAGANA", "KATAKANA")


def _is_cjk_char(token: str) -> bool:
    return len(token) == 1 and unicodedata.name(token, "").startswith(_CJK_NAMES)


@dataclass(frozen=True)
class _Token:
    kind: str  # ( ) WORD PHRASE FIELD AND OR NOT ALL
    value: str
    column: int
    prefix: bool = False


def _lex(query: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(query)
    while i < n:
        ch = query[i]
        col = i + 1
        if ch.isspace():
            i += 1
        elif ch in "()":
            tokens.append(_Token(ch, ch, col))
            i += 1
        elif ch == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise QueryError(f'unclosed quote (") at column {col} of the query')
            tokens.append(_Token("PHRASE", query[i + 1 : end], col))
            i = end + 1
        elif ch in "-+" and i + 1 < n and not query[i + 1].isspace() and query[i + 1] not in "-+)":
            if ch == "-":
                tokens.append(_Token("NOT", ch, col))
            i += 1
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in _SPECIAL:
                j += 1
            tokens.extend(_word_tokens(query, query[i:j], col, j))
            i = j
    return tokens


def _word_tokens(query: str, word: str, col: int, end: int) -> list[_Token]:
    if word in _OPERATORS:
        return [_Token(word, word, col)]
    match = _FIELD.fullmatch(word)
    if match:
        name, rest = match.group(1).lower(), match.group(2)
        if name not in QUERY_FIELDS:
            raise QueryError(
                f"unknown field {match.group(1)!r} at column {col} of the query "
                f"(fields are {', '.join(QUERY_FIELDS)}; quote text that has a colon)"
            )
        field = _Token("FIELD", name, col)
        if rest:
            return [field, _plain_word(rest, col + len(name) + 1)]
        if end < len(query) and query[end] in '("':
            return [field]
        raise QueryError(f"field {name}: at column {col} of the query needs a value after it")
    return [_plain_word(word, col)]


def _plain_word(word: str, col: int) -> _Token:
    stripped = word.rstrip("*")
    if not stripped:
        return _Token("ALL", word, col)
    return _Token("WORD", stripped, col, prefix=stripped != word)


# --- Parser --------------------------------------------------------------------

_STARTS_TERM = {"WORD", "PHRASE", "FIELD", "(", "NOT", "ALL"}


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def need_term_after(self, op: _Token) -> None:
        nxt = self.peek()
        if nxt is None or nxt.kind not in _STARTS_TERM:
            raise QueryError(f"{op.value} at column {op.column} of the query needs a term after it")

    def parse(self) -> Node:
        if not self.tokens:
            raise QueryError("the query is empty")
        node = self.parse_or(None)
        extra = self.peek()
        if extra is not None:
            raise QueryError(f"unmatched ')' at column {extra.column} of the query")
        return node

    def parse_or(self, field: str | None) -> Node:
        children = [self.parse_and(field)]
        while (tok := self.peek()) is not None and tok.kind == "OR":
            self.take()
            self.need_term_after(tok)
            children.append(self.parse_and(field))
        return children[0] if len(children) == 1 else Or(tuple(children))

    def parse_and(self, field: str | None) -> Node:
        children = [self.parse_unary(field)]
        while (tok := self.peek()) is not None:
            if tok.kind == "AND":
                self.take()
                self.need_term_after(tok)
            elif tok.kind not in _STARTS_TERM:
                break
            children.append(self.parse_unary(field))
        return children[0] if len(children) == 1 else And(tuple(children))

    def parse_unary(self, field: str | None) -> Node:
        tok = self.peek()
        if tok is not None and tok.kind == "NOT":
            self.take()
            self.need_term_after(tok)
            return Not(self.parse_unary(field))
        return self.parse_primary(field)

    def parse_primary(self, field: str | None) -> Node:
        tok = self.peek()
        if tok is None:
            raise QueryError("the query ends where a term was expected")
        if tok.kind in ("AND", "OR"):
            raise QueryError(
                f"{tok.kind} at column {tok.column} of the query needs a term before it"
            )
        if tok.kind == ")":
            raise QueryError(f"unmatched ')' at column {tok.column} of the query")
        self.take()
        if tok.kind == "(":
            return self.parse_group(tok, field)
        if tok.kind == "FIELD":
            nxt = self.peek()
            if nxt is None or nxt.kind not in ("WORD", "PHRASE", "("):
                raise QueryError(
                    f"field {tok.value}: at column {tok.column} of the query needs a value after it"
                )
            return self.parse_primary(tok.value)
        if tok.kind == "WORD":
            return Term(tok.value, field, tok.prefix, tok.column)
        if tok.kind == "PHRASE":
            return Phrase(tok.value, field, tok.column)
        if field is not None:  # ALL
            raise QueryError(f"* at column {tok.column} of the query cannot follow a field")
        return Everything()

    def parse_group(self, opening: _Token, field: str | None) -> Node:
        self.depth += 1
        if self.depth > MAX_QUERY_DEPTH:
            raise QueryError(f"the query nests parentheses deeper than {MAX_QUERY_DEPTH}")
        nxt = self.peek()
        if nxt is not None and nxt.kind == ")":
            raise QueryError(f"empty parentheses at column {opening.column} of the query")
        node = self.parse_or(field)
        close = self.peek()
        if close is None or close.kind != ")":
            raise QueryError(f"unclosed '(' at column {opening.column} of the query")
        self.take()
        self.depth -= 1
        return node


def parse_query(query: str) -> Node:
    """The syntax tree of ``query``; ``QueryError`` if it is malformed."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is longer than {MAX_QUERY_CHARS} characters")
    return _Parser(_lex(query)).parse()


# --- Compiler ------------------------------------------------------------------


def _common_prefix(a: str, b: str) -> str:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return a[:n]


class Compiler:
    """Turns a syntax tree into a tantivy query with the index's own analyzers."""

    def __init__(
        self,
        schema: tantivy.Schema,
        words: tantivy.TextAnalyzer,
        unstemmed: tantivy.TextAnalyzer,
        keyword: tantivy.TextAnalyzer,
    ) -> None:
        self.schema = schema
        self.words = words
        self.unstemmed = unstemmed
        self.keyword = keyword

    def compile(self, node: Node) -> tantivy.Query:
        """The query for ``node``; ``QueryError`` when nothing in it can be searched."""
        query = self._node(node)
        if query is None:
            raise QueryError("the query has no searchable words")
        return query

    def _node(self, node: Node) -> tantivy.Query | None:
        if isinstance(node, Everything):
            return tantivy.Query.all_query()
        if isinstance(node, Term | Phrase):
            return self._leaf(node)
        if isinstance(node, Not):
            inner = self._node(node.child)
            return None if inner is None else _only_not(inner)
        if isinstance(node, And):
            must: list[tantivy.Query] = []
            must_not: list[tantivy.Query] = []
            for child in node.children:
                target = must_not if isinstance(child, Not) else must
                compiled = self._node(child.child if isinstance(child, Not) else child)
                if compiled is not None:
                    target.append(compiled)
            if not must and not must_not:
                return None
            if not must:
                must.append(tantivy.Query.all_query())
            clauses = [(tantivy.Occur.Must, q) for q in must]
            clauses += [(tantivy.Occur.MustNot, q) for q in must_not]
            return clauses[0][1] if len(clauses) == 1 else tantivy.Query.boolean_query(clauses)
        shoulds = [q for q in (self._node(child) for child in node.children) if q is not None]
        if not shoulds:
            return None
        if len(shoulds) == 1:
            return shoulds[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in shoulds])

    def _leaf(self, leaf: Term | Phrase) -> tantivy.Query | None:
        if leaf.field in KEYWORD_FIELDS:
            values = self.keyword.analyze(leaf.text)
            if not values:
                return None
            if isinstance(leaf, Term) and leaf.prefix:
                self._check_prefix(values[0], leaf)
                return tantivy.Query.phrase_prefix_query(self.schema, leaf.field, [values[0]])
            return tantivy.Query.term_query(self.schema, leaf.field, values[0])
        prefix = isinstance(leaf, Term) and leaf.prefix
        spaced = space_cjk(leaf.text)
        tokens = self.words.analyze(spaced)
        if not tokens:
            return None
        if prefix:
            assert isinstance(leaf, Term)
            last = self.unstemmed.analyze(spaced)[-1]
            if _is_cjk_char(last):
                prefix = False  # a character is a whole token: nothing to expand
            else:
                self._check_prefix(last, leaf)
                tokens = [*tokens[:-1], self._stem_prefix(last)]
        fields = (leaf.field,) if leaf.field else TEXT_FIELDS
        words: list[str | tuple[int, str]] = list(tokens)
        per_field = []
        for name in fields:
            if prefix:
                q = tantivy.Query.phrase_prefix_query(self.schema, name, words)
            elif len(tokens) == 1:
                q = tantivy.Query.term_query(self.schema, name, tokens[0])
            else:
                q = tantivy.Query.phrase_query(self.schema, name, words)
            if leaf.field is None and name == "title":
                q = tantivy.Query.boost_query(q, TITLE_BOOST)
            per_field.append((tantivy.Occur.Should, q))
        return per_field[0][1] if len(per_field) == 1 else tantivy.Query.boolean_query(per_field)

    def _stem_prefix(self, prefix: str) -> str:
        """The part of ``prefix`` that the stems of words starting with it keep."""
        kept = prefix
        for suffix in PREFIX_PROBE_SUFFIXES:
            for stem in self.words.analyze(prefix + suffix):
                kept = _common_prefix(kept, stem)
        return kept if len(kept) >= MIN_PREFIX_CHARS else prefix[:MIN_PREFIX_CHARS]

    @staticmethod
    def _check_prefix(stem: str, leaf: Term) -> None:
        if len(stem) < MIN_PREFIX_CHARS:
            raise QueryError(
                f"the prefix {leaf.text}* at column {leaf.column} of the query is too short: "
                f"give at least {MIN_PREFIX_CHARS} characters before *"
            )


def _only_not(query: tantivy.Query) -> tantivy.Query:
    # tantivy matches nothing with exclusions alone: exclude from everything.
    return tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, tantivy.Query.all_query()), (tantivy.Occur.MustNot, query)]
    )


@cache
def _standalone_compiler() -> Compiler:
    return Compiler(build_schema(), words_analyzer(), words_analyzer(stem=False), keyword_analyzer())


def check_query(query: str) -> None:
    """Raise ``QueryError`` if ``query`` is malformed or has nothing to search (no index needed)."""
    _standalone_compiler().compile(parse_query(query))
