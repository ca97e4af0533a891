"""`nianbao import`: a published report (web page, copied text, PDF, Word) to a YAML draft.

front (this module: detect the medium, decode) → one extractor per medium, each giving the
neutral blocks of document.py → one recogniser (recognise.py) that reads the format
definitions → the draft, written with write.dump_report and checked with the same schema
and report rules as hand-made files. Nothing here prints; failures raise ImportFailure
with a Chinese message.
"""
from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

from ..messages import os_error
from .quiet import library_noise
from .result import ImportFailure, ImportResult, TableImport

__all__ = ["ImportFailure", "ImportResult", "TableImport", "import_report", "import_to_file", "import_bytes", "detect",
           "decode"]

MEDIA_BY_SUFFIX = {".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".mhtml": "mhtml",
                   ".mht": "mhtml", ".pdf": "pdf",
                   ".docx": "docx", ".txt": "text", ".text": "text", ".md": "text"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)


def detect(name: str, raw: bytes) -> str:
    """The medium of a source, from its bytes first and its name second."""
    head = raw[:2048].lstrip()
    if raw.startswith(b"%PDF-"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as z:
                if "word/document.xml" in z.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise ImportFailure(f"{name}：是压缩文件，但不是 Word（.docx）文档，无法导入")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportFailure(f"{name}：是旧版 Word（.doc）或 Excel 文件，请先另存为 .docx 或 PDF 再导入")
    lowered = head[:1024].lower()
    if b"multipart/related" in lowered and (b"mime-version" in lowered or b"snapshot-content-location" in lowered):
        return "mhtml"  # a page saved by a browser as one file (.mhtml/.mht)
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in lowered or b"<body" in lowered:
        return "html"
    suffix = Path(name).suffix.lower()
    if suffix in MEDIA_BY_SUFFIX and MEDIA_BY_SUFFIX[suffix] not in ("pdf", "docx"):
        return MEDIA_BY_SUFFIX[suffix]
    if b"\x00" in raw[:4096]:
        raise ImportFailure(f"{name}：看起来是二进制文件（不是网页、文字、PDF 或 Word），无法导入")
    return "text"


def decode(name: str, raw: bytes, medium: str) -> str:
    """UTF-8 (with or without BOM), else the page's declared charset, else GB18030 (a
    superset of GBK and GB2312)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailure(f"{name}：文件以 UTF-16 标记开头，但内容无法按 UTF-16 读取") from None
    declared = None
    if medium == "html":
        m = _META_CHARSET.search(raw[:4096])
        declared = m.group(1).decode("ascii").lower() if m else None
    candidates = ["utf-8"]
    if declared and declared not in ("utf-8", "utf8"):
        candidates.insert(0, "gb18030" if declared in ("gbk", "gb2312", "gb18030", "x-gbk") else declared)
    candidates.append("gb18030")
    for enc in candidates:
        try:
            return raw.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
    raise ImportFailure(f"{name}：无法识别文字编码（既不是 UTF-8，也不是 GBK/GB18030）")


def import_bytes(name: str, raw: bytes, *, path: str | None = None, output: str | None = None) -> ImportResult:
    """Import a source given as bytes. `path` is needed for PDF and Word (read from disk);
    `output` is where the draft will be written (for its `$schema` comment)."""
    from .recognise import recognise

    if not raw.strip():
        raise ImportFailure(f"{name}：文件是空的")
    medium = detect(name, raw)
    with library_noise() as noise:
        extracted = _extract(name, raw, medium, path)
    if not any(True for _ in extracted.blocks):
        hint = "（PDF 可能只有扫描图像，没有文字层）" if medium == "pdf" else ""
        raise ImportFailure(f"{name}：没有读到任何文字{hint}，无法导入")
    from .finish import finish
    try:
        result = finish(recognise(extracted, name), output)
    except Exception as exc:  # a bug must still reach the user as a sentence, not a traceback
        raise ImportFailure(f"{name}：导入时出现内部错误（错误类型 {type(exc).__name__}），"
                            "请把原文件附在问题报告里") from exc
    said = noise.summary(medium)
    if said:
        result.warnings.append(said)
    return result


def _extract(name: str, raw: bytes, medium: str, path: str | None):
    """The neutral blocks of one source, by its medium."""
    try:
        if medium == "pdf":
            from .pdf import extract_pdf
            return _from_file(extract_pdf, path, raw, ".pdf")
        if medium == "docx":
            from .docx import extract_docx
            return _from_file(extract_docx, path, raw, ".docx")
        if medium == "html":
            from .html import extract_html
            return extract_html(decode(name, raw, medium))
        if medium == "mhtml":
            from .html import extract_html
            page, url = _mhtml_page(name, raw)
            extracted = extract_html(page)
            if url and "url" not in extracted.meta:
                extracted.meta["url"] = url
            return extracted
        from .text import extract_text
        return extract_text(decode(name, raw, medium))
    except ImportFailure:
        raise
    except ImportError as exc:
        raise ImportFailure(f"{name}：导入{medium.upper()}需要可选依赖（{exc.name}），请运行 pip install 'nianbao[import]'") from exc
    except Exception as exc:  # a broken PDF/Word/HTML file: say so in Chinese, never a traceback
        # The library's own (English) message stays out; its type names the failure for a bug report.
        raise ImportFailure(f"{name}：文件损坏或无法解析（错误类型 {type(exc).__name__}）") from exc


def _mhtml_page(name: str, raw: bytes) -> tuple[str, str | None]:
    """The HTML part of a page saved as MHTML, decoded, and the address it was saved from."""
    import email
    import email.policy

    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    url = msg.get("Snapshot-Content-Location") or None
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            body = part.get_payload(decode=True) or b""
            charset = part.get_content_charset()
            url = url or part.get("Content-Location")
            try:
                text = body.decode(charset) if charset else decode(name, body, "html")
            except (LookupError, UnicodeDecodeError):
                text = decode(name, body, "html")
            return text, url if url and url.startswith(("http://", "https://")) else None
    raise ImportFailure(f"{name}：是 MHTML 网页存档，但其中没有网页（text/html）部分，无法导入")


def _from_file(extract, path: str | None, raw: bytes, suffix: str):
    """PDF and Word readers open a file: the given one, or a temporary copy of the bytes,
    removed once read."""
    if path:
        return extract(path)
    with tempfile.TemporaryDirectory(prefix="nianbao-import-") as tmp:
        spilled = Path(tmp) / f"source{suffix}"
        spilled.write_bytes(raw)
        return extract(str(spilled))


def import_report(source: str | Path, output: str | None = None) -> ImportResult:
    """Import one published report from a file."""
    path = Path(source)
    name = str(source)
    if not path.exists():
        raise ImportFailure(f"{name}：文件不存在")
    if path.is_dir():
        raise ImportFailure(f"{name}：是目录，请给出一个文件")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportFailure(f"{name}：无法读取（{os_error(exc)}）") from exc
    return import_bytes(name, raw, path=str(path), output=output)


def import_to_file(source: str | Path, output: str | Path, *, force: bool = False) -> ImportResult:
    """Import `source` and write the draft to `output`; refuse to overwrite unless `force`."""
    out = Path(output)
    if out.exists() and not force:
        raise ImportFailure(f"{out} 已存在；如要覆盖，请加 --force。")
    result = import_report(source, output=str(output))
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(result.yaml, encoding="utf-8")
    except OSError as exc:
        raise ImportFailure(f"无法写入 {out}（{os_error(exc)}）") from exc
    return result
