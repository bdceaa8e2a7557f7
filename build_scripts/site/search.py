"""Chinese search: a jieba user dictionary made from the notice's terms, so that a word found in the
notice is found on every page where it appears.

Material's search plugin segments each section with ``jieba.cut`` and the browser matches a query word
against the **start** of the index's words only. jieba folds many of the notice's words into longer ones:
"书面答辩" may come out as one word, "国务院政府特殊津贴" as 国务院/政府/特殊津贴. Then a search for 津贴 misses
that section, because no word there starts with 津贴. Longer queries are not the problem: Material
splits a Chinese query into words of the index (8.x "segment"), so 高级技师 still finds 高级/技师.

The dictionary, rebuilt on every build after all pages are rendered (``on_env``) and before the search
plugin indexes them (``on_page_context``):

* the vocabulary (``vocabulary()``): every word of 2–4 Chinese characters that jieba, as shipped, cuts
  from the notice or from the names in the policy data (honours, series, levels, studios, exams,
  materials, offices), plus ``SEARCHED`` (words the notice only has inside longer ones: 否决 in 一票否决,
  答辩 in 书面答辩) and ``EXTRA_WORDS`` (notice terms jieba does not know, kept whole: 领办人);
* for each word jieba cuts from the site's text that contains a vocabulary word *not at its start*, an
  entry with frequency 0, which tells jieba to split it (经验总结 → 经验/总结); repeated until no such word
  is left.

Material's ``jieba_dict_user`` option cannot carry this: it is read in ``on_config``, before any page
text exists. The entries go to jieba with ``jieba.add_word`` (what ``load_userdict`` does per line) and
are written, in the user-dictionary format (``word freq`` per line), to a file in the temporary
directory for inspection (its path is logged at INFO).
"""

from __future__ import annotations

import html
import logging
import re
import tempfile
from pathlib import Path

import jieba

log = logging.getLogger("mkdocs.hooks.site.search")
jieba.setLogLevel(logging.WARNING)

HAN = re.compile(r"^[\u4e00-\u9fff]+$")
TAG = re.compile(r"<[^>]+>")
#: Terms of the notice that jieba's own dictionary lacks, kept whole (with a frequency that wins).
EXTRA_WORDS = {"领办人": 2000}
#: Words inside longer words of the notice that people search for on their own (一票否决, 书面答辩,
#: 黄石工匠, 特殊津贴 …).
SEARCHED = {"否决", "答辩", "津贴", "工匠", "名匠", "公示", "承诺书", "工作室", "年限"}
#: Never split more than this many times (each round can expose new folds).
ROUNDS = 6


def _data_names(site) -> list[str]:
    p = site.policy
    names = [h["name"] for h in p.honors] + [a for h in p.honors for a in h.get("aliases", [])]
    names += [s["name"] for s in p.series] + [s["name"] for s in p.studios]
    names += [s["name"] for s in p.skill_levels] + [t["name"] for t in p.titles]
    names += [level["name"] for level in p.a_levels + p.b_levels]
    names += p.raw.get("exams", {}).get("names", []) + p.raw.get("materials", {}).get("names", [])
    names += p.raw.get("materials", {}).get("abilities", [])
    names += [o["name"] for o in p.raw["office"]]
    return names


def vocabulary(site) -> set[str]:
    """Words people may search for: every word of 2–4 characters that jieba (its own dictionary, as
    shipped) cuts from the notice and from the data's names, plus ``SEARCHED``."""
    tokenizer = jieba.Tokenizer()  # fresh: the shared one has this build's (or, under serve, the
    tokenizer.initialize()  # previous build's) entries
    words = set(EXTRA_WORDS) | set(SEARCHED)
    for text in [site.notice.printed_text(), *_data_names(site)]:
        for word in tokenizer.cut(text):
            if 2 <= len(word) <= 4 and HAN.match(word) and tokenizer.FREQ.get(word, 0) > 0:
                words.add(word)
    return words


def page_text(html_content: str) -> str:
    return html.unescape(TAG.sub(" ", html_content))


