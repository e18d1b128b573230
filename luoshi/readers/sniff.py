"""Tell a document's format from its content; names and content types only claim one.

Binary formats are recognised from the bytes (magic numbers); text formats from
the decoded text. The claim (file extension or HTTP content type) is used only
to notice a mislabelled file and, for Markdown, as a tie-breaker: plain text
with a .md name is read as Markdown.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from luoshi.errors import InputError
from luoshi.readers._common import FORMAT_NAMES, config
from luoshi.readers.encoding import looks_wide

NOT_READ = "not a document luoshi reads"

# (magic, offset, description) of binary files we refuse, with what they are.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"WEBP", 8, "WebP image"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"\xcf\xfa\xed\xfe", 0, "Mach-O executable"),
    (b"\xfe\xed\xfa\xcf", 0, "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", 0, "Mach-O executable or Java class"),
    (b"\x1f\x8b", 0, "gzip archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "MS Office 97-2003 file; save it as DOCX"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg media"),
    (b"ftyp", 4, "MP4/QuickTime media"),
)


@dataclass(frozen=True, slots=True)
class Claim:
    """What the file's name or content type says it is."""

    format: str | None
    source: str  # "extension" | "content type" | ""


def binary(data: bytes, where: str, name_hint: str | None = None) -> str | None:
    """'pdf' or 'docx' for documents we read in binary, None for text.

    Raises InputError for any other binary file (image, executable, zip...).
    """
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip_kind(data, where, name_hint)
    if data.startswith(b"MZ") and b"\x00" in data[:64]:
        raise InputError(where, f"binary file (Windows executable), {NOT_READ}")
    for magic, offset, what in _MAGIC:
        if data[offset : offset + len(magic)] == magic:
            raise InputError(where, f"binary file ({what}), {NOT_READ}")
    if data.lstrip()[:5] == b"{\\rtf":
        raise InputError(where, f"RTF document, {NOT_READ}; save it as DOCX or text")
    if _binary_noise(data):
        raise InputError(where, f"binary file (NUL or control bytes), {NOT_READ}")
    return None


def _zip_kind(data: bytes, where: str, name_hint: str | None) -> str:
    """A zip is a DOCX if it has word/document.xml; a damaged one that looks like DOCX is too."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        if b"word/" in data[:65536] or _extension(name_hint) == "docx":
            raise InputError(where, f"corrupted DOCX: {exc}") from None
        raise InputError(where, f"binary file (damaged ZIP archive), {NOT_READ}") from None
    if "word/document.xml" in names:
        return "docx"
    raise InputError(where, f"binary file ({_zip_what(names)}), {NOT_READ}")


def _zip_what(names: set[str]) -> str:
    if any(n.startswith("xl/") for n in names):
        return "XLSX spreadsheet"
    if any(n.startswith("ppt/") for n in names):
        return "PPTX presentation"
    if "mimetype" in names and "META-INF/container.xml" in names:
        return "EPUB e-book"
    if "content.xml" in names:
        return "OpenDocument file; save it as DOCX"
    return "ZIP archive"


def _binary_noise(data: bytes) -> bool:
    """NUL or C0 control bytes in quantity: not text in any encoding we read.

    A stray NUL in a text file is tolerated; UTF-16/32 text, full of NULs and
    control bytes, is recognised by decoding it.
    """
    sample = data[:8192]
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\f\x1b\x0b")
    noisy = sample.count(0) / len(sample) > 0.01 or controls / len(sample) > 0.05
    return noisy and not looks_wide(sample)


# ---------------------------------------------------------------------------
# text formats

_HTML_START = re.compile(
    r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*"
    r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|table|article|section)\b",
    re.IGNORECASE | re.DOTALL,
)
_ARCHIVE_FIELD = re.compile(r"〖-?[^〖〗\n]{1,30}〗")
_MD_BOLD_ITEM = re.compile(
    r"^[ \t]*(?:\*\*|__)[ \t]*[（(]?(?:\d+|[一二三四五六七八九十百]+)[、.．）)]", re.M
)
_MD_HEADING = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)


def looks_html(head: str) -> bool:
    return _HTML_START.match(head) is not None


def text_format(text: str, claim: Claim) -> str:
    """html | archive | markdown | text, judged on the decoded text."""
    head = text[:4096]
    if looks_html(head):
        return "html"
    if len(_ARCHIVE_FIELD.findall(head)) >= 2:
        return "archive"
    if claim.format == "markdown":
        return "markdown"
    sample = text[:65536]
    if _MD_BOLD_ITEM.search(sample) or _MD_HEADING.search(sample):
        return "markdown"
    return "text"


def _extension(name: str | None) -> str | None:
    if not name:
        return None
    path = urlsplit(name).path if "://" in name else name
    suffix = PurePosixPath(path.replace("\\", "/")).suffix.lower().lstrip(".")
    fmt: str | None = config()["sniff"]["extensions"].get(suffix)
    return fmt


def claim(name_hint: str | None, content_type: str | None) -> Claim:
    """The format claimed by a content type (preferred: it is what the server said) or name."""
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        fmt = config()["sniff"]["content_types"].get(mime)
        if fmt:
            return Claim(fmt, "content type")
    fmt = _extension(name_hint)
    return Claim(fmt, "extension") if fmt else Claim(None, "")


# Claims that are not wrong, only less specific: a .txt archive record, a .md text.
_COMPATIBLE = {("text", "markdown"), ("text", "archive"), ("markdown", "text")}


def mislabelled(claimed: Claim, actual: str) -> bool:
    if claimed.format is None or claimed.format == actual:
        return False
    return (claimed.format, actual) not in _COMPATIBLE


def mislabel_warning(where: str, actual: str) -> str:
    name = FORMAT_NAMES[actual]
    return f"{where}: mislabelled: content is {name}, read as {name}"


def charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None
