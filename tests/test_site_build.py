"""The policy site: built with ``mkdocs build --strict`` into a temporary directory, then checked page by
page against the policy data, the notice and the engine (no browser here; see tests/browser/)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

from build_scripts.site import charts as site_charts  # noqa: E402
from build_scripts.site import model as site_model  # noqa: E402
from build_scripts.site import offline as site_offline  # noqa: E402
from build_scripts.site import search as site_search  # noqa: E402

from guantong import evaluate  # noqa: E402
from guantong.clauses import anchor_for, load_notice  # noqa: E402
from guantong.policy import POLICY_PATH, load_policy  # noqa: E402

PAGES = ["", "policy/", "pathway-a/", "pathway-b/", "faq/", "glossary/", "contact/"]


@pytest.fixture(scope="session")
def site(built_site) -> Path:
    return built_site  # built once per session (tests/conftest.py)


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


class Elements(HTMLParser):
    """ids in document order, links (href) and the text of each element with an id (to its end)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.links: list[str] = []
        self.rows: list[list[str]] = []  # links in each <tr> of a <tbody>
        self._in_tbody = False
        self._row: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if self._row is not None:
                self._row.append(attrs["href"])
        if tag == "tbody":
            self._in_tbody = True
        if tag == "tr" and self._in_tbody:
            self._row = []

    def handle_endtag(self, tag):
        if tag == "tbody":
            self._in_tbody = False
        if tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None


def parse(text: str) -> Elements:
    p = Elements()
    p.feed(text)
    return p


def plain(text: str) -> str:
    """Visible text without tags and white space."""
    text = re.sub(r"<(script|style)\b.*?</\1>", "", text, flags=re.S)
    return re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", text)))


def article(text: str) -> str:
    return text.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


# --------------------------------------------------------------------------------------------------


def test_generated_pages_are_not_files_in_docs():
    for src in site_model.GENERATED.values():
        assert not (REPO / "docs" / src).exists(), f"docs/{src} must not exist: it is generated on every build"


def test_every_page_is_built(site):
    for url in PAGES:
        assert (site / url / "index.html").is_file(), url


def test_every_clause_has_its_anchor_on_the_notice_page(site):
    notice = load_notice()
    ids = parse(page(site, "policy/")).ids
    anchors = [anchor_for(cid) for cid in notice.clauses]
    for a in anchors:
        assert ids.count(a) == 1, f"#{a} appears {ids.count(a)} times on the notice page"
    assert [i for i in ids if i in anchors] == anchors, "clause anchors are not in the notice's order"


def test_notice_page_has_the_whole_mended_text(site):
    notice = load_notice()
    text = plain(article(page(site, "policy/")))
    for key in ("masthead", "doc_number", "title", "addressees", "preamble"):
        assert plain(notice.meta[key]) in text, key
    for line in notice.meta["signoff"].split("\n"):
        assert plain(line) in text
    for clause in notice:
        assert plain(clause.label + (clause.heading if clause.heading_printed else "")) in text, clause.id
        for para in clause.paragraphs:
            assert plain(para) in text, f"{clause.id}: {para[:30]}…"
    # the extraction artefacts listed in shared/spec/rules.md are mended
    assert "和专专业" not in text and "高技能人才和专业技术人才队伍建设" in text


def _cited_in_engine_source() -> set[str]:
    """Dotted clause ids written in the engine's source (rules, flow, engine, …)."""
    found = set()
    for path in (REPO / "guantong").glob("*.py"):
        found |= set(re.findall(r"""["']([1-9](?:\.[1-9]\d*){1,3})["']""", path.read_text(encoding="utf-8")))
    return found


def _cited_in_results() -> set[str]:
    samples = [
        {
            "direction": "skill_to_title",
            "deadline": "2026-06-30",
            "employed_in_huangshi": True,
            "skill_post": True,
            "skill_levels": {"technician": "2020-05-01"},
            "honors": ["黄石工匠", {"name": "某某奖", "tier": "intermediate"}],
            "studio": {"level": "city"},
            "series": "工程技术",
            "speciality_matches": True,
            "annual_assessment_passed": True,
            "integrity_record": False,
        },
        {"direction": "skill_to_title"},
        {
            "direction": "title_to_skill",
            "deadline": "2026-06-30",
            "titles": {"assistant": "2024-01-01"},
            "technical_skill_post": True,
            "occupation_matches": True,
            "occupation": "电工",
            "work_years": 12,
            "related_major": True,
            "integrity_record": False,
        },
        {"direction": "title_to_skill"},
    ]
    found = set()
    for answers in samples:
        result = evaluate(answers).to_dict()
        for item in [*result["preconditions"], *result["next_steps"], *result["notes"]]:
            found.add(item["clause"])
        for level in result["levels"].values():
            found |= {r["clause"] for r in level["routes"] + level["reasons"]}
    return found


