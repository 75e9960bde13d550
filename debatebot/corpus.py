"""The sources folder: documents, their manifest, and adding new documents safely.

Layout (`<index_dir>/sources/`):

    manifest.yaml     motion: <bundled motion name, or a motion file beside the manifest>
                      documents: [{file, label, title, author, aliases, lean}, ...]
    <file>.txt|.md    the documents, UTF-8, kept byte for byte
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ConfigError, DocumentError
from .motion import DEFAULT_MOTION, Motion, load_motion

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


class Document(DocumentInfo):
    """A manifest entry with its full text (decoded from UTF-8, nothing else changed)."""

    text: str


class Corpus:
    """The documents in a sources folder, as listed by its manifest."""

    def __init__(self, folder: Path):
        self.folder = folder

    @property
    def manifest_path(self) -> Path:
        return self.folder / MANIFEST

    def entries(self) -> list[DocumentInfo]:
        """The manifest's entries, validated."""
        raw = self._raw()
        try:
            entries = [DocumentInfo.model_validate(d) for d in raw.get("documents") or []]
        except (ValidationError, AttributeError) as exc:
            raise ConfigError(f"{self.manifest_path} is not a valid manifest: {exc}") from exc
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
            raw = yaml.safe_load(self.manifest_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{self.manifest_path} is not a valid manifest: {exc}") from exc
        if not isinstance(raw, dict):
            raise ConfigError(f"{self.manifest_path} is not a valid manifest: not a mapping")
        return raw

    def documents(self) -> list[Document]:
        """Every listed document with its text."""
        docs = []
        for entry in self.entries():
            path = self.folder / entry.file
            if not path.is_file():
                raise ConfigError(f"{MANIFEST} lists {entry.file}, which is not in {self.folder}.")
            docs.append(Document(**entry.model_dump(), text=read_document(path)))
        return docs

    def text(self, file: str) -> str:
        """The full text of one document."""
        return read_document(self.folder / file)

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
        checked = [(p, read_document(p, max_bytes)) for p in paths]
        entries = self.entries()
        known = {e.file for e in entries}
        added = []
        for path, text in checked:
            if path.name not in known:
                entry = DocumentInfo(
                    file=path.name,
                    label=path.stem,
                    title=_title(text),
                    author=_byline(text),
                    lean=lean,
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
    return text


_BYLINE = re.compile(
    r"^\W*(?:by|written by|author:)\s+(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})", re.I
)


def _byline(text: str) -> str | None:
    """The author named by a byline ("By Mara Ellison, teacher") in the first lines."""
    for line in text.lstrip().splitlines()[:6]:
        m = _BYLINE.match(line.strip())
        if m:
            return m.group("name").strip()
    return None


def _title(text: str) -> str | None:
    """A Markdown heading on the first line, used as the title of an added document."""
    first = text.lstrip().splitlines()[0]
    m = re.match(r"#\s+(.+)", first)
    return m.group(1).strip() if m else None
