"""The text of an attachment, for the personal-data scan (GK207) and the readability check (GK209).

``extract(path, max_bytes)`` returns ``(location, text)`` pairs, the location in the words a reader
would use to find the place in the file:

- PDF: one pair per page, ``第3页`` (pypdf; text the PDF draws as characters — a scan is an image
  and has no text: no OCR);
- XLSX: one pair per worksheet, ``工作表“Sheet1”`` (a hidden sheet: ``工作表“Sheet1”（隐藏）``), the
  cells of a row joined by tabs, rows by newlines. A cell's value is its shared string, its inline
  string, or its number exactly as written in the cell XML (``13912345678``; ``1.3912345678E+10`` is
  written out in full when it is an integer of at most 15 digits, which a double holds exactly).
  Shared strings that no cell uses are still in the file for anyone who unzips it: they come as
  ``共享字符串表（未被单元格引用）``;
- DOCX: ``正文`` (paragraphs, tables, text boxes, and text deleted under track changes, which is
  still in the file), then ``页眉``, ``页脚``, ``脚注``, ``尾注``, ``批注`` when they hold text;
- TXT, CSV: ``正文``, decoded as UTF-8 (with or without BOM), then UTF-16 with BOM, then GB18030.

Every other type (doc, xls, wps, et, ofd, jpg, png, zip, …) is not read: ``[]``.

A file that cannot be read — not the format its name says, damaged, encrypted, or over a limit —
raises :class:`AttachmentUnreadable` with the reason in Chinese. Limits, against files built to
exhaust the checker: at most ``max_bytes`` bytes are read from the file and, for DOCX/XLSX, at most
``max_bytes`` bytes decompressed from the zip in all (counted while streaming, whatever sizes the zip
declares) from at most ``MAX_ZIP_ENTRIES`` entries; XML with a DOCTYPE or entity declaration is
refused (no entity expansion, no external entities); a PDF is left to pypdf's own per-stream limits
(75 MB decompressed) and its text to ``max_bytes`` characters in all, and is read in a sandbox
process with a time limit (``seconds``, ``rules.limits.attachment_seconds``) and a memory limit.

Results are cached by (resolved path, size, mtime) for the process, so a file attached to several
records, or read by both rules, is read once; the cache holds at most ``CACHE_CHARS`` characters.
"""

from __future__ import annotations

import codecs
import logging
import posixpath
import re
import tempfile
import threading
import warnings
import zipfile
import zlib
from collections import OrderedDict
from contextlib import contextmanager
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.parsers import expat

from . import attachments, sandbox

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 50 * MB
DEFAULT_SECONDS = 60
MAX_ZIP_ENTRIES = 10_000
CACHE_CHARS = 64 * MB
CHUNK = 1 * MB

EXTRACTED = ("pdf", "docx", "xlsx", "txt", "csv")
"""The types whose text is read; every other type gives ``[]``."""

Sections = list[tuple[str, str]]


class AttachmentUnreadable(Exception):
    """The attachment cannot be read; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AttachmentUnscannable(Exception):
    """The attachment is of a type whose text cannot be read (an image, an old binary Office or
    WPS file): nobody but a person can check it. ``kind`` names the type, in Chinese."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


UNSCANNABLE = "\x00unscannable:"
"""Text of a section that is a part of the file whose text cannot be read (an image inside a zip):
``UNSCANNABLE + kind``. GK207 reports it as a part nobody checked."""


