"""Hostile files, generated here: each is refused with one line naming it, and the store, the
manifest and the folder are exactly as they were. Files that are merely unusual (a byte-order
mark, CRLF, zero-width characters) are indexed with exact offsets; a file the manifest does not
list is named by every sync, never skipped in silence.

Each content fixture is tried both ways in: added (`debatebot index FILE`, the page's upload)
and listed in the manifest by hand, then synced.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from debatebot.corpus import MANIFEST, Corpus
from debatebot.embeddings import DEFAULT_EMBED_MODEL
from debatebot.errors import DebateBotError
from debatebot.ingest import sync
from debatebot.settings import Settings
from debatebot.store import Store

from .conftest import copy_sources

LIMIT = Settings().max_document_bytes
PROSE = "Open models let a school run its own tutor. The tutor cost the school nothing.\n"


def _noise(n: int, seed: int) -> bytes:
    return random.Random(seed).randbytes(n)


# name -> (bytes, what the one-line message says)
CONTENT: dict[str, tuple[bytes, str]] = {
    "png-renamed.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + _noise(512, 1), "binary"),
    "zip-renamed.md": (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + _noise(512, 2), "binary"),
    "elf-renamed.txt": (b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + _noise(256, 3), "binary"),
    "random-bytes.txt": (_noise(4096, 4), "binary|UTF-8|UTF-16"),
    "pdf-renamed.txt": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "UTF-8"),
    "jpeg-renamed.md": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + _noise(256, 5), "binary|UTF-8"),
    "gzip-renamed.txt": (b"\x1f\x8b\x08\x00" + _noise(256, 6), "binary|UTF-8"),
    "nul-first.txt": (b"\x00" + PROSE.encode(), "binary"),
    "nul-inside.txt": (PROSE.encode() + b"\x00" + PROSE.encode(), "binary"),
    "nul-last.md": (PROSE.encode() + b"\x00", "binary"),
    "nul-only.txt": (b"\x00" * 64, "binary|UTF-16"),
    "one-line-5mb.txt": (b"open models " * (5_000_000 // 12 + 1), "over the limit"),
    "many-lines-3mb.md": ((PROSE * 40_000).encode(), "over the limit"),
    "just-over-limit.txt": (b"a" * (LIMIT + 1), "over the limit"),
    "utf16-le-bom.txt": (PROSE.encode("utf-16"), "UTF-16"),
    "utf16-be-bom.md": (b"\xfe\xff" + PROSE.encode("utf-16-be"), "UTF-16"),
    "utf16-le-plain.txt": (PROSE.encode("utf-16-le"), "UTF-16"),
    "utf16-be-plain.md": (PROSE.encode("utf-16-be"), "UTF-16"),
    "utf32-bom.txt": (PROSE.encode("utf-32"), "UTF-16"),
    "latin1.txt": ("Un café crème coûte trois euros à l'école.\n".encode("latin-1"), "UTF-8"),
    "cp1252-quotes.md": ("He said “open” – twice.\n".encode("cp1252"), "UTF-8"),
    "shift-jis.txt": ("オープンソースのモデルは安い。\n".encode("shift_jis"), "UTF-8"),
    "surrogate-bytes.txt": (b"Open \xed\xa0\x80 models.\n", "UTF-8"),
    "truncated-utf8.md": (PROSE.encode() + "é".encode()[:1], "UTF-8"),
    "empty.txt": (b"", "empty"),
    "spaces.txt": (b"     ", "empty"),
    "newlines.md": (b"\n\n\n\n", "empty"),
    "tabs-crlf.txt": (b"\t\r\n \r\n\t", "empty"),
    "unicode-spaces.md": ("\u00a0\u2003\u3000\n".encode(), "empty"),
    "zero-width-only.txt": ("\u200b\u200d\u2060\u200b".encode(), "no visible text"),
    "bom-only.md": (b"\xef\xbb\xbf", "no visible text"),
    "bidi-only.txt": ("\u202e\u2066\u2069\u202c\n".encode(), "no visible text"),
    "notes.pdf": (b"%PDF-1.4\n", "only .txt and .md"),
    "notes.docx": (b"PK\x03\x04", "only .txt and .md"),
    "page.html": (b"<html><body>Open models.</body></html>", "only .txt and .md"),
    "no-extension": (PROSE.encode(), "only .txt and .md"),
}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory, embedder) -> Path:
    """The five essays indexed once (local store); each case works on a copy of it."""
    root = copy_sources(tmp_path_factory.mktemp("hostile"))
    _sync(root, embedder)
    return root


def _sync(root: Path, embedder) -> Store:
    settings = Settings(index_dir=root)
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    corpus = Corpus(settings.sources_dir, settings.max_document_bytes)
    sync(corpus, store, embedder, settings.chunk_size, settings.chunk_overlap, progress=False)
    return store


def _snapshot(root: Path) -> tuple[dict[str, set[str]], dict[str, bytes]]:
    store = Store.from_settings(Settings(index_dir=root), DEFAULT_EMBED_MODEL)
    folder = root / "sources"
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    return store.ids_by_source(), files


@pytest.fixture
def index(indexed, tmp_path) -> Path:
    root = tmp_path / "index"
    shutil.copytree(indexed, root, symlinks=True)
    return root


def _list_in_manifest(root: Path, name: str) -> None:
    manifest = root / "sources" / MANIFEST
    raw = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    raw["documents"].append({"file": name, "label": "Hostile"})
    manifest.write_text(yaml.safe_dump(raw, sort_keys=False), encoding="utf-8")


def _refused(root: Path, embedder, action: Callable[[], object], name: str, says: str) -> None:
    """`action` raises one line naming `name` and saying `says`; nothing changed."""
    before = _snapshot(root)
    with pytest.raises(DebateBotError, match=says) as info:
        action()
    message = str(info.value)
    assert "\n" not in message and name.strip() in message, message
    assert _snapshot(root) == before


@pytest.mark.parametrize("name", list(CONTENT))
def test_a_hostile_file_added_is_refused_and_changes_nothing(index, embedder, tmp_path, name):
    data, says = CONTENT[name]
    path = tmp_path / "upload" / name
    path.parent.mkdir()
    path.write_bytes(data)
    corpus = Corpus(index / "sources")
    _refused(index, embedder, lambda: corpus.add([path], LIMIT), name, says)


@pytest.mark.parametrize("name", list(CONTENT))
def test_a_hostile_file_listed_by_hand_is_refused_and_changes_nothing(index, embedder, name):
    data, says = CONTENT[name]
    (index / "sources" / name).write_bytes(data)
    _list_in_manifest(index, name)
    _refused(index, embedder, lambda: _sync(index, embedder), name, says)


def _link(target: Callable[[Path], Path]) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        (folder / "linked.txt").symlink_to(target(folder))

    return make


def _outside_file(folder: Path) -> Path:
    secret = folder.parent.parent / "secret.txt"
    secret.write_text("A secret outside the sources folder.\n", encoding="utf-8")
    return secret


LINKS = {
    "a file outside": _link(_outside_file),
    "a folder outside": _link(lambda folder: folder.parent.parent),
    "a missing file outside": _link(lambda folder: folder.parent.parent / "gone.txt"),
    "a system file": _link(lambda folder: Path("/etc/hostname")),
}


@pytest.mark.parametrize("kind", list(LINKS))
def test_a_link_out_of_the_folder_is_refused(index, embedder, kind) -> None:
    LINKS[kind](index / "sources")
    _list_in_manifest(index, "linked.txt")
    _refused(index, embedder, lambda: _sync(index, embedder), "linked.txt", "outside")


BAD_NAMES = [
    "../outside.txt",
    "sub/inner.txt",
    "/etc/passwd",
    "..\\windows.txt",
    ".hidden.txt",
    "a/../b.txt",
    " leading-space.txt",
    "new\nline.txt",
    "..",
    "tab\there.md",
]


@pytest.mark.parametrize("name", BAD_NAMES)
def test_a_name_that_is_not_a_plain_file_name_is_refused(index, embedder, name) -> None:
    _list_in_manifest(index, name)
    _refused(index, embedder, lambda: _sync(index, embedder), repr(name)[1:-1], "plain file name")


MANIFESTS = {
    "unclosed list": ("documents: [\n  {file: a.txt\n", "not valid YAML"),
    "bad indentation": ("documents:\n  - file: a.txt\n     label: A\n", "not valid YAML"),
    "tab indentation": ("documents:\n\t- file: a.txt\n", "not valid YAML"),
    "unclosed quote": ('documents:\n  - file: "a.txt\n', "not valid YAML"),
    "documents not a list": ("documents: 5\n", "must be a list"),
    "a list, not a mapping": ("- file: a.txt\n", "not a mapping"),
    "entry without a file": ("documents:\n  - label: A\n", "not valid .*file"),
    "entry not a mapping": ("documents:\n  - just-a-name.txt\n", "not valid"),
    "unknown lean": (
        "documents:\n  - file: luttig-future-is-closed-source.txt\n    label: L\n"
        "    lean: sideways\n",
        "lean",
    ),
    "not UTF-8": (b"documents:\n  - file: caf\xe9.txt\n".decode("latin-1"), "not UTF-8"),
    "empty": ("", "empty"),
    "missing document": ("documents:\n  - file: ghost.txt\n    label: Ghost\n", "ghost.txt"),
    "a document listed twice": (
        "documents:\n  - file: luttig-future-is-closed-source.txt\n    label: L\n"
        "  - file: luttig-future-is-closed-source.txt\n    label: L2\n",
        "twice",
    ),
    "unknown motion file": ("motion: nowhere.yaml\ndocuments: []\n", "no motion file"),
}
NAMED = {"unknown motion file": "nowhere.yaml"}  # the file the message names


@pytest.mark.parametrize("case", list(MANIFESTS))
def test_a_manifest_broken_by_hand_is_refused_and_changes_nothing(index, embedder, case) -> None:
    text, says = MANIFESTS[case]
    manifest = index / "sources" / MANIFEST
    if case == "not UTF-8":
        manifest.write_bytes(text.encode("latin-1"))
    else:
        manifest.write_text(text, encoding="utf-8")
    named = NAMED.get(case, MANIFEST)
    _refused(index, embedder, lambda: _sync(index, embedder), named, says)


ACCEPTED = {
    "utf8-bom.txt": "\ufeff" + PROSE,
    "crlf.md": PROSE.replace("\n", "\r\n") * 3,
    "zero-width-inside.txt": PROSE.replace("school", "sch\u200bool"),
    "bidi-inside.txt": "\u2067" + PROSE + "\u2069",
    "UPPER.TXT": PROSE,
}


@pytest.mark.parametrize("name", list(ACCEPTED))
def test_an_unusual_but_valid_file_is_indexed_with_exact_offsets(index, embedder, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(ACCEPTED[name].encode("utf-8"))
    Corpus(index / "sources").add([path], LIMIT)
    store = _sync(index, embedder)
    text = (index / "sources" / name).read_bytes().decode("utf-8")
    assert text == ACCEPTED[name]  # kept byte for byte
    stored = [m for m in store.metadata().values() if m["source"] == name]
    assert stored
    for m in stored:
        assert text[m["start"] : m["end"]].strip()


def test_a_file_the_manifest_does_not_list_is_named_not_skipped(index, embedder) -> None:
    (index / "sources" / "notes.txt").write_text(PROSE, encoding="utf-8")
    (index / "sources" / "photo.png").write_bytes(b"\x89PNG")
    settings = Settings(index_dir=index)
    store = Store.from_settings(settings, DEFAULT_EMBED_MODEL)
    report = sync(Corpus(settings.sources_dir), store, embedder, 1200, 1, progress=False)
    assert report.unlisted == ["notes.txt", "photo.png"]
    assert "notes.txt, photo.png" in report.summary() and "debatebot index" in report.summary()


def test_a_document_deleted_while_the_bot_runs_is_named(index, embedder) -> None:
    from debatebot.backends import ScriptedBackend
    from debatebot.bot import DebateBot

    bot = DebateBot(Settings(index_dir=index), backend=ScriptedBackend(), embedder=embedder)
    gone = "luttig-future-is-closed-source.txt"
    (index / "sources" / gone).unlink()
    _refused(index, embedder, bot.index, gone, "not in")
    new = index.parent / "new.txt"
    new.write_text(PROSE, encoding="utf-8")
    _refused(index, embedder, lambda: bot.index([new]), gone, "not in")  # nothing half-added
    _refused(index, embedder, lambda: bot.source_text(gone), gone, "no longer in")
