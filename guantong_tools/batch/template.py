"""The blank template (batch.md, Template): a sheet per pathway with an example row each, drop-down lists
written into the validations, and a sheet that says how to fill every column and on which clause."""

from __future__ import annotations

import io
import re

from guantong.policy import PATHWAYS, load_policy
from guantong.words import PATHWAY_SHEET

from .cells import DATE_HOW, NO_STUDIO, STUDIO_WORDS
from .reading import header_key
from .rows import BY_KEY, EXAMPLE_MARK, EXPLAIN_SHEET

A, B = PATHWAYS


TEMPLATE_A = [
    "姓名",
    "编号",
    "受理截止日期",
    "单位在黄石市",
    "一线或技能岗位",
    "高级工取得日期",
    "技师取得日期",
    "高级技师取得日期",
    "中断技能工作月数",
    "荣誉",
    "技能大师工作室",
    "工作室领办日期",
    "申报系列",
    "专业与工种相同或相近",
    "近3年年度考核合格",
    "弄虚作假记录",
]

TEMPLATE_B = [
    "姓名",
    "编号",
    "受理截止日期",
    "助理级取得日期",
    "中级取得日期",
    "副高级取得日期",
    "正高级取得日期",
    "从事技术技能岗位",
    "申报职业（工种）",
    "职业与岗位对应",
    "参加本职业工作日期",
    "累计工作年限",
    "中断工作月数",
    "高级工年限要求",
    "技师年限要求",
    "高级技师年限要求",
    "相关专业毕业",
    "弄虚作假记录",
]

EXAMPLE_A = {
    "姓名": f"张三{EXAMPLE_MARK}",
    "编号": "A001",
    "单位在黄石市": "是",
    "一线或技能岗位": "是",
    "技师取得日期": "2019-06-30",
    "中断技能工作月数": 0,
    "荣誉": "黄石工匠 2023-05-01",
    "技能大师工作室": NO_STUDIO,
    "申报系列": "工程技术",
    "专业与工种相同或相近": "是",
    "近3年年度考核合格": "是",
    "弄虚作假记录": "否",
}

EXAMPLE_B = {
    "姓名": f"李四{EXAMPLE_MARK}",
    "编号": "B001",
    "中级取得日期": "2018-12-01",
    "从事技术技能岗位": "是",
    "申报职业（工种）": "电工",
    "职业与岗位对应": "是",
    "参加本职业工作日期": "2005-03-01",
    "中断工作月数": 0,
    "高级工年限要求": 6,
    "技师年限要求": 10,
    "高级技师年限要求": 15,
    "相关专业毕业": "否",
    "弄虚作假记录": "否",
}

SERIES_LIST = "{series}"  # stands for the policy data's series in EXPLAIN (filled in by template())
EXPLAIN = {
    "姓名": ("必填", "—"),
    "编号": ("选填：工号等，结果中原样显示", "—"),
    "受理截止日期": ("日期；空着则用命令的 --deadline 或页面上的统一日期，再没有则按本年度公布的截止时间", "3.2"),
    "单位在黄石市": ("是 / 否 / 不确定", "2.1"),
    "一线或技能岗位": ("是 / 否 / 不确定", "2.1"),
    "高级工取得日期": ("日期；取得了才填，三列都空表示都没有", "2.1"),
    "技师取得日期": ("日期", "2.4.1.2"),
    "高级技师取得日期": ("日期", "2.4.1.3"),
    "中断技能工作月数": ("整数；没有中断填 0", "2.4.1"),
    "荣誉": ("名称，可跟日期（黄石工匠 2023-05-01）；多项用顿号或分号隔开；空着表示没有", "2.4.1"),
    "技能大师工作室": (" / ".join([NO_STUDIO, *STUDIO_WORDS]) + "（领办人才算）", "2.4.1"),
    "工作室领办日期": ("日期，选填", "2.4.1"),
    "申报系列": (SERIES_LIST, "2.2"),  # the policy data's series, named when the template is made
    "专业与工种相同或相近": ("是 / 否 / 不确定", "1.2.3"),
    "近3年年度考核合格": ("是 / 否 / 不确定", "2.4.1"),
    "弄虚作假记录": ("是 = 有记录（一票否决）", "1.2.1"),
    "助理级取得日期": ("日期；四列都空表示没有职称", "2.1"),
    "中级取得日期": ("日期", "2.4.2"),
    "副高级取得日期": ("日期", "2.4.2"),
    "正高级取得日期": ("日期", "2.4.2"),
    "从事技术技能岗位": ("是 / 否 / 不确定", "2.1"),
    "申报职业（工种）": ("国家职业技能标准中的职业名称", "2.4.2"),
    "职业与岗位对应": ("是 / 否 / 不确定", "1.2.3"),
    "参加本职业工作日期": ("日期；与“累计工作年限”填一个即可", "2.4.2"),
    "累计工作年限": ("整数（已扣除中断）", "2.4.2"),
    "中断工作月数": ("整数", "2.4.2"),
    "高级工年限要求": ("该职业国家职业技能标准要求的累计年限", "2.4.2"),
    "技师年限要求": ("同上", "2.4.2"),
    "高级技师年限要求": ("同上", "2.4.2"),
    "相关专业毕业": ("是 / 否", "2.3.2"),
}

