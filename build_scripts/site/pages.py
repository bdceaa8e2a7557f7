"""Render the site's Markdown pages with Jinja2 from the site model (``build_scripts.site.model.Site``).

* ``render_generated(site)`` → ``{page source path: Markdown}`` for the pages made entirely from the
  data (``templates/*.md.j2``): the two pathway pages first, so that the notice page, rendered last,
  knows which section of which pathway page explains each clause.
* ``render_handwritten(markdown, page, site)``: the hand-written pages under ``docs/`` may use the same
  helpers (``{{ clause("2.4.1.3") }}``, ``{{ office("capacity").dial }}`` …) so that numbers and lists
  they mention always match the data.

Helpers available in every template:

``cite(id)``            short citation linked to the clause: [二（四）1（3）](policy.md#c-2-4-1-3 "全称")
``clause(id)``          full citation linked to the clause: [第二部分第（四）条第1款第（3）项](…)
``link(key, text, anchor="")``  link to another page of the site (keys: ``model.PAGES``)
``section(anchor, title, explains=[], level=2)``  a heading with a fixed id; on the pathway pages it
                        also records which clauses the section explains (the notice page links back)
``chart(name)``         a flowchart of ``site_charts.CHARTS``, drawn to SVG at build time
``esc``                 filter: data text made safe for Markdown
"""

from __future__ import annotations

import html
import html.parser as html_parser
import re

import jinja2

from guantong.policy import OCCUPATION_KINDS
from guantong.words import PATHWAY_TITLE
from guantong.workdays import POSTING_WORKDAYS
from guantong.words import cn as cn_date

from build_scripts.site import charts as site_charts
from build_scripts.site.model import (
    GENERATED,
    PAGES,
    PATHWAY_PAGE,
    REPO,
    TEMPLATES,
    Explanation,
    Site,
    esc,
    short_cite,
)


