"""The attachment guard: the one place that decides whether a file named by a record may be read or
published. Rule GK209 reports what it refuses, the text reader (GK207) reads only what it lets
through, and the build copies only what it lets through — each calls it again, trusting nobody.

A file is refused when
- its name is empty, absolute, or has a ``..`` part (never outside ``content/attachments/``);
- any path component from ``content`` down to the file itself is a symbolic link (a committed
  symlink could point at ``/proc/self/environ`` or ``.git/config``, and a symlinked folder would move
  the folder the containment check compares against);
- its resolved path is not inside ``<resolved site root>/content/attachments`` (the folder itself is
  *not* resolved first, so a symlinked ``content/attachments -> /`` contains nothing);
- it is missing, not a regular file, or over the size limit;
- its extension is not one of :data:`generator.vocab.ATTACHMENT_TYPES` (HTML, SVG, Markdown and any
  other type a browser renders as a page are never among them);
- its first bytes are not those of the type its extension names (an ``.et`` that is really HTML,
  a DOCX renamed ``.doc``), checked by magic bytes;
- (for publishing) it is also an attachment of a record that is not 主动公开 (by name, and by
  device and inode so a hard link or second name does not slip through).

These are security guards: no waiver and no ``rules.severity`` setting turns them off
(``generator.check`` refuses both with a finding).
"""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from . import vocab

CONTENT = "content"
ATTACHMENTS = "attachments"

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = (b"PK\x03\x04", b"PK\x05\x06")
SNIFF_BYTES = 1024


class Refused(Exception):
    """The guard refuses the file; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def folder(root: Path) -> Path:
    """``content/attachments`` under the *resolved* site root, itself not resolved."""
    return Path(os.path.realpath(root)) / CONTENT / ATTACHMENTS


def parts(file: str) -> tuple[str, ...]:
    """The path components of ``file``; raises :class:`Refused` for empty, absolute or ``..`` paths."""
    text = file.replace("\\", "/").strip()
    rel = PurePosixPath(text)
    if not text or rel.is_absolute() or ".." in rel.parts or not rel.parts or ":" in rel.parts[0]:
        raise Refused(f"路径“{file}”必须是 content/attachments/ 下的相对路径（不能为空、不能是绝对路径、不能含 ..）")
    return tuple(p for p in rel.parts if p != ".")


def key(file: str) -> str:
    """A normalised name for comparing attachments of different records ("a//b.pdf" = "a/b.pdf")."""
    try:
        return "/".join(parts(file))
    except Refused:
        return file


def locate(root: Path, file: str) -> Path:
    """The attachment's path, after the containment and symlink checks; raises :class:`Refused`."""
    names = parts(file)
    base = folder(root)
    current = base.parent.parent
    for name in (CONTENT, ATTACHMENTS, *names):
        current = current / name
        try:
            mode = os.lstat(current).st_mode
        except FileNotFoundError:
            raise Refused(f"文件 content/attachments/{'/'.join(names)} 不存在") from None
        except OSError as exc:
            raise Refused(f"无法访问 content/attachments/{'/'.join(names)}（{exc.strerror or exc}）") from None
        if stat.S_ISLNK(mode):
            where = current.relative_to(base.parent.parent).as_posix()
            raise Refused(f"{where} 是符号链接：附件路径中不允许符号链接（可能指向站点以外的文件）")
    real = Path(os.path.realpath(current))
    if not real.is_relative_to(base):
        raise Refused(f"路径“{file}”指向 content/attachments/ 以外")
    if not stat.S_ISREG(os.lstat(current).st_mode):
        raise Refused(f"content/attachments/{'/'.join(names)} 不是普通文件")
    return current


def extension(file: str) -> str:
    return PurePosixPath(file.replace("\\", "/")).suffix.lower().lstrip(".")


def sniff(path: Path) -> str:
    """The real type of the file by its first bytes: ``pdf``, ``docx``, ``xlsx``, ``ofd``, ``zip``,
    ``ole`` (doc/xls/wps/et and encrypted Office files), ``jpg``, ``png``, ``html`` (anything a
    browser would sniff as a page: HTML, SVG, XML), ``text`` or ``unknown``."""
    with _open(path) as fh:
        head = fh.read(SNIFF_BYTES)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE):
        return "ole"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(ZIP):
        return _zip_kind(path)
    if _looks_like_markup(head):
        return "html"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "text"  # UTF-16 with a byte-order mark
    if b"\x00" in head:
        return "unknown"
    try:
        head.decode("utf-8")
        return "text"
    except UnicodeDecodeError as exc:
        # a character cut by the end of the sample is still text
        return "text" if len(head) == SNIFF_BYTES and exc.start >= len(head) - 3 else "unknown"


def _zip_kind(path: Path) -> str:
    try:
        with _open(path) as fh, zipfile.ZipFile(fh) as z:
            names = set(z.namelist()[:100_000])
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return "damaged-zip"  # the reader says what is wrong with it
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names:
        return "ofd"
    return "zip"


