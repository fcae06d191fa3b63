"""The full YAML reader: a map file composed by PyYAML into a node tree, walked by hand.

The YAML is composed with a safe loader (libyaml's when present) into a node tree that keeps
every line and column, and the tree is walked by hand: PyYAML's constructors would lose the
positions and silently keep the last of two equal keys. Every problem is collected as a
:class:`~argmap.errors.MapError` in the draft; nothing is raised. It is imported only for a file
the plain-style reader (:mod:`argmap.loading.read_simple`) declines: PyYAML's import alone is a
tenth of a small check.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

import yaml

from argmap.errors import MapError, did_you_mean
from argmap.loading.drafts import (
    HEADER_KEYS,
    LABELS,
    LINK_KEYS,
    NODE_KEYS,
    TOP_KEYS,
    FileDraft,
    Header,
)
from argmap.model import (
    ID_PATTERN,
    NODE_KINDS,
    Attack,
    Citation,
    Expectation,
    Locator,
    LocatorLabel,
    Node,
    Reason,
    SourcePosition,
    Suppression,
)

__all__ = ["read_composed"]


_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_STANDARD_TAGS = frozenset(
    {
        _STR,
        _INT,
        _BOOL,
        _NULL,
        "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:timestamp",
        "tag:yaml.org,2002:map",
        "tag:yaml.org,2002:seq",
    }
)

_REASON_REF = re.compile(r"([^/\s]+)/([^/\s]*)\Z")
_REASON_HINT = "write the premises' ids, joined by `+` when they work together"
_REF_HINT = (
    "write `ID/N` or `ID/name`: N the reason's place (from 1) in that node's `because`, "
    "name the name it has there"
)


def read_composed(file: str, text: str) -> FileDraft:
    """Read one YAML map file's text through PyYAML's composed node tree."""
    reader = _FileReader(file)
    reader.read(text)
    return reader.draft()


# Plain classes, not attrs ones: generating attrs methods for these two cost every start-up
# half a millisecond, and they are only filled in and read.


class _HeaderDraft:
    __slots__ = ("analysed", "bibliography", "expected", "position", "title", "unmapped")

    def __init__(self) -> None:
        self.title: str | None = None
        self.bibliography: list[tuple[str, SourcePosition]] = []
        self.analysed: str | None = None
        self.unmapped: dict[int, str] = {}
        self.expected: list[Expectation] = []
        self.position: SourcePosition | None = None


class _Draft:
    """A node as read, before it is built."""

    __slots__ = ("attacks", "columns", "fields", "id", "kind", "position", "reasons", "text")

    def __init__(self, kind: str, node_id: str, text: str, position: SourcePosition) -> None:
        self.kind = kind
        self.id = node_id
        self.text = text
        self.position = position
        self.fields: dict[str, Any] = {}
        self.reasons: list[Reason] = []
        #: Premise columns of reasons whose premises do not all start at the reason's column.
        self.columns: dict[int, tuple[int, ...]] = {}
        self.attacks: list[Attack] = []


class _FileReader:
    """One file being read: the errors found so far and the nodes read so far."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[MapError] = []
        self.nodes: list[Node] = []
        self.columns: dict[tuple[int, int], tuple[int, ...]] = {}
        self.broken: list[tuple[str, SourcePosition]] = []
        self.header = _HeaderDraft()

    def draft(self) -> FileDraft:
        header = self.header
        return FileDraft(
            file=self.file,
            header=None
            if header.position is None
            else Header(
                title=header.title,
                bibliography=tuple(header.bibliography),
                analysed=header.analysed,
                unmapped=header.unmapped,
                expected=tuple(header.expected),
                position=header.position,
            ),
            nodes=tuple(self.nodes),
            columns=self.columns,
            broken=tuple(self.broken),
            errors=tuple(self.errors),
        )

    def read(self, text: str) -> None:
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or exc.context or "invalid YAML"
            self.fail(line, column, f"YAML syntax error: {problem}", "fix the YAML syntax")
            return
        except yaml.reader.ReaderError as exc:  # a character YAML does not allow
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            self.fail(
                line,
                column,
                f"the character {_character(exc.character)} is not allowed in YAML",
                "remove it, or write it as an escape inside double quotes",
            )
            return
        except yaml.YAMLError as exc:
            self.fail(1, 1, f"YAML error: {exc}", "fix the YAML syntax")
            return
        if root is None:
            return
        # Anchors (&), aliases (*) and tags (!) cannot be written without these characters:
        # most maps skip the walk that looks for them.
        if not ("&" in text or "*" in text or "!" in text) or self.no_aliases(root):
            self.read_top(root)

    def no_aliases(self, root: yaml.Node) -> bool:
        """Refuse any node reached twice: aliases could blow up time and memory."""
        seen: set[int] = set()
        stack = [root]
        while stack:
            node = stack.pop()
            if id(node) in seen:
                self.fail_at(node, "YAML aliases are not allowed in maps", "write the value out")
                return False
            seen.add(id(node))
            if node.tag not in _STANDARD_TAGS:  # on scalars, lists and mappings alike
                self.fail_at(node, f"unsupported YAML tag `{node.tag}`", "remove the tag")
                return False
            if isinstance(node, yaml.SequenceNode):
                stack.extend(node.value)
            elif isinstance(node, yaml.MappingNode):
                for key, value in node.value:
                    stack.extend((key, value))
        return True

    # -- errors and positions ----------------------------------------------------------------

    def fail(self, line: int, column: int, message: str, hint: str) -> None:
        self.errors.append(MapError(self.file, line, column, message, hint))

    def fail_at(self, node: yaml.Node, message: str, hint: str) -> None:
        mark = node.start_mark
        self.fail(mark.line + 1, mark.column + 1, message, hint)

    def where(self, node: yaml.Node) -> SourcePosition:
        mark = node.start_mark
        return SourcePosition(self.file, mark.line + 1, mark.column + 1)

    def pairs(
        self,
        node: yaml.MappingNode,
        owner: str,
        *,
        what: str = "key",
        hint: str = "merge the two into one entry",
    ) -> Iterator[tuple[str, yaml.Node, yaml.Node]]:
        """Yield (key, key node, value node), reporting duplicate and non-scalar keys."""
        seen: set[str] = set()
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail_at(key_node, f"a {what} in {owner} is not a plain word", "use a word")
                continue
            key = key_node.value
            if key in seen:
                self.fail_at(key_node, f"duplicate {what} `{_cut(key)}` in {owner}", hint)
                continue
            seen.add(key)
            yield key, key_node, value

    def unknown_key(self, key_node: yaml.Node, key: str, owner: str, known: Sequence[str]) -> None:
        hint = did_you_mean(key, known) or "allowed keys: " + ", ".join(f"`{k}`" for k in known)
        self.fail_at(key_node, f"unknown key `{key}` in {owner}", hint)

    # -- scalars -----------------------------------------------------------------------------

    def text(self, node: yaml.Node, what: str) -> str | None:
        """Return a scalar as text, reporting lists, mappings and empty values."""
        if not isinstance(node, yaml.ScalarNode):
            self.fail_at(node, f"{what} must be text, not a {_shape(node)}", "write it as text")
            return None
        if node.tag == _NULL or not node.value.strip():
            self.fail_at(node, f"{what} is empty", "write the text after the key")
            return None
        return str(node.value)

    def integer(self, node: yaml.Node, what: str) -> int | None:
        if isinstance(node, yaml.ScalarNode) and node.tag == _INT:
            try:
                number = int(node.value, 0) if not node.value.isdigit() else int(node.value)
            except ValueError:
                number = 0
            if number >= 1:
                return number
        self.fail_at(node, f"{what} must be a whole number from 1, got {_show(node)}", "fix it")
        return None

    def words(self, node: yaml.Node, what: str) -> list[tuple[str, yaml.ScalarNode]]:
        """Return a scalar or a list of scalars as (text, node) pairs."""
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for item in items:
            if isinstance(item, yaml.ScalarNode) and item.tag != _NULL and item.value.strip():
                out.append((str(item.value), item))
            else:
                self.fail_at(item, f"{what} must be text, got {_show(item)}", "write an id")
        return out

    # -- top level and header ----------------------------------------------------------------

    def read_top(self, root: yaml.Node) -> None:
        if not isinstance(root, yaml.MappingNode):
            self.fail_at(
                root, f"a map file must be a mapping, not a {_shape(root)}", "start with `nodes:`"
            )
            return
        for key, key_node, value in self.pairs(root, "the file"):
            if key == "map":
                self.read_header(key_node, value)
            elif key == "nodes":
                self.read_nodes(value)
            else:
                self.unknown_key(key_node, key, "the file", TOP_KEYS)

    def read_header(self, key_node: yaml.Node, node: yaml.Node) -> None:
        if self.header.position is not None:
            first = self.header.position
            self.fail_at(key_node, f"a second `map:` header (first at {first})", "keep one header")
            return
        self.header.position = self.where(key_node)
        if not isinstance(node, yaml.MappingNode):
            self.fail_at(node, "`map:` must be a mapping", "write `map:` with `title:` etc.")
            return
        for key, kn, value in self.pairs(node, "the `map:` header"):
            if key == "title":
                self.header.title = self.text(value, "the title")
            elif key == "analysed":
                self.header.analysed = self.text(value, "`analysed`")
            elif key == "bibliography":
                self.header.bibliography = [
                    (text, self.where(item)) for text, item in self.words(value, "`bibliography`")
                ]
            elif key == "unmapped":
                self.read_unmapped(value)
            elif key == "expect":
                self.read_expect(value)
            else:
                self.unknown_key(kn, key, "the `map:` header", HEADER_KEYS)

    def read_unmapped(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.fail_at(node, "`unmapped` must map paragraph numbers to reasons", "write `4: why`")
            return
        for _key, key_node, value in self.pairs(node, "`unmapped`"):
            number = self.integer(key_node, "a paragraph in `unmapped`")
            reason = self.text(value, f"the reason paragraph {_key} is unmapped")
            if number is not None and reason is not None:
                self.header.unmapped[number] = reason

    def read_expect(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.fail_at(node, "`expect` must map node ids to labels", "write `expect: {T1: in}`")
            return
        for node_id, key_node, value in self.pairs(node, "`expect`"):
            word = value.value.lower() if isinstance(value, yaml.ScalarNode) else None
            if word not in LABELS:
                self.fail_at(
                    value,
                    f"bad label {_show(value)} for `{node_id}` in `expect`",
                    "use in, out or undec",
                )
                continue
            self.header.expected.append(Expectation(node_id, word, position=self.where(key_node)))

    # -- nodes -------------------------------------------------------------------------------

    # -- nodes -------------------------------------------------------------------------------

    def read_nodes(self, node: yaml.Node) -> None:
        if not isinstance(node, yaml.MappingNode):
            self.fail_at(node, "`nodes:` must be a mapping of ids to nodes", "write `ID: {...}`")
            return
        for node_id, key_node, value in self.pairs(node, "`nodes`"):
            if not ID_PATTERN.match(node_id):
                self.fail_at(
                    key_node,
                    f"bad id `{node_id}`",
                    "ids start with a letter and hold only letters, digits, `_` and `-`",
                )
                continue
            draft = self.read_node(node_id, key_node, value)
            if draft is None:
                self.broken.append((node_id, self.where(key_node)))
                continue
            index = len(self.nodes)
            for place, columns in draft.columns.items():
                self.columns[index, place] = columns
            self.nodes.append(
                NODE_KINDS[draft.kind](
                    id=draft.id,
                    text=draft.text,
                    reasons=tuple(draft.reasons),
                    attacks=tuple(draft.attacks),
                    position=draft.position,
                    **draft.fields,
                )
            )

    def read_node(self, node_id: str, key_node: yaml.Node, node: yaml.Node) -> _Draft | None:
        owner = f"node `{node_id}`"
        if not isinstance(node, yaml.MappingNode):
            self.fail_at(node, f"{owner} must be a mapping", "give it a kind key such as `claim:`")
            return None
        kinds: list[tuple[str, yaml.Node]] = []
        links: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, kn, value in self.pairs(node, owner):
            if key in NODE_KINDS:
                kinds.append((key, value))
            elif key in LINK_KEYS:
                links[key] = (kn, value)
            else:
                self.unknown_key(kn, key, owner, NODE_KEYS)
        if len(kinds) != 1:
            if kinds:
                names = " and ".join(f"`{k}`" for k, _ in kinds)
                self.fail_at(kinds[1][1], f"{owner} has two kinds, {names}", "keep one kind key")
            else:
                self.fail_at(
                    key_node,
                    f"{owner} has no text",
                    "add one of " + ", ".join(f"`{k}:`" for k in NODE_KINDS),
                )
            return None
        kind, text_node = kinds[0]
        text = self.text(text_node, f"the text of {owner}")
        if text is None:
            return None
        draft = _Draft(kind, node_id, text, self.where(key_node))
        for key, (kn, value) in links.items():
            self.read_link(draft, key, kn, value)
        return draft

    def read_link(self, draft: _Draft, key: str, key_node: yaml.Node, value: yaml.Node) -> None:
        owner = f"node `{draft.id}`"
        if key == "thesis":
            if not (isinstance(value, yaml.ScalarNode) and value.tag == _BOOL):
                self.fail_at(value, f"`thesis` must be true or false, got {_show(value)}", "fix it")
            elif draft.kind != "claim":
                self.fail_at(
                    key_node,
                    f"{owner} is a {draft.kind}; only claims can be theses",
                    "make it a `claim:` or remove `thesis`",
                )
            else:
                draft.fields["thesis"] = value.value.lower() in {"true", "yes", "on", "y"}
        elif key == "at":
            items = value.value if isinstance(value, yaml.SequenceNode) else [value]
            numbers = (self.integer(item, "a paragraph in `at`") for item in items)
            draft.fields["at"] = tuple(n for n in numbers if n is not None)
        elif key == "note":
            note = self.text(value, f"the note of {owner}")
            if note is not None:
                draft.fields["note"] = note
        elif key == "because":
            if isinstance(value, yaml.MappingNode):
                self.read_named_reasons(draft, value)
                return
            for text, item in self.words(value, "a reason"):
                self.read_reason(draft, item, text)
        elif key == "attacks":
            draft.attacks.extend(
                Attack(t.strip(), None, position=self.where(item))
                for t, item in self.words(value, "an attack")
            )
        elif key == "undercuts":
            for text, item in self.words(value, "an undercut"):
                self.read_undercut(draft, text, item)
        elif key == "cites":
            draft.fields["citations"] = tuple(self.read_citations(value, owner))
        elif key == "ignore":
            draft.fields["ignore"] = tuple(self.read_ignore(value, owner))

    def read_named_reasons(self, draft: _Draft, node: yaml.MappingNode) -> None:
        """Read ``because: {name: reason, ...}``: each reason with its name, in written order."""
        owner = f"`because` of node `{draft.id}`"
        hint = "give each reason of a node its own name"
        for name, key_node, value in self.pairs(node, owner, what="reason name", hint=hint):
            if not ID_PATTERN.match(name):
                self.fail_at(
                    key_node,
                    f"bad reason name `{_cut(name)}` in {owner}",
                    "names start with a letter and hold only letters, digits, `_` and `-`",
                )
                continue
            if isinstance(value, yaml.ScalarNode) and value.tag != _NULL and value.value.strip():
                self.read_reason(draft, value, str(value.value), name)
            else:
                self.fail_at(value, f"a reason must be text, got {_show(value)}", _REASON_HINT)
                # Kept, without premises, so that an undercut naming it raises no second
                # error: the draft has an error, so it never becomes a map.
                draft.reasons.append(Reason((), name, position=self.where(value)))

    def read_reason(
        self, draft: _Draft, node: yaml.ScalarNode, text: str, label: str | None = None
    ) -> None:
        position = self.where(node)
        if "+" not in text and not node.style and "\n" not in text:  # common: one plain id
            name = text.strip()
            if len(name) != len(text):
                column = position.column + len(text) - len(text.lstrip())
                draft.columns[len(draft.reasons)] = (column,)
            draft.reasons.append(Reason((name,), label, position=position))
            return
        names = []
        columns = []
        offset = 0
        plain = not node.style and "\n" not in text
        for part in text.split("+"):
            names.append(part.strip())
            column = position.column
            if plain:  # point at the id itself
                column += offset + (len(part) - len(part.lstrip()))
            columns.append(column)  # a SourcePosition is made only for an error
            offset += len(part) + 1
        if any(column != position.column for column in columns):
            draft.columns[len(draft.reasons)] = tuple(columns)
        draft.reasons.append(Reason(tuple(names), label, position=position))

    def read_undercut(self, draft: _Draft, text: str, node: yaml.Node) -> None:
        match = _REASON_REF.match(text.strip())
        place = match.group(2) if match else ""
        if match is not None and ID_PATTERN.match(place):  # ID/name: assemble finds the number
            attack = Attack(match.group(1), None, place, position=self.where(node))
            draft.attacks.append(attack)
            return
        # ASCII digits only, and few of them: `int` refuses "²" and 5,000-digit strings.
        if match is None or not (place.isascii() and place.isdigit()) or len(place) > 9:
            self.fail_at(node, f"bad reason reference `{_cut(text)}` in `undercuts`", _REF_HINT)
            return
        if int(place) < 1:
            self.fail_at(node, f"bad reason reference `{text}` in `undercuts`", _REF_HINT)
            return
        draft.attacks.append(Attack(match.group(1), int(place), position=self.where(node)))

    def read_citations(self, node: yaml.Node, owner: str) -> Iterator[Citation]:
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for item in items:
            if not isinstance(item, yaml.MappingNode):
                self.fail_at(
                    item,
                    f"a citation of {owner} must be a mapping, got {_show(item)}",
                    "write `{key: bibkey, page: 4}`",
                )
                continue
            citation = self.read_citation(item, owner)
            if citation is not None:
                yield citation

    def read_citation(self, node: yaml.MappingNode, owner: str) -> Citation | None:
        key: str | None = None
        locators: list[Locator] = []
        ok = True
        for name, kn, value in self.pairs(node, f"a citation of {owner}"):
            label = LocatorLabel.parse(name)
            if name == "key":
                key = self.text(value, "the citation key")
                ok &= key is not None
            elif label is not None:
                if (
                    isinstance(value, yaml.ScalarNode)
                    and value.tag != _NULL
                    and value.value.strip()
                ):
                    locators.append(Locator(label, str(value.value).strip()))
                else:
                    self.fail_at(value, f"locator `{name}` has no value", "write e.g. `page: 4`")
                    ok = False
            else:
                known = ["key", *(label.value for label in LocatorLabel), "pages", "footnote"]
                self.unknown_key(kn, name, f"a citation of {owner}", known)
                ok = False
        if key is None:
            if ok:
                self.fail_at(node, f"a citation of {owner} has no `key`", "add `key: bibkey`")
            return None
        if len(locators) > 1:
            names = ", ".join(f"`{loc.label.value}`" for loc in locators)
            self.fail_at(
                node,
                f"a citation of {owner} has several locators ({names})",
                "keep one locator; cite twice to name two places",
            )
            return None
        if not ok:
            return None
        return Citation(key, locators[0] if locators else None, position=self.where(node))

    def read_ignore(self, node: yaml.Node, owner: str) -> Iterator[Suppression]:
        if not isinstance(node, yaml.MappingNode):
            self.fail_at(
                node,
                f"`ignore` of {owner} must map codes to reasons",
                'write `ignore: {AM004: "why"}`',
            )
            return
        for code, key_node, value in self.pairs(node, f"`ignore` of {owner}"):
            if isinstance(value, yaml.ScalarNode):
                reason = "" if value.tag == _NULL else str(value.value).strip()
                yield Suppression(code, reason, position=self.where(key_node))
            else:
                self.fail_at(value, f"the reason for ignoring `{code}` must be text", "write why")

    # -- cross-references --------------------------------------------------------------------


def _shape(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "list"
    if isinstance(node, yaml.MappingNode):
        return "mapping"
    return "value"


def _show(node: yaml.Node) -> str:
    """Show a value in a one-line message: whitespace collapsed, long values cut."""
    if isinstance(node, yaml.ScalarNode):
        if node.tag == _NULL:
            return "nothing"
        value = " ".join(str(node.value).split())
        if not value:
            return "blank text"
        return f"`{value[:40]}…`" if len(value) > 40 else f"`{value}`"
    return f"a {_shape(node)}"


def _cut(text: str) -> str:
    """Return text short enough for a one-line message."""
    return text if len(text) <= 40 else f"{text[:40]}…"


def _character(character: object) -> str:
    """Name a character for a message: ``U+0000 (NUL)``, or the character and its code."""
    if isinstance(character, int):
        character = chr(character)
    text = str(character)[:1]
    names = {"\0": "NUL", "\x7f": "DEL"}
    name = names.get(text) or ("a control character" if not text.isprintable() else f"`{text}`")
    return f"U+{ord(text):04X} ({name})" if text else "(unknown)"