def test_every_clause_cited_by_the_data_or_the_engine_resolves_to_an_anchor(site):
    ids = set(parse(page(site, "policy/")).ids)
    cited = site_model.cited_clauses(load_policy()) | _cited_in_engine_source() | _cited_in_results()
    assert {"2.4.1.2", "3.2", "4"} <= cited
    missing = sorted(c for c in cited if anchor_for(c) not in ids)
    assert not missing, f"cited clauses without an anchor on the notice page: {missing}"


def test_evaluated_clauses_link_to_the_section_explaining_them(site):
    notice_html = page(site, "policy/")
    ids_on = {url: set(parse(page(site, url)).ids) for url in ("pathway-a/", "pathway-b/")}
    evaluated = site_model.evaluated_clauses(load_policy())
    for clause_id in evaluated:
        a = anchor_for(clause_id)
        # the clause's own block runs up to the next clause anchor
        start = notice_html.index(f'id="{a}"')
        nxt = re.search(r'id="c-[\d-]+"', notice_html[start + len(a) + 5 :])
        block = notice_html[start : start + len(a) + 5 + (nxt.start() if nxt else len(notice_html))]
        links = re.findall(r'class="gt-explained".*?</p>', block, re.S)
        assert links, f"clause {clause_id} is evaluated but the notice page does not link to its explanation"
        for href in re.findall(r'href="\.\./(pathway-[ab]/)#([\w-]+)"', links[0]):
            assert href[1] in ids_on[href[0]], f"{clause_id}: #{href[1]} missing on {href[0]}"


def test_every_table_row_on_the_pathway_pages_cites_its_clause(site):
    notice_ids = set(parse(page(site, "policy/")).ids)
    for url in ("pathway-a/", "pathway-b/"):
        rows = parse(page(site, url)).rows
        assert len(rows) >= 10, url
        for row in rows:
            cites = [h for h in row if h.startswith("../policy/#c-")]
            assert cites, f"{url}: a table row without a clause link: {row}"
            for h in cites:
                assert h.split("#")[1] in notice_ids, h


def test_tables_contain_every_honour_series_and_level(site):
    p = load_policy()
    a, b = plain(page(site, "pathway-a/")), plain(page(site, "pathway-b/"))
    for name in [h["name"] for h in p.honors] + [s["name"] for s in p.studios] + [s["name"] for s in p.series]:
        assert plain(name) in a, name
    for level in p.a_levels:
        assert plain(level["name"]) in a
    for level in p.b_levels:
        assert plain(level["name"]) in b
    for name in p.raw["exams"]["names"] + p.raw["materials"]["names"]:
        assert plain(name) in a
    for e in p.raw["equivalence"]:
        assert plain(e["school_class"]) in a and plain(e["counts_as"]) in a
    for office in p.raw["office"]:
        if office.get("phone"):
            assert office["phone"] in a and office["phone"] in page(site, "contact/")


def test_changing_the_data_changes_the_pages(staff_site):
    """A test copy of the data, edited (policy_edits.staff_edit, built once): the generated pages and the
    flowcharts follow it."""
    out = staff_site
    a, b = page(out, "pathway-a/"), page(out, "pathway-b/")
    assert "测试用技能荣誉甲" in a and "测试系列乙系列" in a
    assert "从事相应技术技能工作满 5 年" in a
    assert "技师及以上满5年" in a  # the flowchart follows
    assert "助理级一档的荣誉（7项）" in a  # 5, the edit's 测试用技能荣誉甲 and ROUND_AND_HONOUR's 黄石市金牌职工
    assert "测试工种丙" in b and "11 年" in b and "测试工种丙国家职业技能标准（测试版）" in b
    assert "测试系列乙" in page(out, "faq/") and "测试系列乙" in page(out, "glossary/")
    # A renamed honour: the FAQ asks by its new name (the data's), the old one kept as an alias.
    assert "我是“黄石大工匠”" in page(out, "faq/") and "黄石工匠”" not in page(out, "faq/")
    # A later year's round shows on its pathway's page before the wizard counts it (from 1 January).
    assert "关于做好2027年度职业技能评价工作的通知（测试）" in b and "2027年7月15日" in b
    assert "2026年6月30日" in a and "每年 1 月 1 日起" in b
    # …and the default build is untouched
    assert "测试用技能荣誉甲" not in POLICY_PATH.read_text(encoding="utf-8")