_MARKUP_STARTS = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<iframe", b"<svg", b"<?xml",
                  b"<!--", b"<h1", b"<div", b"<font", b"<table", b"<a", b"<style", b"<title", b"<b", b"<br",
                  b"<p", b"<img", b"<meta", b"<object", b"<embed", b"<math")


def _looks_like_markup(head: bytes) -> bool:
    """What the WHATWG sniffing algorithm (and old browsers) would take for a page, BOMs and
    leading whitespace skipped; also any text that contains a ``<script`` or ``<svg`` tag."""
    text = head.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n\x0c").lower().replace(b"\x00", b"")
    return text.startswith(_MARKUP_STARTS) or b"<script" in text or b"<svg" in text or b"<html" in text


EXPECTED = {"pdf": ("pdf",), "docx": ("docx", "damaged-zip"), "xlsx": ("xlsx", "damaged-zip"),
            "ofd": ("ofd", "damaged-zip"), "doc": ("ole",), "xls": ("ole",), "wps": ("ole",), "et": ("ole",),
            "jpg": ("jpg",), "png": ("png",), "zip": ("zip", "docx", "xlsx", "ofd", "damaged-zip")}
"""What the first bytes must be for each allowed extension."""
KIND_ZH = {"pdf": "PDF", "docx": "DOCX", "xlsx": "XLSX", "ofd": "OFD", "zip": "ZIP 压缩包",
           "ole": "旧版 Office/WPS 文件（doc、xls、wps、et）或加密的 Office 文件", "jpg": "JPEG 图片",
           "png": "PNG 图片", "damaged-zip": "损坏的压缩包", "html": "网页（HTML/SVG/XML，浏览器会执行其中的脚本）", "text": "纯文本", "unknown": "未知格式"}


def check_type(file: str, path: Path) -> str:
    """The real type of an allowed file; raises :class:`Refused` for a type outside the list or
    first bytes that are not what the extension says."""
    ext = extension(file)
    if ext not in vocab.ATTACHMENT_TYPES:
        raise Refused(f"类型“{ext or '无扩展名'}”不允许，应为：{'、'.join(vocab.ATTACHMENT_TYPES)}")
    try:
        real = sniff(path)
    except OSError as exc:
        raise Refused(f"无法读取文件（{exc.strerror or exc}）") from None
    if real not in EXPECTED[ext]:
        raise Refused(f"扩展名是 .{ext}，但文件实际是{KIND_ZH[real]}（按文件开头的字节判断）；请上传真正的 .{ext} 文件")
    return real


def readable(root: Path, file: str, max_bytes: int) -> Path:
    """The path of an attachment that may be *read* (for the personal-data scan): safely inside the
    folder and within the size limit, whatever its type; raises :class:`Refused`."""
    path = locate(root, file)
    size = os.lstat(path).st_size
    if size > max_bytes:
        raise Refused(f"文件大小 {size / 1048576:.1f} MB 超过上限 {max_bytes / 1048576:.0f} MB")
    return path


def guard(root: Path, file: str, max_bytes: int) -> tuple[Path, str]:
    """``(path, real type)`` of an attachment that passes every guard except the withheld one;
    raises :class:`Refused`."""
    path = readable(root, file, max_bytes)
    return path, check_type(file, path)


def identity(root: Path, file: str) -> tuple[str, tuple[int, int] | None]:
    """What makes two attachment names the same file: the normalised name, and device and inode."""
    try:
        st = os.stat(locate(root, file))
        return key(file), (st.st_dev, st.st_ino)
    except (Refused, OSError):
        return key(file), None


class Withheld:
    """The attachments of records that are not published, to refuse them for public records."""

    def __init__(self, root: Path, files: dict[str, str]) -> None:
        """``files``: attachment file → the record (``type/id``) that withholds it."""
        self.names: dict[str, str] = {}
        self.inodes: dict[tuple[int, int], str] = {}
        for file, owner in files.items():
            name, inode = identity(root, file)
            self.names.setdefault(name, owner)
            if inode is not None:
                self.inodes.setdefault(inode, owner)
        self.root = root

    def owner(self, file: str) -> str | None:
        name, inode = identity(self.root, file)
        return self.names.get(name) or (self.inodes.get(inode) if inode else None)

    def check(self, file: str) -> None:
        owner = self.owner(file)
        if owner:
            raise Refused(f"该文件也是不公开记录 {owner} 的附件，不能随公开记录发布")


def publishable(root: Path, file: str, max_bytes: int, withheld: Withheld) -> Path:
    """The path of an attachment the build may copy; raises :class:`Refused`."""
    path, _ = guard(root, file, max_bytes)
    withheld.check(file)
    return path


def copy(path: Path, dest: Path) -> int:
    """Copy the bytes of ``path`` (opened without following a symlink) to ``dest``; the size."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    with _open(path) as src, open(dest, "xb") as out:
        while chunk := src.read(1 << 20):
            out.write(chunk)
            size += len(chunk)
    return size


def _open(path: Path):
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    return os.fdopen(fd, "rb")
