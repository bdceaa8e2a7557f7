"""The pathways' flowcharts, drawn from the engine's declarations (never typed by hand) and rendered to SVG
at build time by Graphviz (``@viz-js/viz`` from npm, pinned, run by Node): no diagram renderer reaches a
browser.

* eligibility: the preconditions (``rules.PRECONDITIONS``, with their ids and labels from the rule
  registry), then the levels from the highest down, each with its routes (``a_level`` / ``b_level``,
  honours, studios, skill levels and titles of the policy data);
* procedure: the steps of 2.5.x (headings of the notice's clauses) and who receives the materials for
  each level (``a_level.review`` and the offices of the policy data).

Legible at a 360 px phone width: top-down, the eligibility charts in one column (a yes/no tree of three
levels would staircase off a phone), at most two columns, short lines. Graphviz measures text with
Latin metrics only, so Chinese labels would overflow their boxes: every box and edge label is sized
here instead (``text_width``: a CJK character is 1 em, other characters at most 0.62 em) and drawn at a
fixed size, its lines centred. Colours come from the page's CSS (``.gt-chart`` in site.css): the light
and dark palettes and print. Each chart carries a text alternative that says the same thing.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from dataclasses import dataclass, field

from build_scripts.site.model import A, B, REPO, Site
from guantong.policy import OCCUPATION_KINDS
from guantong.words import PATHWAY_TITLE

FONT = 14  # px in the page (1 SVG unit = 1 px)
LINE = 20  # px a line
PAD_X, PAD_Y = 10, 8
VIZ = REPO / "wizard" / "node_modules" / "@viz-js" / "viz" / "dist" / "viz.js"


def text_width(text: str) -> float:
    """The width the text takes at FONT px, erring wide: CJK and full-width 1 em, the rest 0.62 em."""
    return sum(FONT * (1.0 if ord(c) > 0x2E7F or 0xFF00 <= ord(c) <= 0xFFEF else 0.62) for c in text)


CLOSING, OPENING = "，、：；。）」”", "（「“"


KEEP_WHOLE: set[str] = set()  # names a line must not break inside (the offices of the policy data)


def _units(line: str) -> list[str]:
    """The line's words (jieba, as the site's search), punctuation kept with the word it belongs to, a
    clause label such as （3） with the word after it."""
    import jieba

    for word in KEEP_WHOLE:
        jieba.add_word(word, freq=10**6)
    units: list[str] = []
    for token in jieba.lcut(line, HMM=False):
        label = units and re.fullmatch(r"（\d+）|\(\d+\)|\d+\.", units[-1])
        if units and (token[0] in CLOSING or units[-1][-1] in OPENING or token.isspace() or label):
            units[-1] += token
        else:
            units.append(token)
    return units


def wrap(line: str, limit: float) -> list[str]:
    """A line cut into as few lines of at most `limit` px as it needs, of about equal width, between
    words (never inside 职业能力建设科, never before a closing mark)."""
    total = text_width(line)
    if total <= limit:
        return [line]
    count = int(-(-total // limit))
    target = min(limit, total / count * 1.15)
    out, current = [], ""
    for unit in _units(line):
        if current and text_width(current + unit) > target and len(out) < count - 1:
            out.append(current)
            current = unit
        else:
            current += unit
    return [*out, current]


ONE_COLUMN, TWO_COLUMNS = 280, 150  # px a line may take: a phone leaves ~330 px for the chart


@dataclass
class Chart:
    """Nodes (id, lines, shape) and edges (from, to, label) as declared; drawn top-down. `line` is the
    widest a line may be (ONE_COLUMN, or TWO_COLUMNS where boxes stand side by side); longer ones wrap."""

    title: str
    line: float = ONE_COLUMN
    nodes: list[tuple[str, list[str], str]] = field(default_factory=list)
    edges: list[tuple[str, str, str]] = field(default_factory=list)

    def node(self, node_id: str, lines: list[str], shape: str = "rect") -> None:
        self.nodes.append((node_id, [line for line in lines if line], shape))

    def drawn(self, lines: list[str]) -> list[str]:
        return [part for line in lines for part in wrap(line, self.line)]

    def edge(self, a: str, b: str, label: str = "") -> None:
        self.edges.append((a, b, label))

    def dot(self) -> str:
        """The chart in Graphviz's language: fixed-size boxes; an edge label is a small box of its own on
        the edge (so that it too is sized here, and never sits on a line or another label)."""
        q = lambda t: json.dumps(t, ensure_ascii=False)  # noqa: E731 - DOT strings are JSON-compatible
        out = [
            "digraph {",
            "  graph [rankdir=TB, nodesep=0.2, ranksep=0.18, margin=0];",
            f'  node [fontsize={FONT}, fontname="sans-serif", fixedsize=true, margin=0];',
            "  edge [arrowsize=0.7];",
        ]
        for node_id, declared, shape in self.nodes:
            lines = self.drawn(declared)
            w = (max(text_width(line) for line in lines) + 2 * PAD_X) / 72
            h = (len(lines) * LINE + 2 * PAD_Y) / 72
            style = ', style="rounded"' if shape == "round" else ""
            out.append(f"  {node_id} [shape=box{style}, width={w:.3f}, height={h:.3f}, label={q(chr(10).join(lines))}];")
        for i, (a, b, label) in enumerate(self.edges):
            if not label:
                out.append(f"  {a} -> {b};")
                continue
            w, h = (text_width(label) + 8) / 72, (LINE + 2) / 72
            out.append(f'  E{i} [shape=plaintext, class="edge-label", width={w:.3f}, height={h:.3f}, label={q(label)}];')
            out.append(f"  {a} -> E{i} [arrowhead=none];")
            out.append(f"  E{i} -> {b};")
        out.append("}")
        return "\n".join(out)

    def describe(self) -> list[str]:
        """The text alternative, in reading order: each box as an item (its listed lines, numbered 1. 2. or
        marked •, as a list under it), then where it leads. (text, [sub-items], [what follows])."""

        def split(lines: list[str]) -> tuple[str, list[str]]:
            head, subs = "", []
            for line in lines:
                item = re.match(r"^(?:• |\d+\. )(.*)$", line)
                if item:
                    subs.append(item.group(1))
                else:
                    head += line if not head or head[-1] in "，、：；（" else "，" + line
            return head, subs

        parts = {node_id: split(lines) for node_id, lines, _ in self.nodes}

        def said(node_id: str) -> str:
            head, subs = parts[node_id]
            return head + ("：" + "、".join(subs) if subs and not head.endswith("：") else "、".join(subs))

        leads: dict[str, list[str]] = {}
        for a, b, label in self.edges:
            leads.setdefault(a, []).append(f"{label}：{said(b)}" if label else said(b))
        return [(*parts[node_id], leads.get(node_id, [])) for node_id, _, _ in self.nodes]


def render(charts: dict[str, Chart]) -> dict[str, str]:
    """Every chart's SVG, in one run of Node (about 0.3 s), themed for the page's CSS."""
    if not VIZ.is_file():
        raise RuntimeError(f"{VIZ} 不存在：请先运行 make deps（或在 wizard/ 里运行 npm ci）")
    script = (
        "import { instance } from " + json.dumps(VIZ.as_uri()) + ";\n"
        "const viz = await instance(); let input = '';\n"
        "for await (const chunk of process.stdin) input += chunk;\n"
        "const dots = JSON.parse(input); const out = {};\n"
        "for (const [name, dot] of Object.entries(dots)) out[name] = viz.renderString(dot, { format: 'svg' });\n"
        "process.stdout.write(JSON.stringify(out));\n"
    )
    proc = subprocess.run(
        ["node", "--input-type=module", "-e", script],
        input=json.dumps({n: c.dot() for n, c in charts.items()}),
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    if proc.returncode != 0:
        raise RuntimeError("Graphviz（@viz-js/viz）无法画出流程图：\n" + proc.stderr[-2000:])
    return {name: themed(svg, charts[name], name) for name, svg in json.loads(proc.stdout).items()}


def themed(svg: str, chart: Chart, name: str) -> str:
    """Graphviz's SVG for the page: no XML prologue or comments, sized by its viewBox, colours and font
    left to CSS, lines centred on their boxes, labelled for assistive technology by its caption."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.S).strip()
    width, height = re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+) ([\d.]+)"', svg).groups()
    svg = re.sub(
        r'<svg width="[^"]*" height="[^"]*"',
        f'<svg class="gt-chart__svg" width="{float(width):.0f}" '
        f'height="{float(height):.0f}" role="img" aria-labelledby="chart-{name}-title"',
        svg,
        count=1,
    )
    svg = re.sub(r'<polygon fill="white" stroke="none"[^>]*/>', "", svg, count=1)  # the page is the background
    svg = re.sub(r' font-family="[^"]*"', "", svg)
    svg = svg.replace('stroke="black"', 'stroke="currentColor"').replace('fill="black"', 'fill="currentColor"')
    svg = re.sub(r"<title>[^<]*</title>\n?", "", svg)
    return svg.replace(
        '<g id="graph0" class="graph"', f'<title id="chart-{name}-title">{html.escape(chart.title)}</title><g id="graph0" class="graph"', 1
    )