def extract(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, seconds: float = DEFAULT_SECONDS) -> Sections:
    """``(location, text)`` for each page, sheet or part of the attachment at ``path``.

    The type is taken from ``path``'s name (what a visitor downloads), the bytes from wherever it
    points. A PDF is read in the sandbox (:mod:`generator.sandbox`): more than ``seconds`` or
    :data:`generator.sandbox.MEMORY_LIMIT` makes it unreadable. Raises :class:`AttachmentUnreadable`.
    """
    path = Path(path)
    try:
        resolved = path.resolve()
        st = resolved.stat()
    except OSError as exc:
        raise AttachmentUnreadable(f"无法打开文件（{exc.strerror or exc}）") from None
    key = (str(resolved), path.suffix.lower(), st.st_size, st.st_mtime_ns, max_bytes)
    hit = _cache.get(key)
    if hit is None:
        if st.st_size > max_bytes:
            hit = _Unread(f"文件大小超过 {max_bytes / MB:.0f} MB 上限")
        else:
            try:
                reader = reader_for(resolved, path.suffix)
                hit = _in_sandbox(reader, resolved, max_bytes, seconds) if reader in SANDBOXED else reader(resolved, max_bytes)
            except AttachmentUnscannable as exc:
                hit = _Unread(exc.kind, scannable=False)
            except AttachmentUnreadable as exc:
                hit = _Unread(exc.reason)
            except MemoryError:
                hit = _Unread("内容过大，读取时内存不足")
            except OSError as exc:
                hit = _Unread(f"无法打开文件（{exc.strerror or exc}）")
            except Exception as exc:  # a hostile file must give a finding, never a traceback
                hit = _Unread(f"读取时出错（{_detail(exc)}）")
        _cache.put(key, hit)
    if isinstance(hit, _Unread):
        raise (AttachmentUnreadable if hit.scannable else AttachmentUnscannable)(hit.reason)
    return list(hit)


def reader_for(path: Path, suffix: str):
    """The reader for the file's real type, told by its first bytes (a DOCX renamed ``.doc`` is read
    as DOCX); raises :class:`AttachmentUnscannable` for a type whose text cannot be read."""
    ext = suffix.lower().lstrip(".")
    try:
        kind = attachments.sniff(path)
    except OSError as exc:
        raise AttachmentUnreadable(f"无法打开文件（{exc.strerror or exc}）") from None
    if ext in ("txt", "csv") and kind in ("text", "unknown", "html"):
        return _READERS[ext]
    if kind in ("damaged-zip", "ole") and ext in ("docx", "xlsx"):
        return _READERS[ext]  # it says what is wrong: damaged, encrypted, an old format renamed
    reader = _READERS.get(kind) or _BY_KIND.get(kind)
    if reader is None:
        raise AttachmentUnscannable(attachments.KIND_ZH.get(kind, kind))
    return reader


def clear_cache() -> None:
    _cache.clear()


def _in_sandbox(reader, path: Path, max_bytes: int, seconds: float) -> Sections:
    try:
        kind, value = sandbox.run(seconds, _unreadable_as_value, reader, path, max_bytes)
    except sandbox.Timeout:
        raise AttachmentUnreadable(f"读取超过 {seconds:g} 秒上限（文件结构异常复杂，疑为恶意构造）") from None
    except sandbox.Failed as exc:
        raise AttachmentUnreadable(f"读取时出错（{exc.reason}）") from None
    if kind == "unreadable":
        raise AttachmentUnreadable(value)
    return value


def _unreadable_as_value(reader, path: Path, max_bytes: int):
    """Runs in the sandbox: the reader's sections, or its reason as a value (not an exception)."""
    try:
        return "ok", reader(path, max_bytes)
    except AttachmentUnreadable as exc:
        return "unreadable", exc.reason



# ---------------------------------------------------------------- cache


class _Unread:
    __slots__ = ("reason", "scannable")

    def __init__(self, reason: str, scannable: bool = True) -> None:
        self.reason = reason
        self.scannable = scannable


class _Cache:
    """LRU by total characters held."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.items: OrderedDict[tuple, object] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    @staticmethod
    def _cost(value) -> int:
        return 1 if isinstance(value, _Unread) else 1 + sum(len(t) for _, t in value)

    def get(self, key):
        with self.lock:
            value = self.items.get(key)
            if value is not None:
                self.items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        cost = self._cost(value)
        with self.lock:
            if cost > self.limit:
                return
            old = self.items.pop(key, None)
            if old is not None:
                self.size -= self._cost(old)
            self.items[key] = value
            self.size += cost
            while self.size > self.limit:
                _, dropped = self.items.popitem(last=False)
                self.size -= self._cost(dropped)

    def clear(self) -> None:
        with self.lock:
            self.items.clear()
            self.size = 0


_cache = _Cache(CACHE_CHARS)


# ---------------------------------------------------------------- TXT, CSV


def _read_text(path: Path, max_bytes: int) -> Sections:
    with path.open("rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise AttachmentUnreadable(f"文件大小超过 {max_bytes / MB:.0f} MB 上限")
    return [("正文", decode_text(data))]


def decode_text(data: bytes) -> str:
    """UTF-8 (BOM or not), UTF-16 with a BOM, else GB18030 (which includes GBK and GB2312)."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not data.startswith(codecs.BOM_UTF8):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AttachmentUnreadable("文字编码无法识别（应为 UTF-8 或 GB18030）")


