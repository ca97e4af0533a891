"""The `nianbao` command line. It parses arguments, calls one library function and
formats the result; all work happens in the library."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import output
from .formats import FORMATS, local_format
from .formats.base import LOCAL
from .vocabulary import KINDS, LEVELS

CONTENT = "content"
# Which format a year gets by default, from the definitions (the local form has no years of its own).
FORMAT_YEARS = "，".join(f"{f.years[0]} 年起 {code}" if f.years[1] >= 9999 else f"{f.years[0]}–{f.years[1]} 年 {code}"
                         for code, f in FORMATS.items() if f.family != LOCAL)
# What each optional part needs (pyproject.toml extras), by the modules it imports.
EXTRAS = {
    "site": ("mkdocs", "material", "pagefind", "frictionless", "csvkit", "openpyxl"),
    "import": ("bs4", "lxml", "pdfplumber", "docx"),
}


def _require(extra: str) -> None:
    """Stop with a Chinese sentence, before any work, when an extra is not installed (the
    base install, e.g. the pre-commit hook's, has only what `validate` needs)."""
    import importlib.util

    missing = [m for m in EXTRAS[extra] if importlib.util.find_spec(m) is None]
    if missing:
        click.echo(f"错误：这个命令需要可选依赖 nianbao[{extra}]（缺少 {'、'.join(missing)}）。"
                   f"请运行 pip install 'nianbao[{extra}]'；在本仓库中 make site 会自动安装全部依赖。", err=True)
        sys.exit(2)


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
    if any(f.rule == "PATH-03" for f in result.findings):
        sys.exit(2)  # a path that does not exist is a usage error, like a bad option
    sys.exit(0 if result.ok else 1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text",
              help="输出格式：text（终端）、markdown（网页表格）、json（机器读取）。")
def rules(fmt: str) -> None:
    """列出全部核对规则：编号、级别、名称、公式。"""
    from .docs import rules_json, rules_markdown, rules_text

    click.echo({"text": rules_text, "markdown": rules_markdown, "json": rules_json}[fmt]())


@main.command()
@click.option("--out", default="schemas", show_default=True, type=click.Path(file_okay=False),
              help="写入 JSON Schema 的目录。")
@click.option("--docs", "docs_file", default="docs/yaml.md", show_default=True, type=click.Path(dir_okay=False),
              help="录入说明中由格式定义生成的部分（格式、表、行的列表）所在的文件；不存在时跳过。")
@click.option("--check", is_flag=True, help="只检查已提交的文件是否与格式定义一致。")
def schemas(out: str, docs_file: str, check: bool) -> None:
    """由格式定义生成 JSON Schema 文件，并更新录入说明中的格式、表、行列表。"""
    from .render.format_docs import write_format_docs
    from .validate.schema import write_schemas

    stale = [str(Path(out) / name) for name in write_schemas(Path(out), check=check)]
    if write_format_docs(Path(docs_file), check=check):
        stale.append(docs_file)
    for name in stale:
        click.echo(f"{'过期' if check else '已写入'}：{name}")
    sys.exit(1 if check and stale else 0)


@main.command("new")
@click.option("--agency", "agency_id", required=True, help="机构编号，如 510727-zfb（<行政区划代码>-<目录名>）。")
@click.option("--year", type=int, required=True, help="报告年度，如 2024。")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default=None,
              help=f"报告格式；默认按年度选择（{FORMAT_YEARS}，其他年度 {local_format().code}）。")
@click.option("--root", default=CONTENT, show_default=True, type=click.Path(file_okay=False), help="内容目录。")
def new(agency_id: str, year: int, fmt: str | None, root: str) -> None:
    """生成一份空白年报模板：每张表每一行都在，单元格为 ~，注释里是原表的行名。"""
    from .scaffold import ScaffoldError, new_report

    try:
        path = new_report(root, agency_id, year, fmt)
    except ScaffoldError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(1)
    click.echo(f"已生成 {path}。请对照原文逐行填写，然后运行 nianbao validate {path}")


@main.command("new-agency")
@click.option("--division", required=True, help="6 位行政区划代码，如 510727。")
@click.option("--slug", required=True, help="机构目录名：小写字母、数字、连字符，如 zfb、fgw。")
@click.option("--name", required=True, help="机构全称，如 平武县人民政府办公室。")
@click.option("--level", required=True, type=click.Choice(LEVELS),
              help="机构所属政府的层级。")
@click.option("--kind", required=True, type=click.Choice(KINDS),
              help="机构类别：人民政府的年报是本级政府的总体报告；政府部门（含办公室）报告本部门工作。")
@click.option("--parent", default=None, help="上级机构编号，如 510727-zf。")
@click.option("--website", default=None, help="机构网站，如 http://www.pingwu.gov.cn。")
@click.option("--root", default=CONTENT, show_default=True, type=click.Path(file_okay=False), help="内容目录。")
def new_agency(division: str, slug: str, name: str, level: str, kind: str, parent: str | None,
               website: str | None, root: str) -> None:
    """登记一个机构：写出 content/<省>/<区划代码>/<目录名>/agency.yaml。"""
    from .scaffold import ScaffoldError, new_agency as write_agency

    try:
        path = write_agency(root, division, slug, name, level, kind, parent, website)
    except ScaffoldError as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(1)
    click.echo(f"已登记 {path}")