def _chart_text(chart) -> str:
    return "\n".join(line for _, lines, _ in chart.nodes for line in lines) + "\n" + "\n".join(e[2] for e in chart.edges)


def test_flowcharts_are_drawn_from_the_declared_rules():
    s = site_model.load_site()
    a, b = _chart_text(site_charts.eligibility_a(s)), _chart_text(site_charts.eligibility_b(s))
    for pathway, chart in (("skill_to_title", a), ("title_to_skill", b)):
        for i, pre in enumerate(s.preconditions(pathway), start=1):
            assert f"{i}. {pre['label']}" in chart and pre["id"] not in chart  # no rule ids for the public
    for level in s.policy.a_levels:
        assert level["name"] in a and f"满{level['years']}年" in a
    for level in s.policy.b_levels:
        assert level["name"] in b
    proc = _chart_text(site_charts.procedure_a(s))
    for step in s.notice.children("2.5.1"):
        if step.id != "2.5.1.4":
            assert step.heading in proc
    assert s.office("capacity")["short"] in proc and s.office("province")["short"] in proc
    assert "准入类" in _chart_text(site_charts.procedure_b(s)) and "水平评价类" in _chart_text(site_charts.procedure_b(s))


def test_long_lines_wrap_between_words_within_the_width_a_phone_leaves():
    s = site_model.load_site()
    for name, build in site_charts.CHARTS.items():
        chart = build(s)
        for _, lines, _ in chart.nodes:
            drawn = chart.drawn(lines)
            assert "".join(drawn) == "".join(lines), "wrapping only cuts"
            for line in drawn:
                assert site_charts.text_width(line) <= chart.line + 1e-6, (name, line)
                assert not line.startswith(tuple(site_charts.CLOSING)) and len(line) > 1, (name, drawn)
            assert not any(d.endswith("职业能力建") for d in drawn)
    assert site_charts.wrap("（4）职业能力建设科受理、初审", 150) == ["（4）职业能力建设科", "受理、初审"]


def test_pages_carry_their_flowcharts_as_svg_with_a_text_alternative(site):
    for url in ("pathway-a/", "pathway-b/"):
        text = page(site, url)
        figures = re.findall(r'<figure class="gt-chart" id="chart-(\w+)">(.*?)</figure>', text, re.S)
        assert len(figures) == 2, url
        for name, body in figures:
            assert re.search(r'<svg class="gt-chart__svg" width="\d+" height="\d+" role="img" aria-labelledby="chart-' + name, body)
            assert f'<title id="chart-{name}-title">' in body and "<figcaption>" in body
            steps = re.findall(r"<li>(.*?)</li>", body.split("gt-chart__text", 1)[1])
            assert len(steps) >= 3 and all(steps), name
            assert 'fill="black"' not in body and 'stroke="black"' not in body and "font-family" not in body
        assert "mermaid" not in text, "no page loads a diagram renderer"
    # and no file of the site is a diagram renderer
    assert not list(site.rglob("mermaid*")) and not (site / "assets" / "vendor" / "mermaid").exists()


def test_footer_shows_the_bureaus_contacts_from_the_data(site):
    p = load_policy()
    for url in PAGES:
        footer = page(site, url).split('<footer class="md-footer">', 1)[1]
        for office in p.raw["office"]:
            if office.get("phone"):
                assert f"{office['area_code']}-{office['phone']}" in footer, url


def test_site_is_configured_for_the_public_in_china(site):
    home = page(site, "")
    assert '<html lang="zh"' in home
    assert "fonts.googleapis" not in home and "fonts.gstatic" not in home
    assert 'data-md-color-scheme="default"' in home
    assert home.count('name="__palette"') == 2  # a light and a dark palette
    config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', home, re.S).group(1))
    assert "navigation.instant" in config["features"]
    assert '<meta name="description"' in home


# ---- no other host ----------------------------------------------------------------------------------


def _requests(site: Path, inside_wizard: bool) -> list[str]:
    return [
        f"{f.path}: {f.url}  ({f.where[:120]})"
        for f in site_offline.scan(site)
        if f.request and f.path.startswith("wizard/") == inside_wizard
    ]