def _environment(loader: jinja2.BaseLoader | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader or jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; data text goes through |esc
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Markdown's attribute lists ({#id .class}) begin like Jinja comments; comments are {## … ##}.
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters["esc"] = esc
    return env


def _helpers(site: Site, page: str) -> dict:
    pathway = next((p for p, src in PATHWAY_PAGE.items() if src == page), None)

    def cite(clause_id: str, text: str | None = None) -> str:
        full = site.notice.cite(clause_id)
        return f'[{esc(text or short_cite(site.notice, clause_id))}]({site.clause_url(clause_id, page)} "{full}")'

    def clause(clause_id: str, text: str | None = None) -> str:
        return f"[{esc(text or site.notice.cite(clause_id))}]({site.clause_url(clause_id, page)})"

    def link(key: str, text: str, anchor: str = "") -> str:
        return f"[{esc(text)}]({site.page_url(key, page, anchor)})"

    def section(anchor: str, title: str, explains=(), level: int = 2) -> str:
        for clause_id in explains if pathway else ():
            site.notice.get(clause_id)
            entries = site.explained.setdefault(clause_id, [])
            if not any(e.page == page and e.anchor == anchor for e in entries):
                entries.append(Explanation(page, anchor, title, pathway))
        return f"{'#' * level} {esc(title)} {{#{anchor}}}"

    def deadline_box(pathway_id: str) -> str:
        """The current round's acceptance deadline (T1, issue 5), or that none is published yet."""
        r = site.current_round(pathway_id)
        title = PATHWAY_TITLE[pathway_id]
        if not r:
            return (
                f'!!! info "{title}：本年度受理截止时间"\n\n    本年度的受理材料截止时间尚未公布，请留意人社部门的年度评审（评价）通知；'
                f"所有年限都计算到截止时间为止（{cite('3.2')}）。"
            )
        d = r["deadline"]
        return (
            f'!!! info "{title}：{r["year"]}年度受理材料截止时间 {cn_date(d)}"\n\n'
            f"    依据：{esc(r['document'])}。所有年限都计算到这一天为止，截止后取得的等级、职称、荣誉不计入本年度（{cite('3.2')}）。"
        )

    def rounds_table(pathway_id: str) -> str:
        """Every published round of a pathway, a later year's too: a round counts from 1 January of its
        year (Policy.current_round), so one published in advance shows here before the wizard uses it."""
        rounds = site.rounds(pathway_id)
        if not rounds:
            return "本站尚未收录已公布的受理材料截止时间，以当年评审通知为准。"
        rows = "\n".join(f"| {r['year']} | {cn_date(r['deadline'])} | {esc(r['document'])} | {cite(r['clause'])} |" for r in rounds)
        return (
            f"各年度受理材料截止时间（{cite('3.2')}）：\n\n"
            '<div class="gt-stack" markdown>\n\n| 年度 | 受理材料截止时间 | 文件 | 依据 |\n| --- | --- | --- | --- |\n'
            f"{rows}\n\n</div>\n\n每年 1 月 1 日起，申报条件自测默认按当年度的截止时间计算；当年度尚未公布的，按今天计算。"
        )

    def include_file(path: str) -> str:
        """A file of the repository, verbatim (the nginx example of the staff guide)."""
        return (REPO / path).read_text(encoding="utf-8").rstrip("\n")

    def chart(name: str) -> str:
        """The flowchart as SVG drawn at build time, with its text alternative (site_charts)."""
        return site_charts.figures(site)[name]

    def explained(c) -> str:
        where = site.explained.get(c.id, [])
        if not where:
            return ""
        links = "；".join(
            f"[{esc(PATHWAY_TITLE[e.pathway])}：{esc(e.title)}]({site.page_url(_page_key(e.page), page, e.anchor)})" for e in where
        )
        return f"本站解读：{links}\n{{: .gt-explained }}"

    def notice_clause(c) -> str:
        """One clause of the notice as Markdown, printed as in the original (see notice.toml)."""
        paras = [esc(p) for p in c.paragraphs]
        level = "#" * (c.depth + 1)
        if not c.label:  # the closing paragraph: no number, no printed heading
            blocks = [f"{paras[0]}\n{{: #{c.anchor} .gt-clause }}", *paras[1:]]
        elif not c.heading_printed:  # "（1）text": the label runs into the text
            blocks = [f"**{esc(c.label)}**{paras[0]}\n{{: #{c.anchor} .gt-clause }}", *paras[1:]]
        elif c.text:  # "（一）heading。text": a run-in heading
            toc = esc(c.label + c.heading).replace('"', "&quot;")
            blocks = [f'{level} {esc(c.label + c.heading + "。")} {{#{c.anchor} .gt-runin data-toc-label="{toc}"}}', *paras]
        else:  # a heading over its sub-clauses
            blocks = [f"{level} {esc(c.label + c.heading)} {{#{c.anchor}}}"]
        if note := explained(c):
            blocks.append(note)
        return "\n\n".join(blocks)

    return {
        "notice_clause": notice_clause,
        "site": site,
        "policy": site.policy,
        "notice": site.notice,
        "page": page,
        "pages": PAGES,
        "pathway": pathway,
        "pathway_title": PATHWAY_TITLE,
        "posting_workdays": POSTING_WORKDAYS,
        "cite": cite,
        "clause": clause,
        "link": link,
        "section": section,
        "chart": chart,
        "deadline_box": deadline_box,
        "rounds_table": rounds_table,
        "include_file": include_file,
        "office": site.office,
        "kinds": {k: v[0] for k, v in OCCUPATION_KINDS.items()},
        "short_cite": lambda cid: short_cite(site.notice, cid),
    }


def _page_key(src: str) -> str:
    return next(key for key, path in PAGES.items() if path == src)


def render_generated(site: Site) -> dict[str, str]:
    env = _environment()
    order = sorted(GENERATED.items(), key=lambda item: item[1] == PAGES["policy"])  # notice page last
    out = {}
    for template, page in order:
        out[page] = env.get_template(template).render(**_helpers(site, page))
    return out


def render_handwritten(markdown: str, page: str, site: Site) -> str:
    env = _environment(jinja2.FileSystemLoader(str(TEMPLATES)))
    return env.from_string(markdown).render(**_helpers(site, page))


#: Hand-written pages of docs/ that go through the template helpers (the wizard's page is not ours).
HANDWRITTEN = {PAGES[k] for k in ("home", "faq", "glossary", "contact", "staff")}
#: Pages of this site (not the wizard's) whose HTML gets the touches below.
OWNED = HANDWRITTEN | set(GENERATED.values())

_RUNIN = re.compile(r'(<h([2-6])[^>]*\bclass="gt-runin"[^>]*>.*?</h\2>)\s+(?=<p>)', re.S)
_STACK = re.compile(r'(<div class="gt-stack">\s*<table>)(.*?)(</table>)', re.S)
_TH = re.compile(r"<th[^>]*>(.*?)</th>", re.S)
_TR = re.compile(r"<tr>(.*?)</tr>", re.S)
_TD = re.compile(r"<td(?=[\s>])")
_TAGS = re.compile(r"<[^>]+>")


class _TopHeadings(html_parser.HTMLParser):
    """Offsets of the ``<h2>`` start tags at the top level of a page's content."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.found: list[int] = []
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "h2" and self.depth == 0:
            line, col = self.getpos()
            self.found.append(self.lines[line - 1] + col)
        if tag not in self.VOID:
            self.depth += 1

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)


def sections(html: str) -> str:
    """Each top-level ``<h2>`` and what follows it up to the next one in a ``<section class="gt-section">``:
    the browser lays out and styles only the sections on screen (content-visibility, site.css), which on
    a long page (pathway A's tables and charts) is most of the work a phone does while it opens."""
    cuts = _TopHeadings(html).found
    if not cuts:
        return html
    parts = [html[: cuts[0]]]
    for start, end in zip(cuts, [*cuts[1:], len(html)], strict=True):
        parts.append(f'<section class="gt-section">{html[start:end]}</section>')
    return "".join(parts)


def touch_html(html: str) -> str:
    """* A run-in clause heading and its text form one line: no white space between them.
    * Tables in ``<div class="gt-stack">`` turn into one card per row on phones (CSS); each cell gets
      its column's header as ``data-label`` to show above the value.
    * Each top-level section in a ``<section>`` (sections)."""
    html = sections(_RUNIN.sub(r"\1", html))

    def label_rows(match: re.Match) -> str:
        head, body, tail = match.groups()
        thead, sep, tbody = body.partition("</thead>")
        labels = [_TAGS.sub("", h).strip().replace('"', "&quot;") for h in _TH.findall(thead)]

        def label_cells(row: re.Match) -> str:
            cells = iter(labels)
            return _TD.sub(lambda m: f'<td data-label="{next(cells, "")}"', row.group(0))

        if not sep:
            return match.group(0)
        return head + thead + sep + _TR.sub(label_cells, tbody) + tail

    return _STACK.sub(label_rows, html)


def preview_error(lines: list[str], data: bool) -> str:
    """The page `guantong serve` shows on every address while the site cannot be rebuilt."""
    title = "政策数据有问题，预览未更新" if data else "网站未能重新构建"
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    return (
        f'<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        "<style>body{font:16px/1.7 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
        "li{margin:.5rem 0}code{background:#f3f3f3}</style></head><body>"
        f"<h1>{title}</h1><ul>{items}</ul>"
        "<p>按上面的提示改正数据文件并保存，这个页面会自动刷新；已发布的网站不受影响。</p></body></html>"
    )