# ---------------------------------------------------------------- PDF


@contextmanager
def _quiet_pypdf():
    """pypdf reports repairs of damaged files through logging and warnings: keep them off stderr."""
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        log.setLevel(level)


def _read_pdf(path: Path, max_bytes: int) -> Sections:
    try:
        import pypdf
        from pypdf.errors import DependencyError
    except ImportError:  # pragma: no cover - a declared dependency
        raise AttachmentUnreadable("未安装 pypdf，无法读取 PDF") from None
    with path.open("rb") as fh:
        head = fh.read(1024)
    if b"%PDF-" not in head:
        raise AttachmentUnreadable("不是 PDF 文件（文件开头没有 %PDF- 标记）")
    sections: Sections = []
    total = 0
    with _quiet_pypdf():
        try:
            reader = pypdf.PdfReader(path)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except DependencyError:
                    raise AttachmentUnreadable("PDF 已加密（AES），读取需要安装 cryptography") from None
                if not opened:
                    raise AttachmentUnreadable("PDF 已加密，需要密码才能打开")
            pages = reader.pages
            count = len(pages)
        except AttachmentUnreadable:
            raise
        except Exception as exc:  # pypdf raises many kinds on damaged files
            raise AttachmentUnreadable(f"PDF 文件损坏或不完整（{_detail(exc)}）") from None
        for number in range(1, count + 1):
            label = f"第{number}页"
            try:
                text = pages[number - 1].extract_text() or ""
            except Exception as exc:
                raise AttachmentUnreadable(f"PDF {label}无法解析（{_detail(exc)}）") from None
            total += len(text)
            if total > max_bytes:
                raise AttachmentUnreadable(f"PDF 文字内容超过 {max_bytes / MB:.0f} MB 上限（读到{label}）")
            sections.append((label, text))
            notes = _pdf_annotations(pages[number - 1])
            if notes:
                sections.append((f"{label}批注", notes))
        sections += _pdf_extras(reader, max_bytes)
    return sections


def _pdf_strings(value, depth: int = 0) -> list[str]:
    """Every string inside a PDF object (dictionaries and arrays walked, references resolved)."""
    if depth > 8:
        return []
    try:
        value = value.get_object()
    except AttributeError:
        pass
    except Exception:
        return []
    if isinstance(value, (str, bytes)):
        return [value if isinstance(value, str) else value.decode("latin-1")]
    if isinstance(value, dict):
        return [t for v in list(value.values())[:100] for t in _pdf_strings(v, depth + 1)]
    if isinstance(value, list):
        return [t for v in value[:1000] for t in _pdf_strings(v, depth + 1)]
    return []


def _pdf_annotations(page) -> str:
    """Text of a page's annotations: comments, their authors and subjects, form widgets' values."""
    try:
        annots = page.get("/Annots")
        annots = annots.get_object() if annots is not None else []
    except Exception:
        return ""
    texts = []
    for annot in list(annots or [])[:10_000]:
        try:
            annot = annot.get_object()
            for key in ("/Contents", "/T", "/Subj", "/V", "/TU", "/RC"):
                if key in annot:
                    texts += _pdf_strings(annot[key])
        except Exception:
            continue
    return "\n".join(texts)