def figure(name: str, chart: Chart, svg: str) -> str:
    """The chart as the page shows it: the SVG, its caption and its text alternative."""
    steps = ""
    for head, subs, after in chart.describe():
        inner = "".join(f"<li>{html.escape(sub)}</li>" for sub in subs)
        then = f'<p class="gt-chart__then">接下来：{html.escape("；".join(after))}</p>' if after else ""
        steps += f"<li>{html.escape(head)}{f'<ul>{inner}</ul>' if inner else ''}{then}</li>"
    return (
        f'<figure class="gt-chart" id="chart-{name}">{svg}<figcaption>{html.escape(chart.title)}</figcaption>'
        f'<details class="gt-chart__text"><summary>流程图的文字说明</summary><ol>{steps}</ol></details></figure>'
    )


def _preconditions_node(chart: Chart, site: Site, pathway: str) -> None:
    """All preconditions in one box, numbered as the pathway page's table numbers them (no rule ids: the
    public reads these; issue 31)."""
    lines = ["基本条件，须全部满足："]
    lines += [f"{i}. {p['label']}" for i, p in enumerate(site.preconditions(pathway), start=1)]
    lines.append("（有一项不满足的，不能申报）")  # said here, not drawn as a branch: one column fits a phone
    chart.node("P", lines)


