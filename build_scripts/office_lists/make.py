"""Makes the office lists beside this script: one list of people as offices keep it, written by openpyxl as
``名单.xlsx`` and saved by LibreOffice (Debian's ``libreoffice-calc-nogui``) as Excel 97–2003 (``名单.xls``,
copied as WPS's ``名单.et``: the same BIFF format), OpenDocument (``名单.ods``) and Excel's 「Unicode 文本」
(``名单.txt``, UTF-16 tab-separated: its first sheet), plus ``1904.xls`` (a workbook in the 1904 date system,
as Excel for Mac once saved). The tests and the batch page's build read these files; they are kept in the
repository so that neither needs LibreOffice. Run again after changing the list:

    python -m build_scripts.office_lists.make
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path

from build_scripts.office_lists import HERE

TITLE = "XX公司2026年申报人员名单"

A_HEADERS = [
    "序号",
    "姓名",
    "编号",
    "申报方向",
    "单位在黄石市",
    "一线或技能岗位",
    "高级工取得日期",
    "技师取得日期",
    "中断技能工作月数",
    "荣誉",
    "技能大师工作室",
    "申报系列",
    "专业与工种相同或相近",
    "近3年年度考核合格",
    "弄虚作假记录",
    "受理截止日期",
]
A_PEOPLE = [
    [
        1,
        "王五",
        "W1",
        "职称",
        "是",
        "是",
        None,
        dt.datetime(2019, 6, 30),
        0,
        "全国技术能手",
        "无",
        "工程技术",
        "是",
        "是",
        "否",
        dt.datetime(2026, 6, 30),
    ],
    [
        2,
        "赵六",
        "W2",
        "职称",
        "是",
        "是",
        dt.datetime(2014, 10, 1),
        "2023.6",
        2,
        "黄石工匠 2023-05-01",
        "无",
        "农业",
        "是",
        "是",
        "否",
        "2026-06-30",
    ],
    [3, "钱七", "W3", "职称", "否", "是", None, "2019-02-30", 0, None, "无", "工程技术", "是", "是", "否", "2026-06-30"],
    [4, "孙八", "W4", "职称", "是", "是", "2014.10", None, "1", None, "黄石市", "工程技术", "是", "否", "否", "2026-06-30"],
]
B_HEADERS = [
    "姓名",
    "申报方向",
    "中级取得日期",
    "从事技术技能岗位",
    "申报职业（工种）",
    "职业与岗位对应",
    "参加本职业工作日期",
    "中断工作月数",
    "高级工年限要求",
    "技师年限要求",
    "高级技师年限要求",
    "相关专业毕业",
    "弄虚作假记录",
    "受理截止日期",
]
B_PEOPLE = [
    [
        "李四",
        "技能等级",
        dt.datetime(2018, 12, 1),
        "是",
        "电工",
        "是",
        dt.datetime(2005, 3, 1),
        0,
        6,
        10,
        15,
        "否",
        "否",
        dt.datetime(2026, 6, 30),
    ],
    ["周九", "技能等级", "2020年3月", "是", "焊工", "是", "2010", 0, 6, 10, 15, "是", "否", dt.datetime(2026, 6, 30)],
]


def workbook(epoch_1904: bool = False) -> bytes:
    """The list as openpyxl writes it: a merged title above the headers, a pathway merged down two rows,
    dates as date cells and as text, a 合计 row, a second sheet, and a hidden sheet of options."""
    import io

    import openpyxl
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    book = openpyxl.Workbook()
    if epoch_1904:
        book.epoch = CALENDAR_MAC_1904
    ws = book.active
    ws.title = "申报职称"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(A_HEADERS))
    ws.append(A_HEADERS)
    for person in A_PEOPLE:
        ws.append(person)
    ws["L4"] = None
    ws.merge_cells("L3:L4")  # 申报系列 of 王五 and 赵六 merged: 工程技术 for both
    ws.append(["合计", "4 人"])
    for row in ws.iter_rows(min_row=3):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy-mm-dd"
    b = book.create_sheet("申报技能等级")
    b.append(B_HEADERS)
    for person in B_PEOPLE:
        b.append(person)
    for row in b.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, dt.datetime):
                cell.number_format = "yyyy年m月d日"
    options = book.create_sheet("选项")
    options.append(["姓名"])
    options.append(["是"])
    options.sheet_state = "hidden"
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def convert(source: Path, target: str, filter_options: str = "") -> Path:
    """``source`` saved by LibreOffice headless as ``target`` (an extension, or extension:filter)."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target + filter_options,
                "--outdir",
                str(source.parent),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    return source.with_suffix("." + target.split(":")[0])


def main() -> None:
    if not shutil.which("soffice"):
        raise SystemExit("需要 LibreOffice：apt-get install -y libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        xlsx = work / "名单.xlsx"
        xlsx.write_bytes(workbook())
        shutil.copy(xlsx, HERE / "名单.xlsx")
        shutil.copy(convert(xlsx, "xls"), HERE / "名单.xls")
        shutil.copy(HERE / "名单.xls", HERE / "名单.et")
        shutil.copy(convert(xlsx, "ods"), HERE / "名单.ods")
        # Excel's 「Unicode 文本」: tab (9), no text quote, UTF-16 (65535), of the first sheet.
        shutil.copy(convert(xlsx, "txt:Text - txt - csv (StarCalc)", ":9,,65535"), HERE / "名单.txt")
        mac = work / "1904.xlsx"
        mac.write_bytes(workbook(epoch_1904=True))
        shutil.copy(convert(mac, "xls"), HERE / "1904.xls")


if __name__ == "__main__":
    main()