def _pdf_extras(reader, max_bytes: int) -> Sections:
    """The document information (author, title …), form fields and embedded files."""
    sections: Sections = []
    try:
        info = reader.metadata
        if info:
            sections.append(("文档属性", "\n".join(t for v in info.values() for t in _pdf_strings(v))))
    except Exception:
        pass
    try:
        fields = reader.get_fields() or {}
        texts = []
        for name, field in list(fields.items())[:10_000]:
            texts.append(str(name))
            texts += _pdf_strings(field.get("/V")) if hasattr(field, "get") else []
        if texts:
            sections.append(("表单域", "\n".join(texts)))
    except Exception:
        pass
    try:
        embedded = reader.attachments
        names = list(embedded)[:100]
    except Exception:
        names, embedded = [], {}
    for name in names:
        try:
            contents = embedded[name]
        except Exception:
            continue
        for data in contents[:10]:
            sections += _nested(f"嵌入文件“{name}”", name, data, max_bytes)
    return sections


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    if len(text) > 80:
        text = text[:77] + "..."
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# ---------------------------------------------------------------- zip and XML


class _Refused(Exception):
    pass


class _Budget:
    """Decompressed bytes still allowed for one file."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.left = limit

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise AttachmentUnreadable(
                f"解压后内容超过 {self.limit / MB:.0f} MB 上限（疑为压缩炸弹）")


class _Zip:
    def __init__(self, path: Path, max_bytes: int, kind: str) -> None:
        self.kind = kind
        with path.open("rb") as fh:
            magic = fh.read(8)
        if magic.startswith(b"\xd0\xcf\x11\xe0"):
            raise AttachmentUnreadable(f"不是 {kind} 文件：是加密的 Office 文件或旧版 .doc/.xls 改了扩展名")
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
            raise AttachmentUnreadable(f"不是有效的 {kind} 文件（压缩包损坏：{_detail(exc)}）") from None
        if len(infos) > MAX_ZIP_ENTRIES:
            self.zip.close()
            raise AttachmentUnreadable(f"压缩包内文件多达 {len(infos)} 个，超过 {MAX_ZIP_ENTRIES} 个上限")
        self.infos = {i.filename: i for i in infos}
        self.budget = _Budget(max_bytes)

    def close(self) -> None:
        self.zip.close()

    def has(self, name: str) -> bool:
        return name in self.infos

    def parse(self, name: str, handler) -> None:
        """Stream entry ``name`` through ``handler`` (start/end/data), counting decompressed bytes."""
        info = self.infos[name]
        if info.flag_bits & 0x1:
            raise AttachmentUnreadable(f"{self.kind} 文件内的 {name} 已加密")
        if info.file_size > self.budget.left:
            self.budget.take(info.file_size)
        parser = _xml_parser(handler)
        try:
            with self.zip.open(info) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    if not chunk:
                        break
                    self.budget.take(len(chunk))
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except AttachmentUnreadable:
            raise
        except _Refused:
            raise AttachmentUnreadable(f"{self.kind} 文件内的 {name} 含有 DOCTYPE 或实体声明，拒绝解析") from None
        except expat.ExpatError as exc:
            raise AttachmentUnreadable(f"{self.kind} 文件内的 {name} 不是有效的 XML（{_detail(exc)}）") from None
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError,
                RuntimeError) as exc:  # RuntimeError: an entry that needs a password
            raise AttachmentUnreadable(f"{self.kind} 文件内的 {name} 无法解压（{_detail(exc)}）") from None

    def relationships(self, part: str) -> dict[str, tuple[str, str]]:
        """``Id → (type, target part name)`` from the relationships of ``part`` ("" for the package)."""
        folder, base = posixpath.split(part)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        found: dict[str, tuple[str, str]] = {}
        if not self.has(rels):
            return found

        def start(name, attrs):
            if name == "Relationship" and attrs.get("TargetMode") != "External":
                target = attrs.get("Target", "")
                if target.startswith("/"):
                    resolved = posixpath.normpath(target.lstrip("/"))
                else:
                    resolved = posixpath.normpath(posixpath.join(folder, target))
                found[attrs.get("Id", "")] = (attrs.get("Type", ""), resolved)

        self.parse(rels, _Handler(start=start))
        return found

    def main_part(self, default: str) -> str:
        for type_, target in self.relationships("").values():
            if type_.endswith("/officeDocument") and self.has(target):
                return target
        if not self.has(default):
            raise AttachmentUnreadable(f"不是有效的 {self.kind} 文件（缺少 {default}）")
        return default


class _Handler:
    def __init__(self, start=None, end=None, data=None) -> None:
        self.start = start or (lambda name, attrs: None)
        self.end = end or (lambda name: None)
        self.data = data or (lambda text: None)


def _refuse(*_args):
    raise _Refused()


def _xml_parser(handler: _Handler):
    """An expat parser that reports local names (namespaces resolved, prefixes dropped) and refuses
    any DOCTYPE or entity declaration."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.UnparsedEntityDeclHandler = _refuse
    parser.ExternalEntityRefHandler = _refuse
    local: dict[str, str] = {}

    def name_of(name: str) -> str:
        short = local.get(name)
        if short is None:
            short = local[name] = name.rpartition(" ")[2]
        return short

    start, end = handler.start, handler.end

    def on_start(name, attrs):
        start(name_of(name), {name_of(k): v for k, v in attrs.items()} if attrs else attrs)

    parser.StartElementHandler = on_start
    parser.EndElementHandler = lambda name: end(name_of(name))
    parser.CharacterDataHandler = handler.data
    return parser


