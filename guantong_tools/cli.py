"""Command line.

- `guantong check FILE|-`: the result of an answers file as JSON (shared/spec/answers.md).
- `guantong validate`: every problem in the policy data, with file, line and key.
- `guantong batch IN [-o OUT] [--deadline D] | --template OUT.xlsx`: a spreadsheet of people (batch.md).
- `guantong diff [BEFORE [AFTER]]`: what a policy data edit changes for people (BEFORE: the built site's
  data, else the committed data).
- `guantong build [--accept-changes]` / `guantong rollback` / `guantong serve`: staff publishing (these
  need the site's packages: mkdocs etc.).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from guantong.answers import MAX_BYTES, AnswersError, InputError, loads
from guantong.engine import evaluate
from guantong.workdays import POSTING_WORKDAYS

ROOT = Path(__file__).resolve().parents[1]  # the checkout: mkdocs.yml, docs/, wizard/


_OS_ERRORS = {
    "FileNotFoundError": "找不到这个文件",
    "PermissionError": "没有读取这个文件的权限",
    "IsADirectoryError": "这是一个文件夹，不是文件",
}


def _read(source: str) -> bytes:
    """The file's (or standard input's) bytes, at most one byte over the limit (answers.MAX_BYTES)."""
    if source == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    with open(source, "rb") as f:
        return f.read(MAX_BYTES + 1)


def check(source: str) -> int:
    """Exit 0 with the result whatever the outcome; 2 with one Chinese line for invalid input."""
    where = "标准输入" if source == "-" else f"答案文件 {source}"
    try:
        data = _read(source)
    except OSError as exc:
        problem = _OS_ERRORS.get(type(exc).__name__, f"系统错误 {exc.errno}" if exc.errno else "无法读取")
        print(f"无法读取{where}：{problem}", file=sys.stderr)
        return 2
    try:
        result = evaluate(loads(data))
    except InputError as exc:
        print(f"{where}：{exc}", file=sys.stderr)
        return 2
    except AnswersError as exc:
        print(str(exc).replace("\n", " "), file=sys.stderr)
        return 2
    try:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: not an error of the answers
        sys.stderr.close()
    return 0


def validate(policy: str | None) -> int:
    """Print every problem in the policy data; exit 1 if there is any."""
    from guantong.policy import default_path
    from .validate import validate_all

    path = policy or default_path()
    problems = validate_all(path)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"政策数据有 {len(problems)} 处问题，请逐条改正后再检查。", file=sys.stderr)
        return 1
    print(f"政策数据检查通过：{path}")
    return 0


def _site_env(policy: str | None) -> dict:
    import os

    env = dict(os.environ)
    if policy:
        env["GUANTONG_POLICY"] = str(Path(policy).resolve())
    return env


def build(out: str, policy: str | None, accept_changes: bool = False) -> int:
    """Validate, build the whole site into a fresh directory, and only then replace `out`: a failed build
    leaves the last good site in place. An edit that turns anyone's 符合 into 不符合 or 待定 against the
    data of the site being replaced is not published without `accept_changes`; the site replaced is kept
    beside it (`site.previous/`) for `guantong rollback`."""
    import shutil
    import subprocess
    import tempfile

    if validate(policy):
        print(f"未构建：请先改正上面的问题。{out} 中上次成功构建的网站保持不变。", file=sys.stderr)
        return 1
    target = Path(out).resolve()
    if not _changes_for_people(policy, target) and not accept_changes:
        print(
            f"未发布：这次修改会使上面这些人由“符合”变为“不符合”或“待定”。{out} 中的网站保持不变。\n"
            "请先看完整报告、弄清原因；确认无误（例如按新文件本应如此）并经审核签字后，"
            "加 --accept-changes 再运行一次：guantong build --accept-changes",
            file=sys.stderr,
        )
        return 1
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=".site-build-", dir=target.parent))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(fresh)],
        cwd=ROOT,
        env=_site_env(policy),
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        print(proc.stderr.strip()[-4000:], file=sys.stderr)
        print(f"网站构建失败（见上方信息）。{out} 中上次成功构建的网站保持不变。", file=sys.stderr)
        return 1
    _keep_data(policy, fresh, target)
    previous = _previous(target)
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    fresh.rename(target)
    print(f"网站已构建到 {target}，可将整个目录发布到任何静态网站服务器。")
    if previous.exists():
        again = "guantong rollback" + ("" if target == (ROOT / "site").resolve() else f" --out {out}")
        print(f"上一版网站保留在 {previous}；要换回上一版，运行 {again}")
    return 0


PUBLISHED = Path("_published") / "policy.toml"  # inside the built site: the data it was built from


def _previous(target: Path) -> Path:
    """Where the site a build replaces is kept: site/ → site.previous/."""
    return target.with_name(f"{target.name}.previous")


def _changes_for_people(policy: str | None, target: Path) -> bool:
    """When the data differs from what the site being replaced was built from, say what the edit changes
    for people (guantong diff). False when anyone's 符合 turns into 不符合 or 待定: the build then stops
    unless the change is accepted."""
    from guantong.policy import default_path

    source = Path(policy) if policy else default_path()
    previous = target / PUBLISHED
    if not previous.is_file() or previous.read_bytes() == source.read_bytes():
        return True
    from .diff import PATHWAY_ZH, STATUS_ZH, run, summary_line, worsened

    report, _ = run(previous, source)
    print(summary_line(report))
    for g in report.groups:
        if g.kind == "status":
            change = f"{STATUS_ZH[g.from_status]} → {STATUS_ZH[g.to_status]}"
        elif g.kind == "date":
            change = f"仍为{STATUS_ZH[g.to_status]}，符合日期改变"
        else:
            continue
        print(f"  {PATHWAY_ZH[g.pathway]}　{report.level_names.get(g.level, g.level)}：{change}，{g.count} 份")
    print(f"详细报告：guantong diff {previous} {source}（加 --html 报告.html 另存可打印、签字的报告）")
    return not worsened(report)


def _keep_data(policy: str | None, fresh: Path, target: Path) -> None:
    """The policy data inside the new site, and the data of the site it replaces beside it (for the full
    report after the swap)."""
    import shutil

    from guantong.policy import default_path

    (fresh / PUBLISHED).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(policy) if policy else default_path(), fresh / PUBLISHED)
    previous = target / PUBLISHED
    if previous.is_file():
        shutil.copyfile(previous, fresh / PUBLISHED.with_name("previous.toml"))


def _published_before() -> str | None:
    """The data an edit is compared with by default: what site/ was built from, else (a fresh checkout, no
    site built yet) the data as last committed."""
    import subprocess
    import tempfile

    published = ROOT / "site" / PUBLISHED
    if published.is_file():
        print(f"修改前的数据：网站所用的 {published}", file=sys.stderr)
        return str(published)
    try:
        proc = subprocess.run(["git", "show", "HEAD:guantong/data/policy.toml"], cwd=ROOT, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    kept = Path(tempfile.mkdtemp(prefix="guantong-diff-")) / "提交的policy.toml"
    kept.write_bytes(proc.stdout)
    print("修改前的数据：最近一次提交的 guantong/data/policy.toml（site/ 中还没有构建过的网站）", file=sys.stderr)
    return str(kept)


def rollback(out: str) -> int:
    """Put the site the last build replaced back (and keep the one taken down in its place, so a second
    rollback undoes the first)."""
    target = Path(out).resolve()
    previous = _previous(target)
    if not previous.is_dir():
        print(f"没有可换回的上一版网站（{previous} 不存在）：只有构建过两次以上才会保留上一版。", file=sys.stderr)
        return 1
    swap = target.with_name(f".{target.name}-rollback")
    if target.exists():
        target.rename(swap)
    previous.rename(target)
    if swap.exists():
        swap.rename(previous)
    print(f"已换回上一版网站：{target}（刚才撤下的一版保留在 {previous}，再运行一次 guantong rollback 可换回来）。")
    return 0


def serve(addr: str, policy: str | None) -> int:
    """Local preview with live reload; edits to the policy data rebuild the pages."""
    import subprocess

    if validate(policy):
        print("请先改正上面的问题，再预览。", file=sys.stderr)
        return 1
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", addr], cwd=ROOT, env=_site_env(policy))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="guantong", description="黄人社发〔2021〕12号 贯通申报条件自测与政策数据维护")
    sub = parser.add_subparsers(dest="command", required=True)
    p_check = sub.add_parser("check", help="按答案（JSON 文件，或 - 表示标准输入）给出申报结论")
    p_check.add_argument("file")
    p_validate = sub.add_parser("validate", help="检查政策数据，列出所有问题")
    p_validate.add_argument("--policy", help="政策数据文件（默认 guantong/data/policy.toml 或 $GUANTONG_POLICY）")
    p_build = sub.add_parser("build", help="检查政策数据并构建整个网站（含自测工具）；失败时保留上次成功的网站")
    p_build.add_argument("--out", default=str(ROOT / "site"), help="输出目录（默认 site/）")
    p_build.add_argument("--policy", help="政策数据文件")
    p_build.add_argument("--accept-changes", action="store_true", help="修改会使有人由“符合”变为“不符合”或“待定”时，经审核确认后仍然发布")
    p_rollback = sub.add_parser("rollback", help="换回上一次构建之前的网站（site.previous/）")
    p_rollback.add_argument("--out", default=str(ROOT / "site"), help="网站目录（默认 site/）")
    p_diff = sub.add_parser("diff", help="比较两份政策数据：列出修改之处，以及哪些申请人的结论因此改变")
    p_diff.add_argument("before", nargs="?", help="修改前的政策数据文件（默认：site/ 中网站所用的数据；没有构建过时为最近一次提交的数据）")
    p_diff.add_argument("after", nargs="?", help="修改后的政策数据文件（默认：构建所用的数据）")
    p_diff.add_argument("--json", action="store_true", help="以 JSON 输出")
    p_diff.add_argument("--html", metavar="FILE", help="另存一份可打印、可签字的 HTML 报告")
    p_diff.add_argument("--today", help="按哪一天计算（YYYY-MM-DD，默认今天）")
    p_diff.add_argument("--people", metavar="FILE", help="另加一份名单（xlsx、xls、ods、csv 或 txt，格式同单位批量自测）中的人")
    p_batch = sub.add_parser(
        "batch", help="单位批量自测：读取 xlsx、xls（WPS 的 et）、ods、csv 或 txt 名单，每行给出结论（shared/spec/batch.md）"
    )
    p_batch.add_argument("file", nargs="?", help="名单文件（.xlsx、.xls、.et、.ods、.csv 或 .txt）")
    p_batch.add_argument("-o", "--out", help="结果文件（.xlsx 或 .csv；不写则以 CSV 输出到标准输出；xls、et、ods 名单的结果可写为 .xlsx）")
    p_batch.add_argument("--deadline", help="“受理截止日期”为空的行所用的截止时间（YYYY-MM-DD）")
    p_batch.add_argument("--template", metavar="OUT.xlsx", help="写出空白模板")
    p_batch.add_argument("--notice", metavar="OUT.html", help="另存推荐公示草稿（可打印，2.5.1.3）")
    p_batch.add_argument("--employer", help="推荐公示上的单位名称")
    p_batch.add_argument("--posting-start", help=f"公示第一天（YYYY-MM-DD）；最后一天按{POSTING_WORKDAYS}个工作日计算")
    p_serve = sub.add_parser("serve", help="本地预览网站，修改后自动刷新")
    p_serve.add_argument("--addr", default="127.0.0.1:8000")
    p_serve.add_argument("--policy", help="政策数据文件")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check(args.file)
    if args.command == "validate":
        return validate(args.policy)
    if args.command == "build":
        return build(args.out, args.policy, args.accept_changes)
    if args.command == "rollback":
        return rollback(args.out)
    if args.command == "batch":
        from .batch import main as batch_main

        return batch_main(args.file, args.out, args.deadline, args.template, args.notice, args.employer, args.posting_start)
    if args.command == "diff":
        from .diff import main as diff_main

        before = args.before or _published_before()
        if before is None:
            print(
                "没有可比较的修改前数据：site/ 中还没有构建过的网站，也找不到最近一次提交的数据。请写明修改前的文件：guantong diff 修改前.toml",
                file=sys.stderr,
            )
            return 2
        return diff_main(before, args.after, args.json, args.html, args.today, args.people)
    if args.command == "serve":
        return serve(args.addr, args.policy)
    return 2