def _levels_chain(chart: Chart, levels: list[tuple[str, list[str]]], none: list[str], failed: str) -> None:
    """One straight column (no staircase at 360 px): each level, highest first, says what opens it;
    when it is not open (`failed`), the next level down."""
    previous, label = "P", "全部满足"
    for i, (head, routes) in enumerate(levels):
        chart.node(f"L{i}", [head, *routes])
        chart.edge(previous, f"L{i}", label)
        previous, label = f"L{i}", failed
    chart.node("N", none, "round")
    chart.edge(previous, "N", label)


def eligibility_a(site: Site) -> Chart:
    """Pathway A: preconditions, then each level from the highest; any one route opens it (A7, A8)."""
    p = site.policy
    out = Chart(f"{PATHWAY_TITLE[A]}：申报条件")
    _preconditions_node(out, site, A)
    levels = []
    for level in reversed(p.a_levels):
        short = level["name"].removesuffix("职称")
        routes = [f"• {p.skill_name(level['skill_level'])}及以上满{level['years']}年"]
        honors = site.honors_for(level["id"])
        if honors:
            routes.append(f"• {short}一档的荣誉（{len(honors)}项）")
        studio = site.studio_for(level["id"])
        if studio:
            routes.append(f"• {studio['name']}领办人")
        levels.append((f"{level['name']}：满足任一即可申报", routes))
    _levels_chain(out, levels, ["暂不能申报", "只差年限的，看何时满"], "都不满足")
    return out


