"""What PDF, Word and HTML libraries log or warn while they read a file, kept from the
terminal and summed up in Chinese for the import report.

pdfminer logs a warning per damaged font (`Could not get FontBBox …`), 30 lines and more for
a page printed from a browser; with no logging set up, Python prints each on stderr. They
rarely matter for the text, but a contributor should hear of them once, in their language.
"""
from __future__ import annotations

import logging
import warnings
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

# Loggers of the readers we call (their children log under these names).
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "docx", "bs4", "lxml", "PIL")

# The library's message (its start) -> what it means, in Chinese.
KNOWN = (
    ("Could not get FontBBox", "字体信息不完整"),
    ("Could not get FontDescriptor", "字体信息不完整"),
    ("Cannot set gray", "颜色设置有误"),
    ("Cannot set RGB", "颜色设置有误"),
    ("CropBox missing", "缺少页面裁切框"),
    ("Ignoring (part of) ToUnicode", "字符映射表有误"),
    ("The PDF", "文件结构有误"),
    ("Invalid", "文件结构有误"),
    ("MarkupResemblesLocator", "内容看起来像文件名或网址而不是网页"),
)


@dataclass
class LibraryNoise:
    """Counts of what the libraries said, by Chinese meaning."""

    kinds: dict[str, int] = field(default_factory=dict)

    def add(self, message: str) -> None:
        kind = next((zh for prefix, zh in KNOWN if message.startswith(prefix) or prefix in message[:80]),
                    "其他解析提示")
        self.kinds[kind] = self.kinds.get(kind, 0) + 1

    def summary(self, medium: str) -> str | None:
        """One line for the import report, or None when the libraries said nothing."""
        if not self.kinds:
            return None
        total = sum(self.kinds.values())
        parts = "、".join(f"{kind} {n} 处" for kind, n in sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"读取{medium.upper()}时解析程序报告了 {total} 处文件格式问题（{parts}），"
                "通常不影响文字；请对照原文核对草稿中的文字和数字。")


class _Collect(logging.Handler):
    def __init__(self, noise: LibraryNoise) -> None:
        super().__init__(logging.WARNING)
        self.noise = noise

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.noise.add(str(record.msg) % record.args if record.args else str(record.msg))
        except Exception:  # a malformed log call must not stop an import
            self.noise.add("")


@contextmanager
def library_noise() -> Iterator[LibraryNoise]:
    """Within this block, library log records (WARNING and up) and Python warnings are
    counted instead of printed."""
    noise = LibraryNoise()
    handler = _Collect(noise)
    loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    saved = [logger.propagate for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield noise
        for w in caught:
            noise.add(f"{type(w.message).__name__}: {w.message}")
    finally:
        for logger, propagate in zip(loggers, saved):
            logger.removeHandler(handler)
            logger.propagate = propagate
