"""The `nianbao` command line. It parses arguments, calls one library function and
formats the result; all work happens in the library."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import output

CONTENT = "content"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="nianbao")
def main() -> None:
    """年报（Nianbao）：政府信息公开工作年度报告的开放数据工具。"""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--root", default=CONTENT, show_default=True, type=click.Path(file_okay=False),
              help="内容目录（报告编号由相对于它的路径得出）。")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default=None,
              help="输出格式；在 GitHub Actions 中默认 github（行内注释）。")
@click.option("--summary", type=click.Path(dir_okay=False), default=None,
              help="另写一份中文 Markdown 汇总表（如 $GITHUB_STEP_SUMMARY）。")
@click.option("--jobs", type=int, default=None, help="并行进程数（默认按文件数自动选择）。")
def validate(paths: tuple[str, ...], root: str, fmt: str | None, summary: str | None, jobs: int | None) -> None:
    """核对年报：格式（JSON Schema）、表内勾稽关系、跨年度规则。

    PATHS 可以是文件或目录，默认整个内容目录。有错误时退出码为 1。
    """
    from .validate import validate as run

    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    result = run(list(paths), root, jobs=jobs)
    if fmt == "json":
        click.echo(output.as_json(result.findings, result.files))
    else:
        line = output.github_annotation if fmt == "github" else output.text_line
        for f in result.findings:
            click.echo(line(f))
        click.echo(output.summary_line(result.findings, result.files), err=fmt == "github")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(output.markdown_summary(result.findings, result.files))
    sys.exit(0 if result.ok else 1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text")
def rules(fmt: str) -> None:
    """列出全部核对规则：编号、级别、名称、公式。"""
    from .docs import rules_json, rules_markdown, rules_text

    click.echo({"text": rules_text, "markdown": rules_markdown, "json": rules_json}[fmt]())


@main.command()
@click.option("--out", default="schemas", show_default=True, type=click.Path(file_okay=False))
@click.option("--check", is_flag=True, help="只检查已提交的文件是否与格式定义一致。")
def schemas(out: str, check: bool) -> None:
    """由格式定义生成 JSON Schema 文件。"""
    from .validate.schema import write_schemas

    stale = write_schemas(Path(out), check=check)
    for name in stale:
        click.echo(f"{'过期' if check else '已写入'}：{Path(out) / name}")
    sys.exit(1 if check and stale else 0)


if __name__ == "__main__":  # pragma: no cover
    main()
