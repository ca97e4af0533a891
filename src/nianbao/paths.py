"""Where things live in `content/`, and the ids derived from paths.

    content/<省级代码2位>/<行政区划代码6位>/<机构简称>/agency.yaml     an agency
    content/<省级代码2位>/<行政区划代码6位>/<机构简称>/<年度>.yaml     its report for that year

Ids are never typed: agency id = "<division>-<slug>", report id = "<agency id>-<year>".
Splitting by province keeps every folder under GitHub's 1,000-entry listing limit.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
DIVISION = re.compile(r"[1-8][0-9]{5}")
YEAR_FILE = re.compile(r"(19|20)[0-9]{2}")
AGENCY_FILE = "agency.yaml"
MAX_SLUG = 40


def is_slug(text: str) -> bool:
    """An agency folder name: lower-case ASCII words joined by hyphens, at most MAX_SLUG long."""
    return len(text) <= MAX_SLUG and SLUG.fullmatch(text) is not None


@dataclass(frozen=True)
class Location:
    kind: str  # "report" | "agency"
    province: str
    division: str
    slug: str
    year: int | None

    @property
    def agency_id(self) -> str:
        return f"{self.division}-{self.slug}"

    @property
    def report_id(self) -> str:
        return f"{self.agency_id}-{self.year}"

    @property
    def id(self) -> str:
        return self.report_id if self.kind == "report" else self.agency_id


def printable(text: str) -> str:
    """A file name as it may be shown: undecodable bytes (surrogate escapes), control, bidi and
    other invisible characters become escapes, so that a hostile name cannot break the
    output (a newline forging a line of CI log) or an encoder (surrogates)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        cp = ord(ch)
        if ch.isprintable():
            out.append(ch)
        elif 0xDC80 <= cp <= 0xDCFF:  # os.fsdecode's escape of a byte that is not UTF-8
            out.append(f"\\x{cp - 0xDC00:02x}")
        else:
            out.append(f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}")
    return "".join(out)


class PathProblem(ValueError):
    """The path does not follow the content layout; the message is Chinese."""

    def __init__(self, message: str):
        super().__init__(printable(message))


def link_problem(path: str | Path, root: str | Path) -> str | None:
    """Why a symlink at or above `path` (below `root`) is refused, or None.

    content/ is a git tree and git stores symlinks: one pointing outside could make a build
    read and publish any file of the machine (~/.ssh/id_rsa, /dev/zero); one pointing inside
    gives one report two places and two ids. Neither has a use, so every link is refused.
    """
    abs_path, abs_root = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    try:
        parts = abs_path.relative_to(abs_root).parts
    except ValueError:  # not lexically under root: only the file itself can be checked here
        parts, abs_root = (abs_path.name,), abs_path.parent
    here = abs_root
    for part in parts:
        here = here / part
        if not here.is_symlink():
            continue
        shown = here.relative_to(abs_root.parent).as_posix() if here.is_relative_to(abs_root.parent) else here.name
        target = here.resolve()
        real_root = Path(root).resolve()
        if not target.exists():
            where = "指向不存在的文件"
        elif target == real_root or target.is_relative_to(real_root):
            where = f"指向内容目录里的 {target.relative_to(real_root).as_posix()}；同一份内容会因此有两个位置和两个编号"
        else:
            where = "指向内容目录之外；它可能让构建读取并发布本机上的任意文件"
        return f"“{shown}”是符号链接，{where}。内容目录里不允许符号链接，请放入真实的文件或目录。"
    return None


def locate(path: str | Path, root: str | Path) -> Location:
    """Parse a file's place under `root` into ids, or raise PathProblem (symlinks included)."""
    link = link_problem(path, root)
    if link:
        raise PathProblem(link)
    try:
        rel = PurePosixPath(Path(path).resolve().relative_to(Path(root).resolve()).as_posix())
    except ValueError:
        raise PathProblem(f"文件不在内容目录 {root} 之下") from None
    parts = rel.parts
    expected = "content/<省级代码>/<行政区划代码>/<机构简称>/<年度>.yaml"
    if len(parts) != 4:
        raise PathProblem(f"文件位置应为 {expected}，而这里是 {rel}")
    province, division, slug, name = parts
    if not DIVISION.fullmatch(division):
        raise PathProblem(f"“{division}”不是 6 位行政区划代码（GB/T 2260）。位置应为 {expected}")
    if province != division[:2]:
        raise PathProblem(f"省级目录“{province}”与行政区划代码“{division}”的前两位不一致")
    if not is_slug(slug):
        raise PathProblem(
            f"机构目录名“{slug}”只能由小写英文字母、数字和连字符组成（不超过 {MAX_SLUG} 个字符），如 xzfb 或 fgw")
    if name == AGENCY_FILE:
        return Location("agency", province, division, slug, None)
    stem, dot, ext = name.rpartition(".")
    if ext != "yaml" or not dot:
        raise PathProblem(f"文件名应为 <年度>.yaml 或 agency.yaml，而不是“{name}”（扩展名请用 .yaml）")
    if not YEAR_FILE.fullmatch(stem):
        raise PathProblem(f"年报文件名应为四位年度，如 2024.yaml，而不是“{name}”")
    return Location("report", province, division, slug, int(stem))


def report_path(root: str | Path, division: str, slug: str, year: int) -> Path:
    return Path(root) / division[:2] / division / slug / f"{year}.yaml"


def agency_path(root: str | Path, division: str, slug: str) -> Path:
    return Path(root) / division[:2] / division / slug / AGENCY_FILE