def eligibility_b(site: Site) -> Chart:
    """Pathway B: preconditions, then each level from the highest: the title condition and the
    years condition must both hold (2.4.2.x, B4)."""
    p = site.policy
    out = Chart(f"{PATHWAY_TITLE[B]}：申报条件")
    _preconditions_node(out, site, B)
    levels = []
    for level in reversed(p.b_levels):
        title = f"{p.title_name(level['title'])}及以上职称"
        if level.get("title_held"):
            title += f"，或{p.title_name(level['title_held'])}及以上满{level['title_held_years']}年"
        levels.append((f"{level['name']}：两项都满足", [f"• {title}", "• 累计工作年限达到该职业的要求"]))
    _levels_chain(out, levels, ["暂不能申报", "年限要求不明的为待定"], "不满足")
    return out


#: How each kind of review in the policy data (`a_level.review`) handles the paper materials (2.5.1.4):
#: (what the receiving office does, who decides next).
REVIEW_STEPS = {
    "city": ("{capacity}受理、初审", "市相应专业评委会评审"),
    "province": ("{capacity}预审", "{province}受理"),
}


def procedure_a(site: Site) -> Chart:
    """Pathway A procedure (2.5.1.1–2.5.1.4): the steps, then the offices by level."""
    n, p = site.notice, site.policy
    steps = [c for c in n.children("2.5.1") if c.id != "2.5.1.4"]
    out = Chart(f"{PATHWAY_TITLE[A]}：申报程序", TWO_COLUMNS)
    for i, clause in enumerate(steps):
        out.node(f"S{i}", [f"{clause.label}{clause.heading}"])
        if i:
            out.edge(f"S{i - 1}", f"S{i}")
    last = f"S{len(steps) - 1}"
    final = n.get("2.5.1.4")
    offices = {"capacity": site.office("capacity")["short"], "province": site.office("province")["short"]}
    KEEP_WHOLE.update(offices.values())
    groups: dict[str, list[dict]] = {}
    for level in p.a_levels:
        groups.setdefault(level["review"], []).append(level)
    for j, (review, levels) in enumerate(groups.items()):
        first, second = (s.format(**offices) for s in REVIEW_STEPS[review])
        names = "、".join(level["name"].removesuffix("职称") for level in levels)
        out.node(f"O{j}", [f"{final.label}{first}"])
        out.edge(last, f"O{j}", names)
        out.node(f"D{j}", [second])
        out.edge(f"O{j}", f"D{j}")
    return out


def procedure_b(site: Site) -> Chart:
    """Pathway B procedure (2.5.2.1–2.5.2.3): where, by kind of occupation (B7); then the assessment,
    with the comprehensive review for the levels above the first (B6)."""
    n, p = site.notice, site.policy
    assess = n.get("2.5.2.3")
    reviewed = "、".join(b["name"].split("（")[0] for b in p.b_levels[1:])
    where = {
        "entry": ["人社部门统一组织", "按省、市年度鉴定计划"],
        "level": ["到备案的企业或", "社会培训评价组织认定"],
    }
    out = Chart(f"{PATHWAY_TITLE[B]}：评价程序", TWO_COLUMNS)
    out.node("K", ["申报的职业（工种）属于"])
    for j, (kind, (name, clause_id)) in enumerate(OCCUPATION_KINDS.items()):
        out.node(f"W{j}", [f"{n.get(clause_id).label}{where[kind][0]}", *where[kind][1:]])
        out.edge("K", f"W{j}", name)
        out.edge(f"W{j}", "T")
    out.node("T", [f"{assess.label}按通知的时间地点参加", "以技能操作考核为主"])
    out.node("C", ["另加综合评审", "资料审查、书面答辩等"], "round")
    out.edge("T", "C", f"申报{reviewed}")
    return out


def figures(site: Site) -> dict[str, str]:
    """Every chart as the pages show it, drawn once per build (one run of Node for all of them)."""
    cached = getattr(site, "_chart_figures", None)
    if cached is None:
        charts = {name: build(site) for name, build in CHARTS.items()}
        svgs = render(charts)
        cached = {name: figure(name, chart, re.sub(r">\s+<", "><", svgs[name])) for name, chart in charts.items()}
        object.__setattr__(site, "_chart_figures", cached)
    return cached


CHARTS = {
    "eligibility_a": eligibility_a,
    "eligibility_b": eligibility_b,
    "procedure_a": procedure_a,
    "procedure_b": procedure_b,
}