@main.command("build")
@click.option("--root", default=CONTENT, show_default=True, type=click.Path(file_okay=False),
              help="内容目录。")
@click.option("--site", "site_dir", default=None, type=click.Path(file_okay=False),
              help="输出目录（默认取 mkdocs.yml 的 site_dir，即 site/）。")
@click.option("--config", default="mkdocs.yml", show_default=True, type=click.Path(dir_okay=False),
              help="网站配置。")
@click.option("--work", default="build", show_default=True, type=click.Path(file_okay=False),
              help="中间文件目录（生成的 Markdown 在其中的 docs/）。")
@click.option("--no-search", is_flag=True, help="不生成搜索索引（更快，用于调试）。")
def build(root: str, site_dir: str | None, config: str, work: str, no_search: bool) -> None:
    """核对全部内容并生成公开网站：Markdown → mkdocs → 搜索索引 → site/。

    构建在临时目录中进行，全部成功后才替换 site/；失败时原有网站保持不变。
    """
    _require("site")
    from .site import BuildError, build_site

    try:
        res = build_site(root, site_dir, config=config, work=work, search=not no_search, cli_group=main)
    except BuildError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    s = res.stats
    steps = "，".join(f"{k} {v:.1f} 秒" for k, v in res.timings.items())
    click.echo(f"已生成网站 {res.site}：报告 {s.reports} 份，机构 {s.agencies} 个，地区 {s.regions} 个，"
               f"页面 {s.pages} 个（{steps}）。")


@main.command("gen-corpus")
@click.argument("n", type=click.IntRange(min=1))
@click.argument("out", type=click.Path(file_okay=False))
@click.option("--seed", default=0, show_default=True, help="随机种子；同一种子生成完全相同的文件。")
@click.option("--error-rate", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="注入单元格错误的报告比例（0–1）。")
@click.option("--copy-rate", default=0.0, show_default=True, type=click.FloatRange(0, 1),
              help="正文抄袭（雷同）上一年度或同年其他机构报告的报告比例（0–1）。")
def gen_corpus(n: int, out: str, seed: int, error_rate: float, copy_rate: float) -> None:
    """生成 N 份合成年报（各种格式、多个机构、连续年度），用于性能测试。"""
    from .generate import COPIES_MANIFEST, MANIFEST, generate_corpus

    g = generate_corpus(n, out, seed=seed, error_rate=error_rate, copy_rate=copy_rate)
    kinds = "，".join(f"{k} {v} 份" for k, v in sorted(g.formats.items()))
    copies = f"；注入雷同 {len(g.copies)} 份，见 {Path(out) / COPIES_MANIFEST}" if copy_rate else ""
    click.echo(f"已在 {out} 生成 {g.reports} 份报告、{g.agencies} 个机构（{kinds}）；"
               f"注入错误 {len(g.errors)} 处，见 {Path(out) / MANIFEST}{copies}。")


@main.command("package")
@click.option("--root", default=CONTENT, show_default=True, type=click.Path(file_okay=False),
              help="内容目录。")
@click.option("--out", default="build/data", show_default=True, type=click.Path(file_okay=False),
              help="数据包输出目录。")
@click.option("--jobs", type=int, default=None, help="核对时的并行进程数（默认按文件数自动选择）。")
def package(root: str, out: str, jobs: int | None) -> None:
    """核对全部年报并生成开放数据包（Frictionless 数据包、SQLite、电子表格、逐份下载）。"""
    _require("site")
    from .publish import package_content

    info = package_content(root, out, jobs=jobs)
    for reason in info.skipped:
        click.echo(f"跳过：{reason}", err=True)
    size = info.total_bytes / 1024 / 1024
    click.echo(f"已在 {out} 生成数据包：报告 {info.reports} 份，机构 {info.agencies} 个，"
               f"核对结果 {info.findings} 条，资源 {len(info.resources)} 个，共 {size:.1f} MB。")
    if info.blocking:
        click.echo(f"注意：内容中有 {info.blocking} 项未确认的错误（已收入 findings），请运行 nianbao validate 查看。",
                   err=True)


@main.command("import")
@click.argument("source", type=click.Path())
@click.option("-o", "--output", "out", default=None, type=click.Path(dir_okay=False),
              help="草稿写到此文件（默认输出到标准输出，导入报告输出到标准错误）。")
@click.option("--force", is_flag=True, help="覆盖已存在的输出文件。")
def import_cmd(source: str, out: str | None, force: bool) -> None:
    """把已发布的年报（网页、复制的网页文字、PDF、Word）转成 YAML 草稿，并报告导入情况。

    不会编造数字：无法确定的单元格留空（~）并在报告中说明。写出草稿时退出码为 0。
    """
    _require("import")
    from .importers import ImportFailure, import_report, import_to_file
    from .importers.summary import summary_text

    try:
        result = import_to_file(source, out, force=force) if out else import_report(source)
    except ImportFailure as exc:
        click.echo(f"错误：{exc}", err=True)
        sys.exit(2)
    if not out:
        click.echo(result.yaml, nl=False)
    click.echo(summary_text(result, out), err=not out)


if __name__ == "__main__":  # pragma: no cover
    main()