def folds(texts: list[str], words: set[str]) -> set[str]:
    """Words jieba cuts from the texts that contain a vocabulary word other than at their start."""
    found = set()
    for text in texts:
        for token in jieba.cut(text):
            if len(token) > 2 and HAN.match(token) and any(w in token[1:] for w in words):
                found.add(token)
    return found


def configure(site, texts: list[str]) -> Path:
    """Teach jieba the notice's terms and split what hides them; return the dictionary written."""
    words = vocabulary(site)
    # jieba is process-wide: under `mkdocs serve` it keeps the words split by earlier builds
    done: set[str] = getattr(jieba.dt, "guantong_split", set())
    jieba.dt.guantong_split = done
    entries = dict(EXTRA_WORDS) | {token: 0 for token in done}
    for word, freq in EXTRA_WORDS.items():
        jieba.add_word(word, freq)
    for _ in range(ROUNDS):
        new = folds(texts, words) - set(entries)
        if not new:
            break
        for token in new:
            entries[token] = 0
            done.add(token)
            jieba.add_word(token, 0)  # frequency 0: jieba splits this word from now on
    left = folds(texts, words)
    if left:
        log.warning("jieba still hides notice terms inside: %s", "、".join(sorted(left)))
    path = Path(tempfile.gettempdir()) / "guantong-jieba-user-dict.txt"
    path.write_text("".join(f"{w} {f}\n" for w, f in sorted(entries.items())), encoding="utf-8")
    log.info(
        "Search dictionary: %d notice terms, %d words split; written to %s", len(words), sum(1 for f in entries.values() if f == 0), path
    )
    return path


# --------------------------------------------------------------------------------------------------
# What the browser does with a query (Material 9.8, integrations/search): used by the tests.


def segment(query: str, terms: set[str]) -> list[str]:
    """Material's ``segment()``: split a Chinese query greedily into words of the index."""
    n = len(query)
    cuts = [0] * (n + 1)
    for i in range(n):
        for j in range(i + 1, n):
            if query[i:j] in terms:
                cuts[i] = j - i
    segments: list[str] = []
    stack, s = [0], 1
    while s > 0:
        s -= 1
        p = stack[s]
        for q in range(1, cuts[p]):
            if cuts[p + q] > cuts[p] - q:
                segments.append(query[p : p + q])
                stack[s : s + 1] = [p + q]
                s += 1
        q = p + cuts[p]
        if q < n and cuts[q] and q < n - 1:
            stack[s : s + 1] = [q]
            s += 1
        segments.append(query[p:q])
    if "" in segments:
        return [query]
    return list(dict.fromkeys(segments))


def index_sections(index: dict) -> list[tuple[str, str, list[str]]]:
    """(location, plain text, tokens) of each section of a built search_index.json."""
    separator = re.compile(index["config"]["separator"])
    out = []
    for doc in index["docs"]:
        raw = f"{doc['title']}\u200b{doc['text']}\u200b{' '.join(doc.get('tags', []))}"
        tokens = [t.lower() for t in separator.split(raw) if t]
        out.append((doc["location"], TAG.sub("", raw.replace("\u200b", "")), tokens))
    return out


def misses(index: dict, words, *, by_page: bool = False) -> dict[str, list[str]]:
    """For each word, the sections (or, with ``by_page``, the pages) that contain it but that the
    browser's search for it would not find: the query segmented as Material does, each part matching the
    start of an index word, any part sufficing.

    A section "contains" a word where jieba as shipped, in search mode, finds it in the section's text,
    so a word read across a word boundary (及时 in 涉及时间) is not an occurrence."""
    reference = jieba.Tokenizer()
    reference.initialize()
    sections = index_sections(index)
    terms = {t for _, _, tokens in sections for t in tokens}
    wanted = set(words)
    out: dict[str, list[str]] = {}
    found: dict[tuple[str, str], bool] = {}
    for location, text, tokens in sections:
        page = location.split("#")[0]
        present = wanted & set(reference.cut_for_search(text))
        for word in present:
            parts = segment(word, terms)
            hit = any(t.startswith(p) for p in parts for t in tokens)
            if by_page:
                found[(word, page)] = found.get((word, page), False) or hit
            elif not hit:
                out.setdefault(word, []).append(location)
    for (word, page), hit in found.items():
        if not hit:
            out.setdefault(word, []).append(page)
    return out