LISTS = {"yesno": ["是", "否", "不确定"], "studio": [NO_STUDIO, *STUDIO_WORDS]}


def is_date(header: str) -> bool:
    return BY_KEY[header_key(header)][3] in ("date", "dated")


def template() -> bytes:
    import openpyxl
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    policy = load_policy()
    book = openpyxl.Workbook()
    book.remove(book.active)
    # The drop-down lists written in the validations themselves (Excel's "a,b,c" lists, at most 255
    # characters), not as references to a hidden sheet: the file holds no formula, and a list made from
    # it has no hidden sheet to report.
    lists = {**LISTS, "series": [s["name"] for s in policy.series]}
    refs = {key: '"' + ",".join(values) + '"' for key, values in lists.items()}
    if max(map(len, refs.values())) > 255:
        raise ValueError("下拉列表超过 Excel 的 255 个字符上限")
    for title, headers, example in ((PATHWAY_SHEET[A], TEMPLATE_A, EXAMPLE_A), (PATHWAY_SHEET[B], TEMPLATE_B, EXAMPLE_B)):
        ws = book.create_sheet(title)
        ws.append(headers)
        ws.append([example.get(h) for h in headers])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "B2"
        for i, h in enumerate(headers, start=1):
            letter = openpyxl.utils.get_column_letter(i)
            ws.column_dimensions[letter].width = max(10, len(h) * 2 + 2)
            if is_date(h):
                # Text cells, so that Excel keeps a typed 2014.10 (as a number it would be 2014.1), and the
                # way to write a date shown when a cell is chosen (a validation's input message: no comment).
                ws.column_dimensions[letter].number_format = "@"
                note = DataValidation(allow_blank=True, showInputMessage=True, promptTitle=h[:32], prompt=DATE_HOW)
                ws.add_data_validation(note)
                note.add(f"{letter}2:{letter}1000")
            kind = BY_KEY[header_key(h)][3]
            source = "yesno" if kind == "bool" else "studio" if kind == "studio" else "series" if h == "申报系列" else None
            if source:
                dv = DataValidation(type="list", formula1=refs[source], allow_blank=True)
                dv.error, dv.errorTitle = "请从列表中选择", "无效的值"
                ws.add_data_validation(dv)
                dv.add(f"{letter}2:{letter}1000")
    info = book.create_sheet(EXPLAIN_SHEET)
    info.append(["列", "怎么填", f"依据（{policy.raw['data']['notice']}条款）"])
    for h in dict.fromkeys(TEMPLATE_A + TEMPLATE_B):
        how, clause = EXPLAIN[h]
        how = how.replace(SERIES_LIST, "、".join(s["name"] for s in policy.series))
        info.append([h, how.replace("日期", f"日期（{DATE_HOW}）", 1) if is_date(h) else how, clause])
    info.append([])
    info.append(
        [
            "说明",
            "每个工作表第一行是表头，从第二行起每行一人；两个工作表分别对应两条贯通路径。"
            "示例行（姓名后有“（示例，请删除本行）”）可以删除，不删除也不会当作人员读取。"
            "文件只在您的电脑上读取，不会上传。结果仅供参考，以评审、评价部门的认定为准。",
            "",
        ]
    )
    for col, width in (("A", 20), ("B", 80), ("C", 24)):
        info.column_dimensions[col].width = width
    buf = io.BytesIO()
    book.save(buf)
    return _stable(buf.getvalue())


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _stable(xlsx: bytes) -> bytes:
    """The same template bytes on every run (the site serves it; a rebuild should not change it): the
    zip's dates and the document's created/modified stamps fixed (to the notice's year)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _STAMP.sub(rb"\g<1>2021-01-01T00:00:00Z\g<2>", data)
            dst.writestr(zipfile.ZipInfo(info.filename, (2021, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()
