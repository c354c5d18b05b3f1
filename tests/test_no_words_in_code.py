"""No Python module that reads a document names a word of a language: the words are in
`lexicons/<code>/`.

The modules that read text (`ingest/`, `extract/`, `resolve/`, `link/`, the registry and `langid`)
are parsed, and every string the code reads text with is checked: a regular expression's
pattern, the argument of a string search (`startswith`, `endswith`, `split`, ...) and a
string compared with `in` or `==`, each followed through the module constants it names. A
word there that is a word of a language folder (its patterns, word lists, money and date
words, examples) fails the test with the file and line. A single word is no word of text
where it is a name in the code ("day_parts"), the head of names the module formats
(f"law{i}"), or, compared, a code of the data model that the data files or the code use as
one ("platform", "announced", "FINE": a YAML key, a kind, a dictionary key, a regex group)
or the spelling of a yes-or-no setting ("off").
Messages, docstrings and comments are prose for the user and are not checked.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import yaml

import clampdown

PACKAGE = Path(clampdown.__file__).resolve().parent
LEXICONS = PACKAGE / "lexicons"
READING = ("ingest", "extract", "resolve", "link")
MODULES = sorted(
    [PACKAGE / "languages.py", PACKAGE / "langid.py",
     *(p for d in READING for p in (PACKAGE / d).rglob("*.py"))]
)

# Words that are no words of text where they stand, by module, each group with its reason.
ALLOWED = {
    "extract/names.py": {
        # Top-level domains of a web address ("amazon.de", "gov.in", "mail.ru").
        "by", "in", "ua", "am", "de", "co", "az", "md", "fr", "ir", "com", "ru", "io", "net", "org",
        "ge",
    },
    # A query parameter that says where a link was shared from ("?from=").
    "link/provenance.py": {"from"},
    # An error message of the XML parser, matched to pass over harmless feed errors.
    "ingest/feeds.py": {"entity"},
    # HTML element names.
    "ingest/html.py": {"meta", "time"},
    # The kind of a web address read as a name, and the prefix of a new entity's id.
    "extract/pipeline.py": {"site"},
    "link/cases.py": {"new"},
    # The kind of a dispute's matter cue (a law cited), not a word of the text.
    "link/disputes.py": {"law"},
}
# Compared anywhere: the spellings of a yes-or-no setting ("CLAMPDOWN_X=off").
SETTING_WORDS = frozenset({"on", "off", "yes", "no", "true", "false"})

# Words: runs of letters (two or more, or one outside ASCII: Russian "в"), and clitics
# written after an apostrophe (English "'s").
_WORD = re.compile(r"['’][^\W\d_]+|[^\W\d_]{2,}|[^\W\d_a-zA-Z]")
# Regular-expression syntax whose letters are no words: character classes, escapes, group
# names and flags, `{placeholders}`, quoted JSON keys and markup tags ("<meta>", "<(meta|link)").
_SYNTAX = re.compile(
    r"""\[(?:\\.|[^\]\\])*\]|\\[A-Za-z]|\(\?P?<\w+>|\(\?P=\w+\)|\(\?[a-zA-Z-]+[:)]|\{\w*\}
      |"\w+"|</?\w+>|<\((?:\w+\|)*\w+\)""",
    re.X,
)
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# A media type, a meta property or a path ("application/ld+json", "twitter:title").
_PROTOCOL = re.compile(r"[\w.+-]+(?:[:/][\w.+-]+)+")
_GROUP = re.compile(r"\(\?P[<=](\w+)")
_ENUM_KEYS = frozenset(
    {"type", "voice", "kinds", "skip_kinds", "status", "mode", "year", "anchor", "precision",
     "analyser", "cases", "target_roles", "slash_order", "role", "kind", "number_reader"}
)
_RE_FUNCTIONS = frozenset(
    {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"}
)
_STR_SEARCHES = frozenset(
    {"startswith", "endswith", "find", "rfind", "index", "rindex", "count", "split", "rsplit",
     "partition", "rpartition", "replace", "strip", "lstrip", "rstrip", "removeprefix",
     "removesuffix"}
)
_KEY_CALLS = frozenset({"get", "pop", "setdefault", "getattr", "group", "start", "end", "span"})


@cache
def vocabulary() -> frozenset[str]:
    """Every word (lower case) of the language folders' files, but codes of the data model."""
    words: set[str] = set()

    def walk(value: Any, key: str | None) -> None:
        if key in _ENUM_KEYS or key in ("name", "native_name"):
            return
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str):
            words.update(w.lower() for w in _WORD.findall(value))

    for folder in LEXICONS.iterdir():
        for path in folder.glob("*.yaml") if folder.is_dir() else ():
            walk(yaml.safe_load(path.read_text(encoding="utf-8")), None)
    return frozenset(words)


