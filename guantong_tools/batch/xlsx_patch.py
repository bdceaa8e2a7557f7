"""The result columns written straight into an input workbook's sheet XML (issue 25: 10 000 rows in well
under the 5 s that openpyxl's load and save of the whole workbook took).

Only a plain workbook is patched: every part one of the kinds below, no formula, hyperlink or carriage
return in its sheets (what `batch._as_values` changes), every row and its last cell numbered, styles with
fonts and cell formats. Anything else returns None and goes the openpyxl way (batch.write_xlsx), which
gives the same cells; `tests/test_batch_xlsx_patch.py` holds the two ways equal.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

# Parts a plain workbook is made of; any other (macros, external links, drawings, comments, a calcChain
# that names formula cells) sends the workbook the openpyxl way.
PLAIN_PARTS = re.compile(
    r"\[Content_Types\]\.xml|_rels/\.rels|docProps/[\w.]+\.xml|xl/workbook\.xml"
    r"|xl/_rels/workbook\.xml\.rels|xl/styles\.xml|xl/theme/theme\d+\.xml|xl/sharedStrings\.xml"
    r"|xl/worksheets/sheet\d+\.xml|xl/worksheets/_rels/sheet\d+\.xml\.rels"
    r"|xl/printerSettings/printerSettings\d+\.bin"
)
MAIN_TYPE = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "p": "http://schemas.openxmlformats.org/package/2006/relationships",
}
PRINTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/printerSettings"
ACTIVE = re.compile(rb"<(?:\w+:)?(?:f|hyperlink)[ >/]|&#13;|&#x[dD];|\r")
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]+)\d+"')
CELL = re.compile(rb"<c\b[^>]*?(?:/>|>.*?</c>)", re.S)
NUMBER = re.compile(rb'\br="(\d+)"')
SPANS = re.compile(rb'\sspans="[^"]*"')
ROW_OPEN = re.compile(rb"<row\b([^>]*?)(/?)>")


class NotPlain(Exception):
    """The workbook is not one this module patches."""


def column_of(ref: bytes) -> int:
    """b"AB" → 28 (openpyxl's reading of a column's letters)."""
    from openpyxl.utils import column_index_from_string

    return column_index_from_string(ref.decode())


def _xml_text(value) -> bytes:
    """A value as the text of an XML element: characters XML cannot hold dropped, carriage returns made line
    feeds (as batch.writing.put does for the openpyxl way), &, < and > escaped."""
    return escape(ILLEGAL.sub("", str(value)).replace("\r\n", "\n").replace("\r", "\n")).encode("utf-8")


def _cell(ref: str, value, style: int | None) -> bytes:
    s = f' s="{style}"' if style is not None else ""
    return b'<c r="%s"%s t="inlineStr"><is><t xml:space="preserve">%s</t></is></c>' % (ref.encode(), s.encode(), _xml_text(value))


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """{sheet name: its part's name in the zip}."""
    book = ET.fromstring(z.read("xl/workbook.xml"))
    rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels.findall("p:Relationship", NS)}
    out = {}
    for sheet in book.iterfind("m:sheets/m:sheet", NS):
        target = targets.get(sheet.get(f"{{{NS['r']}}}id")) or ""
        out[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def _styles(xml: bytes) -> tuple[bytes, int, int]:
    """styles.xml with a bold copy of the workbook's first font and two cell formats added (the bold header,
    the wrapped long text): the new styles.xml and the two formats' indexes."""
    fonts = re.search(rb"<fonts\b[^>]*>(.*?)</fonts>", xml, re.S)
    xfs = re.search(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", xml, re.S)
    if not fonts or not xfs or b"<cellStyleXfs" not in xml or b"<fills" not in xml or b"<borders" not in xml:
        raise NotPlain("styles")
    font_list = re.findall(rb"<font\b[^>]*?(?:/>|>.*?</font>)", fonts.group(1), re.S)
    xf_count = len(re.findall(rb"<xf\b", xfs.group(1)))
    if not font_list:
        raise NotPlain("fonts")
    first = re.sub(rb"<b\b[^>]*/>", b"", font_list[0])
    bold = b"<font><b/></font>" if first.endswith(b"/>") else re.sub(rb"^<font\b([^>]*)>", rb"<font\1><b/>", first)
    new_xfs = (
        b'<xf numFmtId="0" fontId="%d" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
        % len(font_list)
        + b'<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">'
        b'<alignment vertical="top" wrapText="1"/></xf>'
    )
    # The later element first, so that the earlier one's offsets still hold.
    parts = sorted([(fonts, bold, len(font_list) + 1), (xfs, new_xfs, xf_count + 2)], key=lambda p: -p[0].start())
    for match, added, count in parts:
        head = re.sub(rb'\bcount="\d+"', b'count="%d"' % count, xml[match.start() : match.start(1)])
        xml = xml[: match.start()] + head + match.group(1) + added + xml[match.end(1) :]
    return xml, xf_count, xf_count + 1


def _patch_sheet(xml: bytes, first: int, rows: dict[int, list[tuple[int, object, int | None]]]) -> bytes:
    """A sheet's XML with cells added: ``rows`` {row number: [(column, value, style)]} in column order,
    replacing any cell the row had at those columns."""
    from openpyxl.utils import get_column_letter as letters

    if re.search(rb"<\w+:sheetData\b", xml) or b"<sheetData" not in xml:
        raise NotPlain("sheetData")
    start = xml.index(b">", xml.index(b"<sheetData")) + 1
    if xml[start - 2 : start] == b"/>":  # an empty sheet: <sheetData/>
        head, body, tail = xml[: start - 2] + b">", b"", b"</sheetData>" + xml[start:]
    else:
        end = xml.index(b"</sheetData>", start)
        head, body, tail = xml[:start], xml[start:end], xml[end:]
    last = first + max((len(c) for c in rows.values()), default=0) - 1
    pending = sorted(rows)
    out, i, previous, at = [], 0, 0, 0

    def new_cells(number: int) -> bytes:
        return b"".join(_cell(f"{letters(col)}{number}", value, style) for col, value, style in rows[number])

    for match in ROW.finditer(body):
        found = NUMBER.search(match.group(1))
        if not found:
            raise NotPlain("a row without its number")
        number = int(found.group(1))
        if number <= previous:
            raise NotPlain("rows out of order")
        previous = number
        while i < len(pending) and pending[i] < number:
            out.append(body[at : match.start()])
            at = match.start()
            out.append(b'<row r="%d">%s</row>' % (pending[i], new_cells(pending[i])))
            i += 1
        if i < len(pending) and pending[i] == number:
            out.append(body[at : match.start()])
            at = match.end()
            attrs, content = SPANS.sub(b"", match.group(1)), match.group(2) or b""
            tail_at = content.rfind(b"<c ")
            ref = CELL_REF.match(content, tail_at) if tail_at >= 0 else None
            if tail_at >= 0 and not ref:
                raise NotPlain("a cell without its reference")
            if ref is None or column_of(ref.group(1)) < first:
                content += new_cells(number)
            else:  # cells at or past our columns: merged in column order
                cells = []
                for cell in CELL.finditer(content):
                    got = CELL_REF.match(cell.group(0))
                    if not got:
                        raise NotPlain("a cell without its reference")
                    col = column_of(got.group(1))
                    if not first <= col <= last:
                        cells.append((col, cell.group(0)))
                cells += [(col, _cell(f"{letters(col)}{number}", value, style)) for col, value, style in rows[number]]
                content = b"".join(c for _, c in sorted(cells, key=lambda c: c[0]))
            out.append(b"<row%s>%s</row>" % (attrs, content))
            i += 1
    out.append(body[at:])
    out += [b'<row r="%d">%s</row>' % (n, new_cells(n)) for n in pending[i:]]
    head = _dimension(head, last, max([previous, *pending]))
    return head + b"".join(out) + tail


def _dimension(head: bytes, last_column: int, last_row: int) -> bytes:
    from openpyxl.utils import get_column_letter

    found = re.search(rb'<dimension ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"', head)
    if not found:
        return head
    end_col = max(column_of(found.group(3) or found.group(1)), last_column)
    end_row = max(int(found.group(4) or found.group(2)), last_row)
    ref = b"%s%s:%s%d" % (found.group(1), found.group(2), get_column_letter(end_col).encode(), end_row)
    return head[: found.start()] + b'<dimension ref="' + ref + b'"' + head[found.end() :]


def _layout(xml: bytes, layout) -> bytes:
    """A sheet's XML given ``layout`` (batch.writing.Layout), as openpyxl's apply_layout gives it: the
    widths as <col> elements (a range of the input's that covers a result column is split around it), the
    header row frozen (a pane in the first sheet view), the rows' heights, landscape (pageSetup's orientation)."""
    start = xml.index(b"<sheetData")
    head, tail = xml[:start], xml[start:]
    # Columns: the input's ranges outside the widths kept, ours added, in order.
    cols = re.search(rb"<cols>(.*?)</cols>|<cols/>", head, re.S)
    kept = []
    for col in re.findall(rb"<col\b[^>]*/>", (cols.group(1) or b"") if cols else b""):
        low, high = int(re.search(rb'\bmin="(\d+)"', col).group(1)), int(re.search(rb'\bmax="(\d+)"', col).group(1))
        for a, b in _outside(low, high, layout.widths):
            kept.append((a, re.sub(rb'\bmax="\d+"', b'max="%d"' % b, re.sub(rb'\bmin="\d+"', b'min="%d"' % a, col))))
    kept += [(c, b'<col min="%d" max="%d" width="%s" customWidth="1"/>' % (c, c, repr(w).encode())) for c, w in layout.widths.items()]
    new_cols = b"<cols>" + b"".join(c for _, c in sorted(kept, key=lambda k: k[0])) + b"</cols>"
    head = head[: cols.start()] + new_cols + head[cols.end() :] if cols else head + new_cols
    # The frozen header row: a pane first in the first sheet view, its selections dropped (Excel's defaults).
    pane = b'<pane ySplit="%d" topLeftCell="A%d" activePane="bottomLeft" state="frozen"/>' % (layout.header_row, layout.header_row + 1)
    view = re.search(rb"<sheetView\b([^>]*?)(/>|>(.*?)</sheetView>)", head, re.S)
    if view:
        inner = re.sub(rb"<(?:pane|selection)\b[^>]*/>", b"", view.group(3) or b"")
        head = head[: view.start()] + b"<sheetView%s>%s%s</sheetView>" % (view.group(1), pane, inner) + head[view.end() :]
    else:
        at = re.search(rb"<sheetFormatPr\b|<cols>", head).start()
        head = head[:at] + b'<sheetViews><sheetView workbookViewId="0">%s</sheetView></sheetViews>' % pane + head[at:]
    # Row heights where the long texts wrap.
    if layout.heights:

        def height(match: re.Match) -> bytes:
            number = int(NUMBER.search(match.group(1)).group(1))
            if number not in layout.heights:
                return match.group(0)
            attrs = re.sub(rb'\s(?:ht|customHeight)="[^"]*"', b"", match.group(1))
            return b'<row%s ht="%s" customHeight="1"%s>' % (attrs, repr(layout.heights[number]).encode(), match.group(2))

        tail = ROW_OPEN.sub(height, tail)
    # Landscape.
    setup = re.search(rb"<pageSetup\b[^>]*?/>", tail)
    if setup:
        element = re.sub(rb'\sorientation="[^"]*"', b"", setup.group(0))
        tail = tail[: setup.start()] + element[:-2].rstrip() + b' orientation="landscape"/>' + tail[setup.end() :]
    else:
        after = re.search(
            rb"<(?:headerFooter|rowBreaks|colBreaks|customProperties|cellWatches|ignoredErrors|smartTags|drawing"
            rb"|legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b|</worksheet>",
            tail,
        )
        tail = tail[: after.start()] + b'<pageSetup orientation="landscape"/>' + tail[after.start() :]
    return head + tail


def _outside(low: int, high: int, taken) -> list[tuple[int, int]]:
    """The parts of the column range low..high that hold no column of ``taken``."""
    out, a = [], low
    for c in sorted(x for x in taken if low <= x <= high):
        if a < c:
            out.append((a, c - 1))
        a = c + 1
    return out + ([(a, high)] if a <= high else [])


def _print_names(xml: bytes, names: list[str], layouts: dict) -> bytes:
    """workbook.xml with each laid-out sheet's print area and print titles (the header row) as defined
    names, replacing any it had."""
    from openpyxl.utils import get_column_letter as letters

    found = {}
    for index, name in enumerate(names):
        if name in layouts:
            quoted, layout = "'" + name.replace("'", "''") + "'", layouts[name]
            area = f"$A$1:${letters(layout.last_column)}${layout.last_row}"
            row, cols = layout.header_row, layout.title_column_range
            titles = (f"{quoted}!${cols.replace(':', ':$')}," if cols else "") + f"{quoted}!${row}:${row}"
            found[index] = (("_xlnm.Print_Area", f"{quoted}!{area}"), ("_xlnm.Print_Titles", titles))
    if not found:
        return xml
    ours = b"".join(
        b'<definedName name="%s" localSheetId="%d">%s</definedName>' % (n.encode(), i, escape(v).encode())
        for i, pair in found.items()
        for n, v in pair
    )
    block = re.search(rb"<definedNames>(.*?)</definedNames>|<definedNames/>", xml, re.S)
    if block:
        theirs = re.findall(rb"<definedName\b[^>]*>.*?</definedName>", block.group(1) or b"", re.S)
        theirs = [
            d
            for d in theirs
            if not (
                re.search(rb'name="_xlnm\.Print_(?:Area|Titles)"', d)
                and int((re.search(rb'localSheetId="(\d+)"', d) or [0, b"-1"])[1]) in found
            )
        ]
        return xml[: block.start()] + b"<definedNames>" + b"".join(theirs) + ours + b"</definedNames>" + xml[block.end() :]
    at = xml.index(b"</sheets>") + len(b"</sheets>")
    return xml[:at] + b"<definedNames>" + ours + b"</definedNames>" + xml[at:]


def add_columns(original: bytes, sheets: dict[str, tuple], wrapped) -> bytes | None:
    """``original`` with result columns added: ``sheets`` {sheet name: (header row, first new column, the
    new headers, {row number: {header: value}}, its Layout)}; the headers bold, the ``wrapped`` headers'
    cells wrapped, each sheet laid out. None when the workbook is not a plain one (then the caller writes
    it with openpyxl)."""
    try:
        with zipfile.ZipFile(io.BytesIO(original)) as z:
            names = z.namelist()
            if not all(PLAIN_PARTS.fullmatch(n) for n in names) or "xl/styles.xml" not in names:
                return None
            if MAIN_TYPE not in z.read("[Content_Types].xml"):
                return None
            for n in names:
                if n.startswith("xl/worksheets/_rels/"):
                    rels = ET.fromstring(z.read(n)).findall("p:Relationship", NS)
                    if any(r.get("Type") != PRINTER for r in rels):
                        return None
            parts = _sheet_parts(z)
            contents = {n: z.read(n) for n in names}
            infos = z.infolist()
    except (zipfile.BadZipFile, ET.ParseError, KeyError):
        return None
    try:
        if any(ACTIVE.search(contents[n]) for n in names if n.startswith("xl/worksheets/") and n.endswith(".xml")):
            return None
        if ACTIVE.search(contents.get("xl/sharedStrings.xml", b"")):
            return None
        contents["xl/styles.xml"], bold, wrap = _styles(contents["xl/styles.xml"])
        contents["xl/workbook.xml"] = _print_names(contents["xl/workbook.xml"], list(parts), {n: v[4] for n, v in sheets.items()})
        for name, (header_row, first, headers, values, layout) in sheets.items():
            part = parts.get(name)
            if part not in contents:
                return None
            rows = {header_row: [(first + j, h, bold) for j, h in enumerate(headers)]}
            for number, got in values.items():
                cells = [(first + j, got[h], wrap if h in wrapped else None) for j, h in enumerate(headers) if got[h]]
                if cells:
                    if number == header_row:
                        return None
                    rows[number] = cells
            contents[part] = _layout(_patch_sheet(contents[part], first, rows), layout)
    except (NotPlain, ValueError, AttributeError):  # AttributeError: an element without what it should hold
        return None
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in infos:
            dst.writestr(info, contents[info.filename], zipfile.ZIP_DEFLATED)
    return out.getvalue()