# ---------------------------------------------------------------- files inside files

MAX_NESTING = 3
"""A zip in a zip in a DOCX is read; deeper files are reported as not checked."""
_depth = threading.local()


def _nested(label: str, name: str, data: bytes, max_bytes: int) -> Sections:
    """The sections of a file found inside another (a zip entry, an embedded object), each location
    prefixed with ``label``; a part that cannot be read or checked is a section saying so."""
    level = getattr(_depth, "level", 0)
    if level >= MAX_NESTING:
        return [(label, UNSCANNABLE + f"嵌套超过 {MAX_NESTING} 层的文件")]
    suffix = posixpath.splitext(name)[1][:16]
    with tempfile.TemporaryDirectory(prefix="gongkai-part-") as tmp:
        part = Path(tmp) / ("part" + "".join(c for c in suffix if c.isalnum() or c == "."))
        part.write_bytes(data)
        _depth.level = level + 1
        try:
            reader = reader_for(part, part.suffix)
            if reader in SANDBOXED and not sandbox.INSIDE:
                inner = _in_sandbox(reader, part, max_bytes, DEFAULT_SECONDS)
            else:
                inner = reader(part, max_bytes)
        except AttachmentUnscannable as exc:
            return [(label, UNSCANNABLE + exc.kind)]
        except AttachmentUnreadable as exc:
            return [(label, UNSCANNABLE + f"无法读取的文件（{exc.reason}）")]
        finally:
            _depth.level = level
    return [(f"{label}{where}", text) for where, text in inner]


def _entry_bytes(z: "_Zip", info) -> bytes:
    """An entry's bytes, counted against the zip's budget."""
    chunks = []
    try:
        with z.zip.open(info) as fh:
            while chunk := fh.read(CHUNK):
                z.budget.take(len(chunk))
                chunks.append(chunk)
    except AttachmentUnreadable:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as exc:
        raise AttachmentUnreadable(f"{z.kind} 文件内的 {info.filename} 无法解压（{_detail(exc)}）") from None
    return b"".join(chunks)


def _embedded(z: "_Zip", folder: str, max_bytes: int) -> Sections:
    """Files embedded in an Office document (word/embeddings/, xl/embeddings/): workbooks in a
    document, documents in a workbook."""
    sections: Sections = []
    for name, info in z.infos.items():
        if name.startswith(folder) and not info.is_dir():
            sections += _nested(f"嵌入文件“{posixpath.basename(name)}”", name, _entry_bytes(z, info), max_bytes)
    return sections


def _all_text(z: "_Zip", name: str, only: set[str] | None = None) -> str:
    """The character data of an XML entry (of the elements in ``only``, if given), one element a line."""
    texts: list[str] = []
    inside = [0]

    def start(tag, attrs):
        if only is None or tag in only:
            inside[0] += 1
            texts.append("\n")

    def end(tag):
        if only is None or tag in only:
            inside[0] -= 1

    def data(text):
        if only is None or inside[0] > 0:
            texts.append(text)

    z.parse(name, _Handler(start, end, data))
    return "".join(texts).strip()


