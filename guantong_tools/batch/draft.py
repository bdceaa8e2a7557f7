"""The 推荐公示 draft (2.5.1.3): the employer's posting of the people it recommends, as printable HTML,
its period counted in working days."""

from __future__ import annotations

import datetime as _dt
import re

from guantong.policy import PATHWAYS, Policy, load_policy
from guantong.words import cn
from guantong.workdays import POSTING_WORKDAYS

from .reading import MAX_BYTES, BatchError
from .rows import Batch, Row, row_label

A, B = PATHWAYS


def too_large(size: int | str) -> str:
    """Also the page's words for a file it refuses before sending it to the engine: its script gets
    ``too_large("{size}")`` at build time and puts the file's size (MB, one decimal) in."""
    shown = size if isinstance(size, str) else f"{size / 1e6:.1f}"
    return f"文件过大（{shown} MB，上限 {MAX_BYTES // 1_000_000} MB）：请把名单分成几个文件"


def posting_period(start: _dt.date, policy: Policy | None = None) -> tuple[_dt.date, _dt.date]:
    """The first and last day of a 5-working-day posting that starts on `start` (CalendarGap for a year the
    holiday calendar does not cover, as the wizard says), by the calendar with the policy's added years."""
    from guantong.workdays import load_calendar, posting_end

    return start, posting_end(start, calendar=load_calendar(policy))


def notice_people(batch: Batch, picks: list | None = None) -> list[tuple[Row, str]]:
    """Who the draft lists, each with the level recommended: `picks` as [row index, level id] pairs (a
    level the row is eligible for), or by default every row eligible for a title (pathway A: 2.5.1.3 asks
    the employer to post its recommendations for 职称) at its highest level."""
    if picks is None:
        return [(r, r.result["highest"]) for r in batch.rows if r.result and r.result["direction"] == A and r.result["highest"]]
    people = []
    for pick in picks:
        try:
            index, level = int(pick[0]), str(pick[1])
            row = batch.rows[index]
        except (TypeError, ValueError, IndexError, KeyError):
            raise BatchError(f"推荐名单中有一项无法识别：{pick!r}") from None
        where = f"工作表“{row.sheet}”第 {row.number} 行"
        if index < 0 or not row.result or row.result["direction"] != A:
            raise BatchError(f"{where}不是申报职称的人选，不能列入推荐公示")
        status = row.result["levels"].get(level, {}).get("status")
        if status != "eligible":
            raise BatchError(f"{where}按现有信息不符合所选层级的申报条件，不能以该层级推荐")
        people.append((row, level))
    return people


def posting_sentence() -> str:
    """The notice's own sentence on the posting (2.5.1.3), quoted in the draft: from notice.toml, not retyped."""
    from guantong.clauses import load_notice

    text = load_notice().get("2.5.1.3").text
    return next(s for s in re.split(r"(?<=。)", text) if "公示" in s and "工作日" in s)


def notice_html(batch: Batch, employer: str, start: _dt.date, policy: Policy | None = None, picks: list | None = None) -> str:
    """A printable A4 draft of the employer's 推荐公示: the people recommended (`notice_people`), each with
    the level, the number recommended, the posting period counted in working days, where objections go,
    fields to fill in."""
    import html

    from guantong.clauses import cite
    from guantong.policy import phone

    policy = policy or load_policy()
    first, last = posting_period(start, policy)
    names = {lv["id"]: lv["name"] for lv in policy.a_levels}
    people = notice_people(batch, picks)
    e = html.escape
    rows = "".join(
        f"<tr><td>{i}</td><td>{e(row_label(r, '姓名'))}</td><td>{e(row_label(r, '编号'))}</td>"
        f"<td>{e(names[level])}</td><td>{e(str(r.answers.get('series', '') or ''))}</td></tr>"
        for i, (r, level) in enumerate(people, start=1)
    )
    office = policy.office("capacity")
    return f"""<!doctype html>
<html lang="zh-CN"><meta charset="utf-8"><title>{e(employer)}高技能人才申报专业技术职称推荐人选公示（草稿）</title>
<style>@page{{size:A4;margin:20mm 18mm}}body{{font:12pt/1.8 "Noto Serif CJK SC","SimSun",serif;max-width:174mm;margin:0 auto}}
h1{{font-size:18pt;text-align:center;margin:0 0 1em}}table{{border-collapse:collapse;width:100%;margin:.5em 0 1em}}
td,th{{border:1px solid #000;padding:2pt 6pt;text-align:center}}.blank{{display:inline-block;min-width:8em;border-bottom:1px solid #000}}
.sign{{text-align:right;margin-top:3em}}.basis{{font-size:9pt;color:#444;margin-top:2em}}.draft{{color:#a00;font-size:9pt}}</style>
<p class="draft">草稿：由“单位批量自测”生成，请核对名单、补全空白处后再公示。</p>
<h1>{e(employer)}<br>高技能人才申报专业技术职称推荐人选公示</h1>
<p>根据《关于进一步加强高技能人才与专业技术人才职业发展贯通的通知》（{e(policy.raw["data"]["notice"])}）和本单位推荐工作安排，\
经个人申报、单位考核，拟推荐以下 {len(people)} 名同志申报专业技术职称，现予公示。</p>
<table><thead><tr><th>序号</th><th>姓名</th><th>编号</th><th>拟申报层级</th><th>申报系列</th></tr></thead><tbody>{rows}</tbody></table>
<p>推荐人选数：{len(people)} 人。相关政策、推荐人选数、业绩材料、推荐程序和推荐结果已在本单位公开：<span class="blank"></span>（公开的地点或网址）。</p>
<p>公示期：{cn(first)}至{cn(last)}（不少于{POSTING_WORKDAYS}个工作日）。</p>
<p>公示期间，对公示人选有异议的，请以书面形式向本单位反映：联系部门<span class="blank"></span>，\
联系人<span class="blank"></span>，电话<span class="blank"></span>。经公示无异议的，由本单位出具推荐意见，
报送{e(office["name"])}（电话 {e(phone(office))}）。</p>
<p class="sign">{e(employer)}（盖章）<br>{cn(first)}</p>
<p class="basis">依据：{e(policy.raw["data"]["notice"])} {e(cite("2.5.1.3"))}（2.5.1.3）：“{e(posting_sentence())}”\
公示期按国家法定节假日和调休安排计算工作日。</p>
</html>
"""
