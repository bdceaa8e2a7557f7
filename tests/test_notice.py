"""黄人社发〔2021〕12号条款数据（guantong/data/notice.toml）与 guantong.clauses 的测试。"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guantong import clauses
from guantong.clauses import NoticeError, load_notice

REPO = Path(__file__).resolve().parents[1]

SOURCE = Path(__file__).resolve().parents[2] / "shared/policy/huangrenshefa-2021-12.txt"
DATA = REPO / "guantong" / "data" / "notice.toml"

EXPECTED_IDS = [
    "1",
    "1.1",
    "1.2",
    "1.2.1",
    "1.2.2",
    "1.2.3",
    "2",
    "2.1",
    "2.2",
    "2.3",
    "2.3.1",
    "2.3.2",
    "2.3.3",
    "2.4",
    "2.4.1",
    "2.4.1.1",
    "2.4.1.2",
    "2.4.1.3",
    "2.4.2",
    "2.4.2.1",
    "2.4.2.2",
    "2.4.2.3",
    "2.5",
    "2.5.1",
    "2.5.1.1",
    "2.5.1.2",
    "2.5.1.3",
    "2.5.1.4",
    "2.5.2",
    "2.5.2.1",
    "2.5.2.2",
    "2.5.2.3",
    "3",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "4",
]


@pytest.fixture(scope="module")
def notice():
    return load_notice()


def _norm(text: str) -> str:
    """去掉空白，括号一律作全角。"""
    return re.sub(r"\s+", "", text).replace("(", "（").replace(")", "）")


def _concatenated(notice) -> str:
    """meta 中原件印出的字段和全部条款，按原件顺序、按原件印法连接（见 notice.toml 顶部说明）。"""
    parts = [notice.meta[k] for k in ("masthead", "doc_number", "title", "addressees", "preamble")]
    for c in notice.clauses.values():
        head = c.label + (c.heading if c.heading_printed else "")
        parts.append(head + ("。" if c.heading_printed and c.text else "") + c.text)
    parts.append(notice.meta["signoff"])
    return "\n".join(parts)


def _all_strings(notice) -> list[str]:
    out = [v for v in notice.meta.values() if isinstance(v, str)]
    for c in notice.clauses.values():
        out += [c.label, c.heading, c.text, c.summary]
    return out


# --- 结构 -------------------------------------------------------------------


def test_clause_ids_are_exactly_the_tree_in_document_order(notice):
    assert list(notice.clauses) == EXPECTED_IDS


def test_every_parent_exists_and_precedes_its_children(notice):
    ids = list(notice.clauses)
    for cid, c in notice.clauses.items():
        expected_parent = cid.rpartition(".")[0] or None
        assert c.parent == expected_parent
        if c.parent is not None:
            assert c.parent in notice.clauses
            assert ids.index(c.parent) < ids.index(cid)


def test_anchors_unique_and_well_formed(notice):
    anchors = [clauses.anchor(cid) for cid in notice.clauses]
    assert len(set(anchors)) == len(anchors)
    for a in anchors:
        assert re.fullmatch(r"c-[0-9-]+", a), a
    assert clauses.anchor("2.4.1.2") == "c-2-4-1-2"
    assert clauses.anchor("4") == "c-4"
    assert notice.clauses["2.4.1.2"].anchor == "c-2-4-1-2"


def test_labels_use_full_width_parentheses(notice):
    for c in notice.clauses.values():
        assert "(" not in c.label and ")" not in c.label, c.id
    assert notice.clauses["1.1"].label == "（一）"
    assert notice.clauses["2.4.1.2"].label == "（2）"
    assert notice.clauses["2.3.1"].label == "1."
    assert notice.clauses["3"].label == "三、"
    assert notice.clauses["4"].label == ""


def test_headings(notice):
    c = notice.clauses
    assert c["1.1"].heading == "指导思想"
    assert c["1.2"].heading == "基本原则"
    assert c["1.2.1"].heading == "以德为先"
    assert c["2.4.1.2"].heading == "申报评审中级职称"
    assert c["2.5.1"].heading == "高技能人才参加专业技术职称评审"
    for cid in ("2.5.1.1", "2.5.1.2", "2.5.1.3", "2.5.1.4", "2.5.2.1", "2.5.2.2", "2.5.2.3", "4"):
        assert c[cid].heading_printed is False, cid
        assert c[cid].heading
    printed = [cid for cid, x in c.items() if x.heading_printed]
    assert "2.4.1.1" in printed and "3.4" in printed


def test_heading_only_clauses_have_empty_text_and_leaves_have_text(notice):
    parents = {c.parent for c in notice.clauses.values()}
    for cid, c in notice.clauses.items():
        if cid in {"1", "1.2", "2", "2.3", "2.4", "2.5", "2.5.1", "2.5.2", "3"}:
            assert c.text == "", cid
        if cid not in parents:
            assert c.text, cid
        assert c.summary.strip(), cid
        assert "\n" not in c.summary, cid


def test_clause_2_1_keeps_two_paragraphs(notice):
    paras = notice.clauses["2.1"].paragraphs
    assert len(paras) == 2
    assert paras[0].startswith("在我市各行业")
    assert paras[1].startswith("取得专业技术职务任职资格")


def test_meta(notice):
    m = notice.meta
    assert m["issuer"] == "黄石市人力资源和社会保障局"
    assert m["doc_number"] == "黄人社发〔2021〕12号"
    assert m["title"] == "关于进一步加强高技能人才与专业技术人才职业发展贯通的通知"
    assert str(m["issued"]) == "2021-06-02"
    assert m["issued_by"] == "黄石市人力资源和社会保障局办公室"
    assert m["addressees"].startswith("大冶市、阳新县")
    assert m["preamble"].endswith("通知如下：")
    assert "2021年6月2日印发" in m["signoff"]


def test_children_and_ancestors(notice):
    assert [c.id for c in clauses.children("2.4")] == ["2.4.1", "2.4.2"]
    assert [c.id for c in clauses.children("2.5.1")] == ["2.5.1.1", "2.5.1.2", "2.5.1.3", "2.5.1.4"]
    assert clauses.children("2.4.1.2") == ()
    assert [c.id for c in clauses.children(None)] == ["1", "2", "3", "4"]
    assert [c.id for c in clauses.ancestors("2.4.1.2")] == ["2", "2.4", "2.4.1"]
    assert clauses.ancestors("3") == ()
    assert clauses.exists("2.4.1.2")
    assert not clauses.exists("2.4.1.4")
    assert not clauses.exists("5")
    with pytest.raises(KeyError):
        clauses.cite("2.6")


def test_load_notice_is_cached():
    assert load_notice() is load_notice()


# --- cite() -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("cid", "expected"),
    [
        ("2.4.1.2", "第二部分第（四）条第1款第（2）项"),
        ("2.4.2.3", "第二部分第（四）条第2款第（3）项"),
        ("2.1", "第二部分第（一）条"),
        ("1.2.1", "第一部分第（二）条第1款"),
        ("3", "第三部分"),
        ("3.2", "第三部分第（二）条"),
        ("4", "正文末段"),
    ],
)
def test_cite(cid, expected):
    assert clauses.cite(cid) == expected


# --- 与原文一致 ----------------------------------------------------------------


def _source_text() -> str:
    if not SOURCE.is_file():
        pytest.skip(f"没有原文文件 {SOURCE}（../shared 未挂载在仓库旁），跳过逐字比对")
    return SOURCE.read_text(encoding="utf-8")


def test_fidelity_to_source(notice):
    raw = _source_text()
    assert raw.count("专\n\n专业技术人才") == 1
    expected = _norm(raw.replace("专\n\n专业技术人才", "专业技术人才"))
    got = _norm(_concatenated(notice))
    if got != expected:
        i = next((k for k, (a, b) in enumerate(zip(got, expected, strict=False)) if a != b), min(len(got), len(expected)))
        pytest.fail(
            f"数据与原文在第 {i} 个字处不一致：\n数据：…{got[max(0, i - 30) : i + 30]}…\n原文：…{expected[max(0, i - 30) : i + 30]}…"
        )
    # 模块给出的还原全文与此相同
    assert _norm(notice.printed_text()) == expected


def test_mended_forms_present_and_broken_forms_absent(notice):
    c = notice.clauses
    assert "现就加强高技能人才与专业技术人才" in notice.meta["preamble"]
    assert "专业技术职务任职资格评审" in c["2.5.1.1"].text
    assert "可开展职业技能等级认定企业" in c["2.5.2.2"].text
    assert "高技能人才和专业技术人才队伍建设" in c["3.3"].text
    assert "职业资格考试，鼓励专业技术人才" in c["1.2.3"].text
    assert "或获得世界技能大赛铜奖" in c["2.4.1.2"].text
    everything = "\n".join(_all_strings(notice))
    for mended in ("加强高技能人才", "职务任职资格评审", "职业技能等级认定", "高技能人才和专业技术人才"):
        assert mended in everything, mended
    broken = [r"加强\s+高技能人才", r"任职资\s+格", r"职业技能等级\s+认定", r"专\s*专业技术人才", r"或获得\s+世界"]
    raw_data = DATA.read_text(encoding="utf-8")
    for pattern in broken:
        assert not re.search(pattern, everything), pattern
        assert not re.search(pattern, raw_data), pattern
    # 段落内部不应有换行（只有 2.1 的两段之间有空行）
    for s in _all_strings(notice):
        if s is notice.meta["signoff"] or s is c["2.1"].text:
            continue
        assert "\n" not in s, s[:20]


def test_contact_numbers_in_closing_clause(notice):
    text = notice.clauses["4"].text
    assert "6513138" in text and "6513182" in text
    assert "未尽事宜" in text
    for cid, c in notice.clauses.items():
        if cid != "4":
            assert "6513138" not in c.text and "6513182" not in c.text


# --- 数据有误时的报错 -------------------------------------------------------------


def _write_variant(tmp_path, old: str, new: str) -> Path:
    text = DATA.read_text(encoding="utf-8")
    assert old in text
    p = tmp_path / "notice.toml"
    p.write_text(text.replace(old, new, 1), encoding="utf-8")
    return p


def test_error_duplicate_id(tmp_path):
    p = _write_variant(tmp_path, 'id = "1.2.2"', 'id = "1.2.1"')
    with pytest.raises(NoticeError, match="重复") as exc:
        load_notice(p)
    assert str(p) in str(exc.value) and "id" in str(exc.value)


def test_error_missing_parent(tmp_path):
    text = DATA.read_text(encoding="utf-8")
    start = text.index('[[clause]]\nid = "2.3"\n')
    end = text.index("[[clause]]", start + 1)
    p = tmp_path / "notice.toml"
    p.write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(NoticeError, match="上级条款 “2.3” 不存在"):
        load_notice(p)


def test_error_label_mismatch(tmp_path):
    p = _write_variant(tmp_path, 'id = "2.4.1.2"\nlabel = "（2）"', 'id = "2.4.1.2"\nlabel = "（3）"')
    with pytest.raises(NoticeError, match="label"):
        load_notice(p)


def test_error_half_width_label(tmp_path):
    p = _write_variant(tmp_path, 'id = "1.1"\nlabel = "（一）"', 'id = "1.1"\nlabel = "(一)"')
    with pytest.raises(NoticeError, match="全角"):
        load_notice(p)


def test_error_missing_key(tmp_path):
    p = _write_variant(tmp_path, 'doc_number = "黄人社发〔2021〕12号"\n', "")
    with pytest.raises(NoticeError, match="doc_number"):
        load_notice(p)


def test_error_missing_file(tmp_path):
    with pytest.raises(NoticeError):
        load_notice(tmp_path / "nope.toml")