def test_no_built_file_refers_to_another_host(site):
    """HTML, CSS, JS, JSON, XML and SVG of the whole site except the wizard's own directory (below)."""
    requests = _requests(site, inside_wizard=False)
    assert not requests, "\n".join(requests)


def test_no_wizard_file_refers_to_another_host(site):
    requests = _requests(site, inside_wizard=True)
    assert not requests, "\n".join(requests)


def test_material_bundle_refers_only_to_this_site(site):
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert "unpkg.com" not in bundle and "jsdelivr" not in bundle and "api.github.com" not in bundle
    assert '"data:text/javascript,"' in bundle, "the mermaid loader points nowhere (no page has a diagram to draw)"
    assert (site / site_offline.POLYFILL).is_file()
    assert not [m for m in (site / "assets").rglob("*.map") if "vendor" not in m.parts]


def test_graphviz_is_the_pinned_npm_package():
    pinned = json.loads((REPO / "wizard" / "package.json").read_text())["dependencies"]["@viz-js/viz"]
    lock = json.loads((REPO / "wizard" / "package-lock.json").read_text())
    assert lock["packages"]["node_modules/@viz-js/viz"]["version"] == pinned == "3.31.0"


@pytest.mark.parametrize(
    "snippet, request_expected",
    [
        ('<script src="https://cdn.example.com/x.js"></script>', True),
        ('<link rel="stylesheet" href="//fonts.example.net/a.css">', True),
        ('<a href="https://www.example.gov.cn/">x</a>', True),
        ('<img srcset="/a.png 1x, https://img.example.com/b.png 2x">', True),
        ('<div style="background:url(https://img.example.com/b.png)"></div>', True),
        ('<script>fetch("https://api.example.com/v1")</script>', True),
        ('<script>import("https://esm.example.com/m.js")</script>', True),
        ("<script>x.innerHTML='<img src=\"https://t.example.com/p.gif\">'</script>", True),
        ('<style>@import "https://fonts.example.com/c.css";</style>', True),
        ('<svg xmlns="http://www.w3.org/2000/svg"></svg>', False),
        ("<script>/*! lib | MIT https://lib.example.org/license */</script>", False),
        ('<script>throw Error("see https://docs.example.org/errors#x for help")</script>', False),
        ("<p>no url here: 技能人才评价工作网</p>", None),
    ],
)
def test_the_scanner_tells_requests_from_mentions(tmp_path, snippet, request_expected):
    (tmp_path / "index.html").write_text(snippet, encoding="utf-8")
    findings = site_offline.scan(tmp_path)
    if request_expected is None:
        assert not findings
    elif request_expected:
        assert findings and all(f.request for f in findings), findings
    else:
        assert not [f for f in findings if f.request], findings


# ---- search -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def search_index(site) -> dict:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))


def test_search_finds_every_two_character_notice_word_in_every_section(search_index):
    """答辩, 津贴 and the notice's other two-character words: every section that has one is found by
    searching for it (as the browser searches: word starts only)."""
    words = {w for w in site_search.vocabulary(site_model.load_site()) if len(w) == 2}
    assert {"答辩", "津贴", "否决", "工匠", "公示"} <= words
    assert site_search.misses(search_index, words) == {}


def test_search_finds_the_names_in_the_data_on_their_pages(search_index):
    p = load_policy()
    names = [h["name"] for h in p.honors] + [s["name"] for s in p.studios] + [s["name"] for s in p.series]
    names += [s["name"] for s in p.skill_levels] + ["领办人", "水平能力测试", "诚信承诺书", "书面答辩", "一票否决"]
    assert site_search.misses(search_index, names, by_page=True) == {}


class _Text(HTMLParser):
    """The words a reader sees on a page: text outside scripts, styles and the SVG charts' hidden parts."""

    def __init__(self):
        super().__init__()
        self.skip = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


BUILDERS = re.compile(r"(?<!搜索)引擎|数据版本|(?<![A-Za-z0-9])[ABTE]\d{1,2}(?![0-9])")


def test_no_builders_words_on_a_public_page(site):
    """Issue 31: no 引擎, 数据版本 or rule ids (A1–A6, B1–B3, …) anywhere the public reads: every built page
    but the staff guide (staff may read ids), the flowcharts' text included. (Material's own 搜索引擎 is a plain word.)"""
    found = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("staff/"):
            continue
        parser = _Text()
        parser.feed(path.read_text(encoding="utf-8"))
        words = " ".join(parser.parts)
        hits = sorted({m.group(0) for m in BUILDERS.finditer(words)})
        if hits:
            found[rel] = hits
    assert not found, found