@cache
def codes() -> frozenset[str]:
    """The words the data model uses as codes: keys and enumerated values of every data file,
    and the code's dictionary keys, looked-up keys, `Literal` values, regex group names and
    constants named in capitals."""
    found: set[str] = set()

    def walk(value: Any, key: str | None) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                found.add(str(k))
                walk(v, str(k))
        elif isinstance(value, list):
            for v in value:
                walk(v, key)
        elif isinstance(value, str) and key in _ENUM_KEYS:
            found.add(value)

    for path in PACKAGE.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), None)
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:  # a constant named in capitals: OTHER = "other"
            if (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Constant)
                and all(isinstance(t, ast.Name) and t.id.isupper() for t in node.targets)
            ):
                found.add(str(node.value.value))
        for node in ast.walk(tree):
            keys: list[ast.expr] = []
            if isinstance(node, ast.Dict):
                keys = [k for k in node.keys if k is not None]
            elif isinstance(node, ast.Subscript):
                s = node.slice
                keys = list(s.elts) if isinstance(s, ast.Tuple) else [s]
            elif isinstance(node, ast.Call) and _called(node) in _KEY_CALLS:
                keys = node.args[:2]
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.update(_GROUP.findall(node.value))
            found.update(
                k.value for k in keys if isinstance(k, ast.Constant) and isinstance(k.value, str)
            )
    return frozenset(found)


def _called(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _built(tree: ast.Module) -> set[str]:
    """The fixed heads of the names a module builds by formatting (f"law{i}": "law")."""
    return {
        head.value
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr) and len(node.values) > 1
        for head, tail in [node.values[:2]]
        if isinstance(head, ast.Constant)
        and isinstance(head.value, str)
        and _IDENTIFIER.fullmatch(head.value)
        and isinstance(tail, ast.FormattedValue)
    }


def _text_strings(tree: ast.Module) -> Iterator[tuple[ast.Constant, bool]]:
    """The string constants the module reads text with, each with whether it is compared
    (where a code of the data model is allowed) rather than searched for."""
    named: dict[str, list[ast.expr]] = {}  # the module's constants
    for node in tree.body:
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    named.setdefault(t.id, []).append(node.value)
        elif (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.value is not None
        ):
            named.setdefault(node.target.id, []).append(node.value)

    def strings(expr: ast.AST, compared: bool, seen: frozenset[str] = frozenset()) -> Iterator[
        tuple[ast.Constant, bool]
    ]:
        for x in ast.walk(expr):
            if isinstance(x, ast.Constant) and isinstance(x.value, str):
                yield x, compared
            elif isinstance(x, ast.Name) and x.id in named and x.id not in seen:
                for value in named[x.id]:
                    yield from strings(value, compared, seen | {x.id})

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            f = node.func
            if isinstance(f.value, ast.Name) and f.value.id == "re" and f.attr in _RE_FUNCTIONS:
                yield from strings(node.args[0], False) if node.args else ()
            elif f.attr in _STR_SEARCHES:
                for arg in node.args:
                    yield from strings(arg, False)
        elif isinstance(node, ast.Compare) and any(
            isinstance(op, ast.In | ast.NotIn | ast.Eq | ast.NotEq) for op in node.ops
        ):
            for side in (node.left, *node.comparators):
                if not isinstance(side, ast.Attribute | ast.Call | ast.Subscript):
                    yield from strings(side, True)


def words_in(tree: ast.Module, rel: str) -> list[tuple[int, str, str]]:
    """(line, word, string) for each word of a language that a module reads text with."""
    vocab, known, built = vocabulary(), codes(), _built(tree)
    found = []
    for const, compared in _text_strings(tree):
        s = const.value
        if compared and (s in known or s.lower() in SETTING_WORDS):
            continue  # a code of the data ("platform", "text2num"), a setting's "off"
        if _PROTOCOL.fullmatch(s) or _IDENTIFIER.fullmatch(s) and (
            "_" in s or s in built or (compared and s.isupper())
        ):
            continue  # a name in the code ("day_parts", "FINE"), a media type
        for word in _WORD.findall(_SYNTAX.sub(" ", s)):
            if word.lower() in vocab and word.lower() not in ALLOWED.get(rel, ()):
                found.append((const.lineno, word, s))
    return found


def test_no_module_that_reads_text_names_a_word_of_a_language() -> None:
    found = []
    for path in MODULES:
        rel = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [f"{rel}:{n}: {w!r} in {s[:60]!r}" for n, w, s in words_in(tree, rel)]
    assert sorted(set(found)) == []


def test_the_check_finds_words_where_code_reads_text_with_them() -> None:
    source = """
import re
CONJ = ("and", "или")
_X = re.compile(rf"\\b(?:{'|'.join(CONJ)})\\b")
def f(text, e, word):
    a = text.startswith(("'s", "’s"))
    b = e.role == "platform" and word == "the" and e.kind == "government"
    c = e.name.endswith("government") and e.id.startswith(f"new{e.role}")
    if not a:
        raise ValueError(f"the text {text!r} is not read")
    return re.search(r"(?P<num>\\d+)\\s+million", text)
"""
    found = {w for _, w, _ in words_in(ast.parse(source), "example.py")}
    assert found == {"and", "или", "'s", "the", "government", "million"}
