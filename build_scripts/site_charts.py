"""Mermaid flowcharts of the two pathways, drawn from the engine's declarations, never typed by hand.

* eligibility: the preconditions (``rules.PRECONDITIONS``, with their ids and labels from the rule
  registry), then the levels from the highest down, each with its routes (``a_level`` / ``b_level``,
  honours, studios, skill levels and titles of the policy data);
* procedure: the steps of 2.5.x (headings of the notice's clauses) and who receives the materials for
  each level (``a_level.review`` and the offices of the policy data).

Legible at a 360 px phone width: top-down (``flowchart TD``), the eligibility charts in one column
(a yes/no tree of three levels would staircase off a phone), at most two columns, short lines. Each
chart starts with an ``init`` directive that keeps nodes narrow (wrapping width) and the spacing tight.
"""

from __future__ import annotations

from site_model import A, B, OCCUPATION_KINDS, Site, mermaid_text

# Narrow enough for two columns in the ~330 px a phone leaves for the content.
def _init(wrap: int) -> str:
    return ('%%{init: {"flowchart": {"htmlLabels": true, "wrappingWidth": ' + str(wrap) + ', "nodeSpacing": 16, '
            '"rankSpacing": 30, "padding": 8, "curve": "basis"}, "themeVariables": {"fontSize": "14px"}}}%%')


INIT = _init(230)               # one column: nodes up to ~260 px
INIT_TWO_COLUMNS = _init(120)   # two columns side by side must fit ~330 px

def _node(node_id: str, lines: list[str], shape: str = "rect") -> str:
    text = "<br>".join(mermaid_text(line) for line in lines if line)
    left, right = {"rect": ("[", "]"), "round": ("([", "])"), "decision": ("{", "}")}[shape]
    return f'    {node_id}{left}"{text}"{right}'


def _edge(a: str, b: str, label: str = "") -> str:
    return f'    {a} -->|"{mermaid_text(label)}"| {b}' if label else f"    {a} --> {b}"


def _preconditions_node(site: Site, pathway: str) -> list[str]:
    """All preconditions in one box, with the ids the tables and the wizard's results use."""
    lines = ["基本条件，须全部满足："]
    lines += [f"{p['id']} {p['label']}" for p in site.preconditions(pathway)]
    lines.append("（有一项不满足的，不能申报）")   # said here, not drawn as a branch: one column fits a phone
    return [_node("P", lines)]


def _levels_chain(out: list[str], levels: list[tuple[str, list[str]]], none: list[str], failed: str) -> None:
    """One straight column (no staircase at 360 px): each level, highest first, says what opens it;
    when it is not open (`failed`), the next level down."""
    previous, label = "P", "全部满足"
    for i, (head, routes) in enumerate(levels):
        out.append(_node(f"L{i}", [head, *routes]))
        out.append(_edge(previous, f"L{i}", label))
        previous, label = f"L{i}", failed
    out.append(_node("N", none, "round"))
    out.append(_edge(previous, "N", label))


def eligibility_a(site: Site) -> str:
    """Pathway A: preconditions, then each level from the highest; any one route opens it (A7, A8)."""
    p = site.policy
    out = ["flowchart TD", *_preconditions_node(site, A)]
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
    return "\n".join([INIT, *out])


def eligibility_b(site: Site) -> str:
    """Pathway B: preconditions, then each level from the highest: the title condition and the
    years condition must both hold (2.4.2.x, B4)."""
    p = site.policy
    out = ["flowchart TD", *_preconditions_node(site, B)]
    levels = []
    for level in reversed(p.b_levels):
        title = f"{p.title_name(level['title'])}及以上职称"
        if level.get("title_held"):
            title += f"，或{p.title_name(level['title_held'])}及以上满{level['title_held_years']}年"
        levels.append((f"{level['name']}：两项都满足", [f"• {title}", "• 累计工作年限达到该职业的要求"]))
    _levels_chain(out, levels, ["暂不能申报", "年限要求不明的为待定"], "不满足")
    return "\n".join([INIT, *out])


#: How each kind of review in the policy data (`a_level.review`) handles the paper materials (2.5.1.4):
#: (what the receiving office does, who decides next).
REVIEW_STEPS = {
    "city": ("{capacity}受理、初审", "市相应专业评委会评审"),
    "province": ("{capacity}预审", "{province}受理"),
}


def procedure_a(site: Site) -> str:
    """Pathway A procedure (2.5.1.1–2.5.1.4): the steps, then the offices by level."""
    n, p = site.notice, site.policy
    steps = [c for c in n.children("2.5.1") if c.id != "2.5.1.4"]
    out = ["flowchart TD"]
    for i, clause in enumerate(steps):
        out.append(_node(f"S{i}", [f"{clause.label}{clause.heading}"]))
        if i:
            out.append(_edge(f"S{i - 1}", f"S{i}"))
    last = f"S{len(steps) - 1}"
    final = n.get("2.5.1.4")
    offices = {"capacity": site.office("capacity")["short"], "province": site.office("province")["short"]}
    groups: dict[str, list[dict]] = {}
    for level in p.a_levels:
        groups.setdefault(level["review"], []).append(level)
    for j, (review, levels) in enumerate(groups.items()):
        first, second = (s.format(**offices) for s in REVIEW_STEPS[review])
        names = "、".join(level["name"].removesuffix("职称") for level in levels)
        out.append(_node(f"O{j}", [f"{final.label}{first}"]))
        out.append(_edge(last, f"O{j}", names))
        out.append(_node(f"D{j}", [second]))
        out.append(_edge(f"O{j}", f"D{j}"))
    return "\n".join([INIT_TWO_COLUMNS, *out])


def procedure_b(site: Site) -> str:
    """Pathway B procedure (2.5.2.1–2.5.2.3): where, by kind of occupation (B7); then the assessment,
    with the comprehensive review for the levels above the first (B6)."""
    n, p = site.notice, site.policy
    assess = n.get("2.5.2.3")
    reviewed = "、".join(b["name"].split("（")[0] for b in p.b_levels[1:])
    where = {
        "entry": ["人社部门统一组织", "按省、市年度鉴定计划"],
        "level": ["到备案的企业或", "社会培训评价组织认定"],
    }
    out = ["flowchart TD", _node("K", ["申报的职业（工种）属于"])]
    for j, (kind, (name, clause_id)) in enumerate(OCCUPATION_KINDS.items()):
        out.append(_node(f"W{j}", [f"{n.get(clause_id).label}{where[kind][0]}", *where[kind][1:]]))
        out.append(_edge("K", f"W{j}", name))
        out.append(_edge(f"W{j}", "T"))
    out.append(_node("T", [f"{assess.label}按通知的时间地点参加", "以技能操作考核为主"]))
    out.append(_node("C", ["另加综合评审", "资料审查、书面答辩等"], "round"))
    out.append(_edge("T", "C", f"申报{reviewed}"))
    return "\n".join([INIT_TWO_COLUMNS, *out])


CHARTS = {
    "eligibility_a": eligibility_a,
    "eligibility_b": eligibility_b,
    "procedure_a": procedure_a,
    "procedure_b": procedure_b,
}
