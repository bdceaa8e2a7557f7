// The batch page's results as markup (pure: tests beside): the summary, the downloads, the filters and the
// search, the table's rows (a page of them at a time) and which rows a filter and a search keep.
import { cnDate, esc } from "../html.js";
import { BW, V, W } from "../words.js";

export const FILTERS = ["all", ...Object.keys(V.conclusion)]; // the rows' conclusion ids (guantong.words)
export const PAGE_ROWS = 200; // rows drawn at a time (a list of 10 000 stays quick to filter)

/** The level columns the table shows: those of the pathways its rows ask for. */
export function levelColumns(table) {
  const present = new Set(table.rows.map((r) => r.direction).filter(Boolean));
  return table.levels.filter((lv) => present.has(lv.direction));
}

/** The rows a conclusion filter ("all" or a group id) and a search (name or 编号, any case) keep. */
export function matches(table, filter, query) {
  const q = query.toLowerCase();
  return table.rows.filter(
    (r) => (filter === "all" || r.group === filter) && (!q || r.name.toLowerCase().includes(q) || r.id.toLowerCase().includes(q)),
  );
}

/** The results: summary, columns read, downloads (or what needs the system browser), filters, search, the
 * table's frame (rowsMarkup fills its body) and the draft's part after it. */
export function resultsMarkup(t, { filter, query, loaded, where, draft }) {
  const counts = { all: t.rows.length, ...t.counts };
  const filters = FILTERS.map(
    (f) =>
      `<div class="gt-radio gt-radio--inline"><input class="gt-radio__input" type="radio" name="gt-filter" id="gt-filter-${esc(f)}" value="${esc(f)}"${f === filter ? " checked" : ""}><label class="gt-radio__label" for="gt-filter-${esc(f)}">${esc(BW.filter[f])}（${counts[f] ?? 0}）</label></div>`,
  ).join("");
  const head = [
    ...(t.several ? [BW.col.sheet] : []),
    BW.col.row,
    BW.col.name,
    BW.col.id,
    BW.col.conclusion,
    ...levelColumns(t).map((lv) => lv.name),
    BW.col.open,
  ]
    .map((h) => `<th scope="col"${h === BW.col.name ? ' class="gt-batch__name"' : ""}>${esc(h)}</th>`)
    .join("");
  return `<h2 id="gt-results-title">${esc(BW.summaryHeading)}</h2>
<p class="gt-batch__summary" data-gt-summary-line>${esc(t.summary)}</p>
<ul class="gt-batch__columns" data-gt-columns>${(t.columns || []).map((line) => `<li>${esc(line)}</li>`).join("")}</ul>
<p class="gt-hint">${esc(BW.file(loaded))}</p>
<h3 class="gt-batch__downloads">${esc(BW.downloads)}</h3>
<p class="gt-hint">${esc(BW.downloadsHint)}</p>
${t.source === "xls" || t.source === "ods" ? `<p class="gt-hint" data-gt-as-xlsx>${esc(BW.asXlsx(loaded.split(".").pop()))}</p>` : ""}
${
  where.download
    ? `<div class="gt-actions"><button type="button" class="gt-button" data-gt-download="xlsx">${esc(BW.downloadXlsx)}</button> <button type="button" class="gt-button gt-button--secondary" data-gt-download="csv">${esc(BW.downloadCsv)}</button> <a class="gt-link" href="#gt-notice-title" data-gt-focus="gt-notice-title">${esc(BW.toNotice)}</a></div>`
    : `<p class="gt-batch__needs" data-gt-needs-browser>${esc(W.where.batchNeeds)}</p>`
}
<fieldset class="gt-fieldset gt-batch__filters"><legend class="gt-legend">${esc(BW.filters)}</legend>${filters}</fieldset>
<div class="gt-field"><label class="gt-label" for="gt-batch-search">${esc(BW.search)}</label><input class="gt-input" type="search" id="gt-batch-search" value="${esc(query)}" autocomplete="off"></div>
<p class="gt-hint" data-gt-shown role="status"></p>
<div class="gt-batch__scroll gt-batch__scroll--rows" tabindex="0" role="region" aria-labelledby="gt-results-title"><table class="gt-batch__table"><thead><tr>${head}</tr></thead><tbody data-gt-rows></tbody></table></div>
<p><button type="button" class="gt-button gt-button--secondary" data-gt-more hidden>${esc(BW.more)}</button></p>
${draft}`;
}

/** The table's body for these rows: a row that could not be read says why across the level columns. */
export function rowsMarkup(table, rows) {
  const levels = levelColumns(table);
  const cell = (r, lv) => {
    const level = r.direction === lv.direction && r.levels[lv.id];
    if (!level) return "<td></td>";
    return `<td><span class="gt-tag gt-tag--${level.status.replace("_", "-")}">${esc(V.statusShort[level.status])}</span>${level.on ? `<br><span class="gt-batch__date gt-date">${esc(BW.eligibleOn(cnDate(level.on)))}</span>` : ""}</td>`;
  };
  const body = rows
    .map((r) => {
      const first = `${table.several ? `<td>${esc(r.sheet)}</td>` : ""}<td>${r.number}</td><th scope="row" class="gt-batch__name">${esc(r.name)}</th><td>${esc(r.id)}</td>`;
      const rest =
        r.group === "error"
          ? `<td colspan="${levels.length + 1}" class="gt-batch__error">${esc(r.error)}</td>`
          : `<td>${esc(r.conclusion)}</td>${levels.map((lv) => cell(r, lv)).join("")}`;
      return `<tr data-group="${esc(r.group)}">${first}${rest}<td><button type="button" class="gt-link-button" data-gt-row="${r.i}">${esc(BW.col.open)}<span class="gt-visually-hidden">${esc(BW.open(r.name || `${r.number}`))}</span></button></td></tr>`;
    })
    .join("");
  const columns = (table.several ? 1 : 0) + 5 + levels.length; // 行, 姓名, 编号, 结论, the levels, 详情
  return body || `<tr><td colspan="${columns}">${esc(BW.noMatch)}</td></tr>`;
}