def _properties(z: "_Zip") -> Sections:
    """Author, title, company, custom properties: docProps/*.xml."""
    texts = [_all_text(z, name) for name in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml") if z.has(name)]
    texts = [t for t in texts if t]
    return [("文档属性", "\n".join(texts))] if texts else []


def _read_zip(path: Path, max_bytes: int) -> Sections:
    """Every file in a zip, read by its own type; the entry names are text too."""
    z = _Zip(path, max_bytes, "ZIP")
    try:
        names = [n for n, i in z.infos.items() if not i.is_dir()]
        sections: Sections = [("压缩包内文件名", "\n".join(names))]
        for name in names:
            info = z.infos[name]
            label = f"压缩包内“{name}”"
            if info.flag_bits & 0x1:
                sections.append((label, UNSCANNABLE + "加密的压缩文件"))
                continue
            sections += _nested(label, name, _entry_bytes(z, info), max_bytes)
        return sections
    finally:
        z.close()


def _read_ofd(path: Path, max_bytes: int) -> Sections:
    """OFD (GB/T 33190-2016): a zip of XML; the text is in the TextCode elements of the pages."""
    z = _Zip(path, max_bytes, "OFD")
    try:
        pages = [n for n in sorted(z.infos) if n.lower().endswith(".xml")]
        text = "\n".join(t for t in (_all_text(z, n, {"TextCode"}) for n in pages) if t)
        other = "\n".join(t for t in (_all_text(z, n, {"Title", "Author", "Subject", "Keywords", "Abstract", "CustomDatum"})
                                     for n in pages if n.endswith("OFD.xml")) if t)
        sections = [("正文", text)]
        if other:
            sections.append(("文档属性", other))
        return sections + _embedded(z, "Attachs/", max_bytes)
    finally:
        z.close()


def _damaged_zip(path: Path, max_bytes: int) -> Sections:
    _Zip(path, max_bytes, "ZIP").close()  # raises with the reason
    raise AttachmentUnreadable("压缩包损坏")


# ---------------------------------------------------------------- DOCX


DOCX_PARTS = (("header", "页眉"), ("footer", "页脚"), ("footnotes", "脚注"), ("endnotes", "尾注"),
              ("comments", "批注"))
_TEXT_ELEMENTS = {"t", "delText"}
_FIELD_CODES = {"instrText", "delInstrText"}
"""Field codes: a HYPERLINK "tel:…" or a MERGEFIELD keeps its words there, out of the visible text."""


class _WordText:
    """Text of a WordprocessingML part: runs joined as written, paragraphs and rows on new lines."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.codes: list[str] = []
        self.depth = 0
        self.in_code = 0
        self.handler = _Handler(self.start, self.end, self.data)

    def start(self, name, attrs):
        if name in _FIELD_CODES:
            self.in_code += 1
            self.codes.append("\n")
        elif name in _TEXT_ELEMENTS:
            self.depth += 1
        elif name == "tab":
            self.parts.append("\t")
        elif name in ("br", "cr"):
            self.parts.append("\n")
        elif name == "noBreakHyphen":
            self.parts.append("-")

    def end(self, name):
        if name in _FIELD_CODES:
            self.in_code -= 1
        elif name in _TEXT_ELEMENTS:
            self.depth -= 1
        elif name == "p":
            self.parts.append("\n")
        elif name == "tc":  # a cell's last paragraph ends with the cell: cells of a row on one line
            self._end_with("\t")
        elif name == "tr":
            self._end_with("\n")

    def _end_with(self, sep: str) -> None:
        if self.parts and self.parts[-1] in ("\n", "\t"):
            self.parts[-1] = sep
        else:
            self.parts.append(sep)

    def data(self, text):
        if self.in_code > 0:
            self.codes.append(text)
        elif self.depth > 0:
            self.parts.append(text)

    def text(self) -> str:
        return "".join(self.parts)


def _read_docx(path: Path, max_bytes: int) -> Sections:
    z = _Zip(path, max_bytes, "DOCX")
    try:
        main = z.main_part("word/document.xml")
        body = _WordText()
        z.parse(main, body.handler)
        sections = [("正文", body.text())]
        if "".join(body.codes).strip():
            sections.append(("域代码", "".join(body.codes).strip()))
        folder = posixpath.dirname(main)
        for stem, label in DOCX_PARTS:
            pattern = re.compile(rf"{re.escape(folder)}/{stem}(\d*)\.xml" if folder else rf"{stem}(\d*)\.xml")
            names = sorted((n for n in z.infos if pattern.fullmatch(n)),
                           key=lambda n: int(pattern.fullmatch(n)[1] or 0))
            texts = []
            for name in names:
                part = _WordText()
                z.parse(name, part.handler)
                if part.text().strip():
                    texts.append(part.text())
            if texts:
                sections.append((label, "\n".join(texts)))
        return sections + _properties(z) + _embedded(z, posixpath.join(folder, "embeddings/"), max_bytes)
    finally:
        z.close()


# ---------------------------------------------------------------- XLSX


class _SharedStrings:
    def __init__(self) -> None:
        self.strings: list[str] = []
        self.current: list[str] | None = None
        self.in_t = 0
        self.in_phonetic = 0
        self.handler = _Handler(self.start, self.end, self.data)

    def start(self, name, attrs):
        if name == "si":
            self.current = []
        elif name == "rPh":
            self.in_phonetic += 1
        elif name == "t":
            self.in_t += 1

    def end(self, name):
        if name == "si":
            self.strings.append("".join(self.current or ()))
            self.current = None
        elif name == "rPh":
            self.in_phonetic -= 1
        elif name == "t":
            self.in_t -= 1

    def data(self, text):
        if self.in_t and not self.in_phonetic and self.current is not None:
            self.current.append(text)


def cell_number(raw: str) -> str:
    """A number as written in the cell XML; scientific notation spelled out when it is an integer of
    at most 15 digits (exact in a double: a mobile number typed as a number survives, a 19-digit card
    rounded by Excel is not invented)."""
    if "e" in raw or "E" in raw:
        try:
            value = Decimal(raw.strip())
        except InvalidOperation:
            return raw
        if value.is_finite() and value == value.to_integral_value() and abs(value) < 10 ** 15:
            return str(int(value))
    return raw


HEADER_FOOTER = {"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"}


class _SheetText:
    def __init__(self, shared: list[str], used: set[int]) -> None:
        self.shared = shared
        self.used = used
        self.rows: list[str] = []
        self.cells: list[str] = []
        self.cell_type: str | None = None
        self.value: list[str] = []
        self.inline: list[str] = []
        self.where: str | None = None  # "v" or "t" (inline string text) while inside one
        self.in_phonetic = 0
        self.margins: list[str] = []
        self.in_margin = False
        self.handler = _Handler(self.start, self.end, self.data)

    def start(self, name, attrs):
        if name in HEADER_FOOTER:
            self.in_margin = True
            self.margins.append("\n")
        elif name == "c":
            self.cell_type = attrs.get("t", "n")
            self.value, self.inline = [], []
        elif name == "v" and self.cell_type is not None:
            self.where = "v"
        elif name == "t" and self.cell_type == "inlineStr":
            self.where = "t"
        elif name == "rPh":
            self.in_phonetic += 1

    def end(self, name):
        if name in HEADER_FOOTER:
            self.in_margin = False
        elif name in ("v", "t"):
            self.where = None
        elif name == "rPh":
            self.in_phonetic -= 1
        elif name == "c":
            text = self.cell_text()
            if text:
                self.cells.append(text)
            self.cell_type = None
        elif name == "row":
            if self.cells:
                self.rows.append("\t".join(self.cells))
            self.cells = []

    def data(self, text):
        if self.in_margin:
            self.margins.append(text)
        elif self.where == "v":
            self.value.append(text)
        elif self.where == "t" and not self.in_phonetic:
            self.inline.append(text)

    def cell_text(self) -> str:
        raw = "".join(self.value)
        kind = self.cell_type
        if kind == "inlineStr":
            return "".join(self.inline)
        if kind == "s":
            try:
                index = int(raw)
                text = self.shared[index]
            except (ValueError, IndexError):
                return ""
            self.used.add(index)
            return text
        if kind in ("b", "e"):
            return ""
        if kind == "n":
            return cell_number(raw)
        return raw  # str (a formula's text), d (ISO date)

    def text(self) -> str:
        if self.cells:  # cells outside any <row> (not valid, but be lenient)
            self.rows.append("\t".join(self.cells))
            self.cells = []
        return "\n".join(self.rows)


def _read_xlsx(path: Path, max_bytes: int) -> Sections:
    z = _Zip(path, max_bytes, "XLSX")
    try:
        main = z.main_part("xl/workbook.xml")
        rels = z.relationships(main)
        sheets: list[tuple[str, str, bool]] = []
        names: list[str] = []
        in_name = [False]

        def start(name, attrs):
            if name == "sheet":
                sheets.append((attrs.get("name", ""), attrs.get("id", ""), attrs.get("state", "visible") != "visible"))
            elif name == "definedName":
                in_name[0] = True
                names.append(attrs.get("name", "") + "\t")

        def end(name):
            if name == "definedName":
                in_name[0] = False
                names.append("\n")

        def data(text):
            if in_name[0]:
                names.append(text)

        z.parse(main, _Handler(start, end, data))
        shared = _SharedStrings()
        for type_, target in rels.values():
            if type_.endswith("/sharedStrings") and z.has(target):
                z.parse(target, shared.handler)
                break
        else:
            default = posixpath.join(posixpath.dirname(main), "sharedStrings.xml")
            if z.has(default):
                z.parse(default, shared.handler)
        used: set[int] = set()
        sections: Sections = []
        for number, (name, rid, hidden) in enumerate(sheets, 1):
            type_, target = rels.get(rid, ("", ""))
            if not z.has(target):
                fallback = posixpath.join(posixpath.dirname(main), f"worksheets/sheet{number}.xml")
                if type_ and not type_.endswith("/worksheet"):
                    continue  # a chart sheet or dialog sheet: no cells
                if not z.has(fallback):
                    raise AttachmentUnreadable(f"不是有效的 XLSX 文件（找不到工作表“{name}”）")
                target = fallback
            sheet = _SheetText(shared.strings, used)
            z.parse(target, sheet.handler)
            label = f"工作表“{name}”" + ("（隐藏）" if hidden else "")
            sections.append((label, sheet.text()))
            margins = "".join(sheet.margins).strip()
            if margins:
                sections.append((f"{label}页眉页脚", margins))
        unused = [s for i, s in enumerate(shared.strings) if i not in used and s.strip()]
        if unused:
            sections.append(("共享字符串表（未被单元格引用）", "\n".join(unused)))
        if "".join(names).strip():
            sections.append(("定义的名称", "".join(names).strip()))
        folder = posixpath.dirname(main)
        comments = [n for n in sorted(z.infos) if n.startswith(posixpath.join(folder, "comments"))
                    or n.startswith(posixpath.join(folder, "threadedComments/")) or n.startswith(posixpath.join(folder, "persons/"))]
        texts = [t for t in (_all_text(z, n) for n in comments if n.endswith(".xml")) if t]
        if texts:
            sections.append(("批注", "\n".join(texts)))
        drawings = [n for n in sorted(z.infos) if n.startswith(posixpath.join(folder, "drawings/")) and n.endswith(".xml")]
        texts = [t for t in (_all_text(z, n, {"t"}) for n in drawings) if t]
        if texts:
            sections.append(("图形中的文字", "\n".join(texts)))
        return sections + _properties(z) + _embedded(z, posixpath.join(folder, "embeddings/"), max_bytes)
    finally:
        z.close()


_READERS = {"pdf": _read_pdf, "docx": _read_docx, "xlsx": _read_xlsx, "txt": _read_text, "csv": _read_text}
_BY_KIND = {"pdf": _read_pdf, "docx": _read_docx, "xlsx": _read_xlsx, "ofd": _read_ofd, "zip": _read_zip,
            "damaged-zip": _damaged_zip, "text": _read_text, "html": _read_text}
"""The reader for each real type (generator.attachments.sniff); the others (images, old binary Office
and WPS files, unknown bytes) cannot be scanned."""
SANDBOXED = (_read_pdf,)
"""Readers whose work is not bounded by the file's size (pypdf): run in the sandbox. The zip and
XML readers stream under byte budgets and stay in this process."""
