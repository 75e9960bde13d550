"""The sources folder: documents, their manifest, and adding new documents safely.

Layout (`<index_dir>/sources/`):

    manifest.yaml     motion: <bundled motion name, or a motion file beside the manifest>
                      documents: [{file, label, title, author, aliases, lean}, ...]
    <file>.txt|.md    the documents, UTF-8, kept byte for byte

A document added without a manifest entry gets its title from YAML front matter, a Markdown
heading or a plain-text first line that stands alone; its author from front matter, a byline
or a letter's signature; its label from the author's surname, else its file name.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ConfigError, DocumentError
from .motion import DEFAULT_MOTION, Motion, load_motion
from .text import INVISIBLE, front_matter_end
from .units import DONE_BY, SECTION_LABEL

MANIFEST = "manifest.yaml"
ALLOWED_SUFFIXES = (".txt", ".md")


class DocumentInfo(BaseModel):
    """One manifest entry."""

    file: str
    label: str
    title: str | None = None
    author: str | None = None
    aliases: list[str] = []  # other names a student may use for it ("Stanford Review")
    lean: str | None = None  # a side of the motion, or "mixed"; None: not known (neither side)
    # which `add` (debatebot index) brought it in: 1, 2, …; None for a document listed by
    # hand (the shipped essays). "these documents" in a question means the last batch.
    batch: int | None = None


class Document(DocumentInfo):
    """A manifest entry with its full text (decoded from UTF-8, nothing else changed)."""

    text: str


class Corpus:
    """The documents in a sources folder, as listed by its manifest. `max_bytes`: the
    largest document read (None: no limit)."""

    def __init__(self, folder: Path, max_bytes: int | None = None):
        self.folder = folder
        self.max_bytes = max_bytes

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST

    def entries(self) -> list[DocumentInfo]:
        """The manifest's entries, validated."""
        raw = self._raw()
        listed = raw.get("documents") or []
        if not isinstance(listed, list):
            raise ConfigError(f"{self.manifest_path}: `documents` must be a list of entries.")
        try:
            entries = [DocumentInfo.model_validate(d) for d in listed]
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(x) for x in first["loc"]) or "an entry"
            raise ConfigError(
                f"{self.manifest_path}: a document entry is not valid ({where}: {first['msg']})."
            ) from exc
        seen: set[str] = set()
        for e in entries:
            check_name(e.file, f"{self.manifest_path} lists")
            if e.file in seen:
                raise ConfigError(f"{self.manifest_path} lists {e.file} twice; keep one entry.")
            seen.add(e.file)
        allowed = {*self._motion(raw).sides, "mixed"}
        for e in entries:
            if e.lean is not None and e.lean not in allowed:
                raise ConfigError(
                    f"{self.manifest_path}: {e.file} has lean {e.lean!r}; the motion's leans "
                    f"are {', '.join(sorted(allowed))}."
                )
        return entries

    def motion_name(self) -> str:
        """The manifest's `motion:` (the default motion when it names none)."""
        return str(self._raw().get("motion") or DEFAULT_MOTION)

    def motion(self) -> Motion:
        """The motion these documents argue about, as the manifest chooses it."""
        return self._motion(self._raw())

    def _motion(self, raw: dict) -> Motion:
        return load_motion(str(raw.get("motion") or DEFAULT_MOTION), self.folder)

    def _raw(self) -> dict:
        if not self.manifest_path.is_file():
            raise ConfigError(
                f"No {MANIFEST} in {self.folder}. Set DEBATEBOT_INDEX_DIR to a folder "
                "whose sources/ holds the documents and their manifest."
            )
        try:
            raw = yaml.safe_load(self.manifest_path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as exc:
            raise ConfigError(f"{self.manifest_path}: not UTF-8 text; save it as UTF-8.") from exc
        except yaml.YAMLError as exc:
            raise ConfigError(f"{self.manifest_path} is not valid YAML ({_where(exc)}).") from exc
        if raw is None:
            raise ConfigError(
                f"{self.manifest_path} is empty: it must list the documents "
                "(`documents: [...]`; `documents: []` for none)."
            )
        if not isinstance(raw, dict):
            raise ConfigError(f"{self.manifest_path} is not a valid manifest: not a mapping")
        return raw

    def documents(self) -> list[Document]:
        """Every listed document with its text."""
        docs = []
        for entry in self.entries():
            path = self._inside(entry.file)
            if not path.exists() and not path.is_symlink():
                raise ConfigError(f"{MANIFEST} lists {entry.file}, which is not in {self.folder}.")
            docs.append(Document(**entry.model_dump(), text=read_document(path, self.max_bytes)))
        return docs

    def unlisted(self) -> list[str]:
        """Files in the folder that the manifest does not list (so are not indexed): said
        out loud by every sync, never skipped in silence. Hidden files, the manifest and a
        motion file beside it are not documents."""
        known = {e.file for e in self.entries()} | {MANIFEST, self.motion_name()}
        return sorted(
            p.name
            for p in self.folder.iterdir()
            if p.name not in known and not p.name.startswith(".") and p.suffix != ".tmp"
        )

    def text(self, file: str) -> str:
        """The full text of one document."""
        path = self._inside(file)
        if not path.exists():
            raise DocumentError(
                f"{file} was indexed but is no longer in {self.folder}; "
                "run `debatebot index` to bring the index up to date."
            )
        return read_document(path, self.max_bytes)

    def _inside(self, file: str) -> Path:
        """The path of a listed file, refused if it leads out of the folder (a link)."""
        path = self.folder / file
        if path.is_symlink() and not path.resolve().is_relative_to(self.folder.resolve()):
            raise DocumentError(
                f"{file} is a link to {path.resolve()}, outside {self.folder}; "
                "copy the document into the folder instead."
            )
        return path

    def add(
        self, paths: Sequence[Path], max_bytes: int, lean: str | None = None
    ) -> list[DocumentInfo]:
        """Copy new documents in and list them in the manifest (with `lean`, a side of the
        motion or "mixed"); all are checked first.

        Either every path is accepted or nothing changes. A file whose name is already
        listed replaces the old copy (its manifest entry is kept).
        """
        allowed = {*self.motion().sides, "mixed"}
        if lean is not None and lean not in allowed:
            raise DocumentError(
                f"The lean must be one of {', '.join(sorted(allowed))}, not {lean!r}."
            )
        for p in paths:
            check_name(p.name, "Cannot add")
        checked = [(p, read_document(p, max_bytes)) for p in paths]
        self.documents()  # a broken folder (a listed file gone, say) is named before any change
        entries = self.entries()
        known = {e.file for e in entries}
        batch = max((e.batch or 0 for e in entries), default=0) + 1
        added = []
        for path, text in checked:
            if path.name not in known:
                author = _byline(text)
                entry = DocumentInfo(
                    file=path.name,
                    label=_label(author, path.stem, {e.label for e in entries}),
                    title=_title(text),
                    author=author,
                    aliases=_affiliation(text) + _interviewee(text) + _role(text),
                    lean=lean,
                    batch=batch,
                )
                entries.append(entry)
                known.add(path.name)
                added.append(entry)
        for path, _ in checked:
            target = self.folder / path.name
            if path.resolve() != target.resolve():
                shutil.copyfile(path, target)
        self._write(entries)
        return added

    def _write(self, entries: list[DocumentInfo]) -> None:
        head = [
            ln
            for ln in self.manifest_path.read_text(encoding="utf-8").splitlines()
            if ln.startswith("#")
        ]
        motion = self._raw().get("motion")
        body = yaml.safe_dump(
            ({"motion": motion} if motion else {})
            | {"documents": [e.model_dump() for e in entries]},
            sort_keys=False,
            allow_unicode=True,
        )
        tmp = self.manifest_path.with_suffix(".tmp")
        tmp.write_text("\n".join(head + [body]), encoding="utf-8")
        tmp.replace(self.manifest_path)


def check_name(name: str, context: str) -> None:
    """A document's name: a plain file name (no folder, no `..`, not hidden), printable."""
    plain = name == Path(name).name and "\\" not in name and not name.startswith(".")
    if not plain or not name.isprintable() or name.strip() != name:
        raise DocumentError(
            f"{context} {name!r}: a document must be a plain file name inside the sources "
            "folder (no folders, no '..', not hidden)."
        )


def _where(exc: yaml.YAMLError) -> str:
    """Where and what a YAML error is, on one line."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "unreadable"
    at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
    return f"{problem}{at}"


def read_document(path: Path, max_bytes: int | None = None) -> str:
    """A document's text, or a DocumentError saying plainly why it cannot be used."""
    if not path.exists():
        raise DocumentError(f"{path}: no such file.")
    if not path.is_file():
        raise DocumentError(f"{path}: not a file (give .txt or .md files).")
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        raise DocumentError(f"{path}: only .txt and .md files can be indexed.")
    data = path.read_bytes()
    if max_bytes is not None and len(data) > max_bytes:
        raise DocumentError(f"{path}: {len(data):,} bytes is over the limit of {max_bytes:,}.")
    if _wide_text(data):
        raise DocumentError(f"{path}: UTF-16 (or UTF-32) text; save it as UTF-8 and try again.")
    if b"\x00" in data:
        raise DocumentError(f"{path}: looks like a binary file, not text.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again."
        ) from exc
    if not text.strip():
        raise DocumentError(f"{path}: the file is empty.")
    if not INVISIBLE.sub("", text).strip():
        raise DocumentError(f"{path}: the file has no visible text.")
    return text


def _wide_text(data: bytes) -> bool:
    """UTF-16 or UTF-32 text, with a byte-order mark or without (mostly-ASCII text with
    every other byte NUL): what decodes to printable text (a binary file does not)."""
    sample = data[:4096]
    if sample[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        candidates = [("utf-32", sample[: len(sample) - len(sample) % 4])]
    elif sample[:2] in (b"\xff\xfe", b"\xfe\xff"):
        candidates = [("utf-16", sample[: len(sample) - len(sample) % 2])]
    else:
        even = sample[: len(sample) - len(sample) % 2]
        candidates = [
            (encoding, even)
            for encoding, zeros in (("utf-16-le", even[1::2]), ("utf-16-be", even[0::2]))
            if len(zeros) >= 2 and zeros.count(0) >= 0.4 * len(zeros)
        ]
    for encoding, part in candidates:
        text = part.decode(encoding, errors="replace")
        readable = sum(ch.isprintable() or ch.isspace() for ch in text)
        if text and readable >= 0.95 * len(text) and any(ch.isspace() for ch in text):
            return True  # text has spaces or line breaks; NUL-laden binary rarely decodes so
    return False


# An honorific before a signatory's name ("Prof. Ilse Marquardt"): a closed class of English.
HONORIFICS = ("Prof", "Dr", "Mr", "Mrs", "Ms", "Mx", "Sir", "Dame", "Rev")
_HONORIFIC = rf"(?:(?:{'|'.join(HONORIFICS)})\.?\s+)?"
_NAMES = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
_PERSON = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}"  # a first name and a surname, at least
# "By Mara Ellison", "Prepared by Jonas Brekke and Lila Osei", "Author: …", an e-mail's
# "From: Priya Natarajan <…>"
# "Published by the Chamber of Small Traders": a body's name may open with "the" and join
# its words by "of" or "for" ("Centre for Public Technology").
_BODY = rf"{_NAMES}(?:\s+(?:of|for)\s+{_NAMES})?"
_BYLINE = re.compile(
    rf"^\W*{SECTION_LABEL}(?:{DONE_BY}(?:(?i:the)\s+(?=[A-Z]))?|(?i:authors?\s*:|from\s*:)\s+)"
    rf"(?P<name>{_BODY}(?:\s+and\s+{_BODY})?)"
)
# A credit line, a role and the names that fill it: "Proposition, first speaker: Amara
# Quist, Ellery Sixth Form Debating Society", "Interviewer: Sam Reyes", "Hosts: Dev Raman
# and Ola Fashola"
_CREDIT = re.compile(
    rf"^(?P<role>[^:\n]{{1,40}}):\s+{_HONORIFIC}(?P<name>{_NAMES}(?:\s+and\s+{_NAMES})?)\s*(?:,|$)"
)


# A name standing alone on its line under the title, an affiliation may follow a comma:
# "*Ines Varga, Centre for Public Technology*" (two to four capitalised words, emphasis marks
# around them)
_NAME_LINE = re.compile(rf"^[*_]*(?P<name>{_PERSON})[*_]*\s*(?:,|$)")


# a date alone on its line, as a post prints it under its writer: "Mar 3, 2024", "14 May
# 2024", "Tuesday, 14 May 2024", "2024-05-14"
_DATE_LINE = re.compile(
    r"^\W*(?:\d{4}-\d\d-\d\d|(?:[a-z]+,?\s+)?(?:\d{1,2}\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:\d{1,2},?\s+)?\d{4})\W*$",
    re.I,
)


def _byline_of(text: str) -> re.Match[str] | None:
    """The byline ("By Mara Ellison, teacher") in the first lines after any front matter,
    or a standfirst that ends in one (", by Leon Harper."), or a credit to a body's staff
    ("Answers prepared by the staff of Linwood Academy …"), matched; else a credit line
    there ("First speaker: Amara Quist") whose words hold a name (units.a_name) and are a
    byline's length; else such a line, after the first, that is a name alone or before a
    comma, stands as its own paragraph (a date may follow it there) and ends no sentence
    ("*Ines Varga, Centre for Public Technology*")."""
    from .units import BYLINE_WORDS, HEADER_FIELD, a_name, byline, credit

    body = text.lstrip()
    lines = [ln.strip() for ln in body[front_matter_end(body) :].lstrip().splitlines()[:6]]
    for line in lines:
        if m := byline(_unbold(line), _BYLINE) or credit(line):
            return m
    for line in lines:
        if m := _field_name(line):
            return m
    for line in lines:
        # a field's label in bold ("**Adjudicator:** Mr Gideon Farrant, …"); not a heading
        m = None if line.startswith("#") else _CREDIT.match(_unbold(line))
        if (
            m
            and not HEADER_FIELD.match(line)  # "Date: Tue, …" credits no one
            and len(line.split()) <= BYLINE_WORDS
            and all(a_name(n) for n in re.split(r"\s+and\s+", m.group("name")))
        ):
            return m
    for i, line in enumerate(lines[1:], start=1):
        after = lines[i + 1] if i + 1 < len(lines) else ""
        alone = not lines[i - 1] and (not after or bool(_DATE_LINE.match(after)))
        m = None if _SALUTATION.match(line) else _NAME_LINE.match(line)
        sentence = re.search(r"[.!?]$", line.rstrip("*_ "))  # "New York, by contrast, stayed dry."
        if m and alone and not sentence and len(line.split()) <= BYLINE_WORDS and a_name(m["name"]):
            return m
    return None


def _unbold(line: str) -> str:
    """A line without the emphasis marks around its words ("**Authors:** Felix Odum" ->
    "Authors: Felix Odum"); a mark inside a word stays ("snake_case")."""
    return re.sub(r"(?<![\w*_])[*_]{1,3}|[*_]{1,3}(?![\w*_])", "", line)


# A letter's greeting ("Dear Sam,", "Hi all,"): whom it is written to, never its writer
_SALUTATION = re.compile(r"^\W*(?:dear|hi|hello)\b", re.I)
TOP_LINES = 3  # a headline under a line or two of front matter ("FOR IMMEDIATE RELEASE")
MLA_LINES = 4  # an MLA paper opens with the writer, the teacher, the class and the date


def _mla_heading(text: str) -> tuple[str, str] | None:
    """(writer, title) of a paper headed in MLA style: four short lines, the first a
    person's name and the last a date ("Amira Haddad / Ms. Okoro / English 11 / 12 November
    2025"), then the title."""
    from .units import a_name

    body = text.lstrip()[front_matter_end(text.lstrip()) :]
    lines = [ln.strip() for ln in body.splitlines() if ln.strip()][: MLA_LINES + 1]
    if len(lines) <= MLA_LINES or not _DATE_LINE.match(lines[MLA_LINES - 1]):
        return None
    writer = re.fullmatch(_PERSON, lines[0].strip("*_ "))
    short = all(len(ln.split()) <= MLA_LINES and not ln.endswith(".") for ln in lines[1:3])
    title = lines[MLA_LINES]
    if writer and a_name(writer.group()) and short and not re.search(r"[.;,]$", title):
        return writer.group(), title.strip("#*_ ")
    return None


def _byline(text: str) -> str | None:
    """The author: the front matter's `author`, else the writer an MLA heading names, else
    the one named by a byline ("By Mara Ellison, teacher") in the first lines."""
    if author := _field(text, "author"):
        return author
    if (mla := _mla_heading(text)) is not None:
        return mla[0]
    m = _byline_of(text)
    if m is None:
        return _signature(text) or _bio(text) or _head_note(text)
    # the stop that ends the line is no part of the name (an initial's is: "J. R. Quist")
    return _without_outlet(re.sub(r"(?<=\w\w)\.$", "", m.group("name").strip()))


def _without_outlet(name: str) -> str:
    """A byline's person without the body they write for or belong to ("Dominic
    Faraday-Lowe for Parents' Tech Monthly" -> "Dominic Faraday-Lowe"); a body's own name
    joined by "for" or "of" stays whole ("Centre for Public Technology")."""
    from .units import a_name

    head, *rest = re.split(r"\s+(?:for|of)\s+", name, maxsplit=1)
    person = re.fullmatch(_PERSON, head) and a_name(head)
    return head if rest and person else name


_SIGNED = re.compile(rf"^\W*{_HONORIFIC}(?P<name>{_PERSON})\W*(?:,|$)")


# A line of fields under a title, as slides, briefs and web pages print one: "Presentation
# to the board · 14 October 2026 · Dr. Helen Achterberg, Director of Digital Learning"
_FIELD_NAME = re.compile(rf"{_HONORIFIC}(?P<name>{_PERSON})(?=\s*,|\s*$|\s+[·|•]\s)")
# (fields are split by units.FIELD_SEPARATOR)


def _field_name(line: str) -> re.Match[str] | None:
    """The field of such a line that is a person's name (units.a_name), an honorific before
    it and a role after a comma allowed, matched; None for a line of one field."""
    from .units import FIELD_SEPARATOR, a_name

    if len(FIELD_SEPARATOR.split(line)) < 2:
        return None
    for start in [0, *(m.end() for m in FIELD_SEPARATOR.finditer(line))]:
        m = _FIELD_NAME.match(line, start)
        if m and a_name(m.group("name")):
            return m
    return None


def _signature(text: str) -> str | None:
    """The writer who signs a letter: the name (two to four capitalised words, a role may
    follow a comma) on the first line after a closing formula in its last lines ("Yours
    faithfully, / Harold Fenwick"), or on its one sign-off line there ("— Helen Achebe,
    Marsh Road"; a page of several letters has no one writer: `units.speaker`)."""
    from .units import SIGNATURE_LINES, sign_offs

    lines = [ln.strip() for ln in text.rstrip().splitlines()[-SIGNATURE_LINES:]]
    offs = sign_offs(text)
    if (
        len(offs) == 1
        and offs[0].group().strip() in lines
        and re.fullmatch(_PERSON, offs[0]["who"])
    ):
        return offs[0]["who"]
    if (after := _after_valediction(text)) is not None:
        signed = []  # an open letter's signatories, one to a line
        for line in after:
            if not (m := _SIGNED.match(line)):
                break
            signed.append(m.group("name"))
        return " and ".join(signed) or None
    return _bare_signature(text)


def _after_valediction(text: str) -> list[str] | None:
    """The lines (not blank) after the first closing formula in a letter's last lines
    ("Yours faithfully,"), or None when it has none there."""
    from .units import SIGNATURE_LINES, VALEDICTION

    lines = [ln.strip() for ln in text.rstrip().splitlines()[-SIGNATURE_LINES:]]
    for i, line in enumerate(lines):
        if VALEDICTION.match(line):
            return [ln for ln in lines[i + 1 :] if ln]
    return None


def _paragraphs(text: str) -> list[str]:
    """The text's blank-line blocks, stripped ([""] for a blank text)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text.strip())]


SIGNATURE_BLOCK = 3  # a bare signature: the name, then an address or a role on a line or two
_FIRST_PERSON = re.compile(r"\b(?:I|[Mm]y|[Mm]e)\b")


def _bare_signature(text: str) -> str | None:
    """The writer who signs a letter by name alone, as letters to an editor are printed: a
    text in the first person whose last paragraph is a few short lines, none ending a
    sentence, the first a name (units.a_name) alone or before a comma ("Dmitri Havel /
    Ashcombe Road, Brindleford")."""
    from .units import BYLINE_WORDS, a_name

    *body, last = _paragraphs(text)
    block = [ln.strip() for ln in last.splitlines()]
    if not body or len(block) > SIGNATURE_BLOCK or not _FIRST_PERSON.search("\n".join(body)):
        return None
    if any(re.search(r"[.!?:]$", ln) or len(ln.split()) > BYLINE_WORDS for ln in block):
        return None
    m = re.fullmatch(rf"{_HONORIFIC}(?P<name>{_PERSON})\s*(?:,.*)?", block[0])
    return m.group("name") if m and a_name(m.group("name")) else None


# A closing note on the writer, as op-eds print one: "*Priya Anand is a lawyer who …*"
_BIO = re.compile(rf"^[*_]*(?P<name>{_PERSON})\s+(?:is|was)\s+(?:a|an|the)\s")
BIO_WORDS = 60  # a note on the writer is a sentence or two, not a paragraph of argument


def _bio(text: str) -> str | None:
    """The writer a closing note names: the last paragraph (after any rule: "---") opens
    with a name (units.a_name) that "is a/an/the …", and is a note's length."""
    return _note_writer(_paragraphs(text)[-1], _BIO)


# A note at the head, set in emphasis, opening with a name
_HEAD_NOTE = re.compile(rf"^[*_]+(?P<name>{_PERSON})\s")
# A text's reference to itself: "this diary", "this essay" (the noun's first sense a text)
_THIS_TEXT = re.compile(r"\bthis\s+(?P<noun>[a-z]+)\b", re.I)


def _head_note(text: str) -> str | None:
    """The writer a note at the head names: the first paragraph after the title, set in
    emphasis and a note's length, opens with a name (units.a_name) and says the text is
    theirs in the third person ("*Rhys Calloway teaches history at … . He kept this diary
    while …*": a noun whose first sense is a text, WordNet), or the title says that name
    too, as a column is named after its writer ("# Ask Ada: …" over "*Ada Mbeki answers
    readers' questions …*")."""
    from .units import interviewee, standfirst
    from .wordnet import wordnet

    note = standfirst(text)  # the paragraph in emphasis under the title, or ""
    if not (name := _note_writer(note, _HEAD_NOTE)):
        return None
    title = _paragraphs(text)[0]
    titled = set(re.findall(r"[A-Z][\w'’-]+", name)) & set(re.findall(r"[A-Z][\w'’-]+", title))
    if titled and interviewee(text) is None:  # an interview's title names whom it asks
        return name
    texts = (t for t in _THIS_TEXT.finditer(note) if wordnet().mostly_a_text(t["noun"].lower()))
    return name if next(texts, None) else None


def _note_writer(note: str, opening: re.Pattern[str]) -> str | None:
    """The name a note on the writer opens with (`opening` matched, its name a name by
    units.a_name), when the note is a note's length (`BIO_WORDS`)."""
    from .units import a_name

    m = opening.match(note)
    if m and len(note.split()) <= BIO_WORDS and a_name(m.group("name")):
        return m.group("name")
    return None


def _affiliation(text: str) -> list[str]:
    """The distinctive names of a byline's affiliation ("By Siobhan Keane, head archivist at
    the Westmoor County Records Office" -> ["Westmoor"]; not a date's month: "updated
    January 2026"): a student names the document by
    them ("the Westmoor archive"), which its quotable text may never say. Of each run of
    capitalised words, the first (of three letters or more) that lemminflect's dictionary
    does not know: "Tallgrass" of "Tallgrass Games", "Aldhelm" of "St Aldhelm's Hospital";
    "County" or "Games" after it name nothing of their own."""
    from .units import distinctive_names

    m = _byline_of(text)
    return distinctive_names(m.string[m.end() :]) if m else []


# The role after a byline's name, up to any "for", "of", "at" ("Nadia Okonjo, Minister for
# Digital Skills, at …"): its last word is what the person is ("minister")
_ROLE = re.compile(
    r"\s*,\s*(?P<role>(?:[A-Za-z][\w-]*\s+){0,2}?[A-Za-z][\w-]*)"
    r"(?=\s+(?:for|of|at|in|to)\b|\s*[,.*_]|\s*$)"
)


def _role(text: str) -> list[str]:
    """The role a byline gives its writer, as a student names the document by it ("the
    minister" of "Speech by Nadia Okonjo, Minister for Digital Skills"); not a writer's
    ("staff writer"), which names any document's writer, nor a word whose first sense is no
    one ("Head of IT": WordNet)."""
    from .lexicon import INTENT
    from .wordnet import wordnet

    m = _byline_of(text)
    r = _ROLE.match(m.string, m.end()) if m else None
    if r:
        head = r["role"].split()[-1].lower()
        doer = wordnet().mostly_a_doer
    else:  # under a letter's signature only a person's role, not the town of an address
        head, doer = _signed_role(text), wordnet().mostly_people
    if not head.isalpha() or head in INTENT:
        return []
    # a compound WordNet does not list is what its last part is ("headteacher": a teacher)
    parts = [head[i:] for i in range(len(head) - 4)] if not wordnet().noun(head) else [head]
    return [f"the {head}"] if any(doer(p) for p in parts) else []


def _signed_role(text: str) -> str:
    """The role a letter's signature gives on the line under the signer's name ("Yours
    sincerely, / Mrs Harriet Coombe / Headteacher"): its last word, lower-case; '' else."""
    after = _after_valediction(text) or []
    if len(after) >= 2 and _SIGNED.match(after[0]):
        role = after[1].strip("*_ ").split()
        return role[-1].lower() if 0 < len(role) <= 3 else ""
    return ""


def _interviewee(text: str) -> list[str]:
    """The person an interview answers for ("Noor Haddad" in "Q: … / A: …"), with their
    surname: a student names the interview by them ("What does Haddad think of …?")."""
    from .units import interviewee

    who = interviewee(text)
    return [who, who.split()[-1]] if who else []


def authors(author: str | None) -> list[str]:
    """The people an author field names ("Jonas Brekke and Lila Osei": two)."""
    return [a.strip() for a in re.split(r",|\band\b|&", author or "") if a.strip()]


def is_body(name: str) -> bool:
    """Whether an author's name is a body's, not a person's: a lower-case word joins its
    words ("Chamber of Small Traders"), or every word is a common English word ("Open
    Data Institute"), or it ends in a noun whose first sense is a group ("Linwood Academy";
    WordNet), or, of three words or more, in a noun with such a sense after an English word
    ("Eastmoor Education Research Unit"; a person's middle name is rarely a word: "Mary
    Anne Wood")."""
    from .lexicon import is_word
    from .wordnet import wordnet

    ws = name.split()
    if any(w[0].islower() for w in ws) or all(is_word(w.lower()) for w in ws):
        return True
    last = ws[-1].lower()
    return len(ws) >= 2 and (
        wordnet().group(last, first=True)
        or (len(ws) >= 3 and is_word(ws[-2].lower()) and wordnet().group(last))
    )


def _label(author: str | None, stem: str, taken: set[str]) -> str:
    """An added document's short name in citations and headings: its author's surname, as
    the default manifest names an essay by its author ("Luttig"), else (no byline, or the
    surname already names another document) its file name without the extension. Two
    writers are named by both surnames ("Marquardt and Osei"); a body by its whole name
    ("Chamber of Small Traders": `is_body`)."""
    people = authors(author)
    if len(people) == 1 and is_body(people[0]):
        surname = people[0]
    else:
        surname = " and ".join(p.split()[-1] for p in people)
    return surname if surname and surname not in taken else stem


def _front_matter(text: str) -> dict[str, Any]:
    """The fields of a leading YAML front-matter block (`---` … `---`, as Jekyll, Hugo and
    Obsidian write it), or none when there is no block or it is not a YAML mapping."""
    end = front_matter_end(text.lstrip())
    if not end:
        return {}
    try:
        fields = yaml.safe_load(text.lstrip()[:end].strip().strip("-"))
    except yaml.YAMLError:
        return {}
    return fields if isinstance(fields, dict) else {}


def _field(text: str, name: str) -> str | None:
    """A front-matter field that holds one line of text ("title: Five myths")."""
    value = _front_matter(text).get(name)
    return (value.strip() or None) if isinstance(value, str) else None


def _title(text: str) -> str | None:
    """An added document's title: its front matter's `title`, else a Markdown heading on its
    first line (after the front matter), else a first line that stands alone as a heading
    does in plain text: short, no full stop, a blank line after it."""
    if title := _field(text, "title"):
        return title
    body = text.lstrip()[front_matter_end(text.lstrip()) :].lstrip()
    lines = body.splitlines()
    if not lines:
        return None
    if m := re.match(r"#\s+(.+)", lines[0]):
        return m.group(1).strip()
    if (mla := _mla_heading(text)) is not None:
        return mla[1]
    opening = [ln for ln in lines if ln.strip()][:TOP_LINES]
    for line in opening[1:]:  # "FOR IMMEDIATE RELEASE" above a press release's headline
        if m := re.match(r"#\s+(.+)", line):
            return m.group(1).strip()
    for line in lines[: lines.index("") if "" in lines else len(lines)]:  # a message's header
        if m := re.match(r"\W*subject\s*:\s*(?:(?:re|fwd?)\s*:\s*)*(.+)", line, re.I):
            return m.group(1).strip()
    from .units import title_line

    span = title_line(text)
    return text[span[0] : span[1]].strip() if span else None
