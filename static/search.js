// sitegen search: the browser half of sitegen/textnorm.py and sitegen/search.py.
//
// API (the search page's UI uses the same one):
//   await window.sitegen.search("石景山 防汛", {filters: {district, topic, publication, year},
//                                               sort: "relevance" | "date"})
//   -> [{url, title, excerpt, date, district, publication}], best (or newest) first; excerpt is HTML
//      with every matched term in <mark>. A term matches a page whose text contains it (traditional
//      and full-width forms folded); all terms must match. An ASCII word or number matches from the
//      start of a word ("112" finds 11208, "208" does not).
//   Filter values may be a string or an array (all must hold); with no query, filters alone list pages.
//   window.sitegen.find(query, options) -> {terms, hits: [{id, shard, page, score}], counts} and
//   window.sitegen.present(hits, terms, from, to) are the two halves the UI uses to page results;
//   find's option counts: false leaves the counts out (null) and so loads no filter files.
//   window.sitegen.facetValues() -> every filter's values with their counts over all pages.
//   window.sitegen.normalize / tokenize / queryTerms / queryTokens mirror sitegen/textnorm.py (after
//   `await window.sitegen.ready()`, which loads the traditional -> simplified table).
//
// How: one Pagefind search per term, for the term's tokens (every other bigram is enough, see
// cover()); a page counts only where those tokens sit in place (result.words). Terms are
// intersected. Only the results shown are then loaded, from <shard>/sitegen-docs/<page>.json.gz
// (text as printed, for the excerpt and a final substring check), never Pagefind's fragments.
// The index is in shards by period, merged in the browser (see pagefind() and perShard()); a page
// is known by its shard and Pagefind's id for it (id = "<shard>/<page>"): two shards, indexed by
// separate Pagefind runs, may give two pages the same id.

const RANGES = [[0x3005, 0x3005], [0x3007, 0x3007], [0x3041, 0x3096], [0x309d, 0x309f],
  [0x30a1, 0x30fa], [0x30fc, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7a3],
  [0xf900, 0xfaff], [0x20000, 0x323af]];  // = textnorm.IDEOGRAPH_RANGES
const SPLIT = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
const SENTINEL = "zzzz", PREFIX = "z", EVERY = "zzzzzzzzz";  // EVERY = search.EVERY_PAGE
const FACETS = ["district", "topic", "publication", "year"];
const SHARD = "sitegen-shard";
let T2S = null;

export function baseUrl() {
  const b = document.documentElement.dataset.baseUrl || "/";
  return b.endsWith("/") ? b : b + "/";
}
const bundleUrl = (name) => baseUrl() + "pagefind/" + name;
const points = (s) => Array.from(s, (ch) => ch.codePointAt(0));

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

let tableLoad = null;
export function ready() {
  tableLoad ??= getJson(bundleUrl("sitegen-t2s.json")).then((pairs) => {
    const cps = points(pairs);  // "東东華华…": traditional, simplified, traditional, …
    T2S = new Map();
    for (let i = 0; i + 1 < cps.length; i += 2) T2S.set(cps[i], cps[i + 1]);
  });
  return tableLoad;
}

function fold(cp) {
  if (cp >= 0xff01 && cp <= 0xff5e) cp -= 0xfee0;
  else if (cp === 0x3000) cp = 0x20;
  else cp = T2S.get(cp) ?? cp;
  return cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp;
}
export function normalize(text) {
  if (!T2S) throw new Error("sitegen: call await sitegen.ready() first");
  return Array.from(text, (ch) => String.fromCodePoint(fold(ch.codePointAt(0)))).join("");
}
const isIdeo = (cp) => cp >= 0x3005 && RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
const isWord = (cp) => (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39);
const isTokenChar = (cp) => isWord(cp) || isIdeo(cp);
function code(cp) {
  let s = "";
  for (let i = 0; i < 4; i++) { s = String.fromCharCode(97 + (cp % 26)) + s; cp = Math.floor(cp / 26); }
  return s;
}

export function tokenize(text) {
  const cps = points(normalize(text)), out = [];
  for (let i = 0; i < cps.length;) {
    let j = i;
    if (isIdeo(cps[i])) {
      while (j < cps.length && isIdeo(cps[j])) j++;
      for (let k = i; k < j; k++) out.push(PREFIX + code(cps[k]) + (k + 1 < j ? code(cps[k + 1]) : SENTINEL));
    } else if (isWord(cps[i])) {
      while (j < cps.length && isWord(cps[j])) j++;
      out.push(String.fromCodePoint(...cps.slice(i, j)));
    } else j++;
    i = j;
  }
  return out;
}

export function queryTerms(query) {
  const terms = [];
  for (const raw of normalize(query).split(SPLIT)) {
    const cps = points(raw);
    let a = 0, b = cps.length;
    while (a < b && !isTokenChar(cps[a])) a++;
    while (b > a && !isTokenChar(cps[b - 1])) b--;
    if (a < b) terms.push(String.fromCodePoint(...cps.slice(a, b)));
  }
  return terms;
}

export function queryTokens(term) {
  const cps = points(normalize(term)), tokens = tokenize(term), n = cps.length;
  if (tokens.length && isIdeo(cps[n - 1])) {
    if (n >= 2 && isIdeo(cps[n - 2])) tokens.pop();
    else tokens[tokens.length - 1] = tokens[tokens.length - 1].slice(0, PREFIX.length + 4);
  }
  return tokens;
}

// The index comes in shards by period (sitegen/search.py): the primary bundle at pagefind/ and the
// others merged into it, which share its WebAssembly; Pagefind then searches all and adds up counts.
let pfLoad = null;
function pagefind() {
  pfLoad ??= (async () => {
    const [pf, shards] = await Promise.all([import(bundleUrl("pagefind.js")), getJson(bundleUrl("sitegen-shards.json"))]);
    // Each shard's pages carry a filter SHARD = its place in sitegen-shards.json, to sort by date.
    await pf.options({ baseUrl: baseUrl(), mergeFilter: { [SHARD]: "0" } });
    await pf.init();
    await Promise.all(shards.slice(1).map((dir, i) => pf.mergeIndex(bundleUrl(dir), { baseUrl: baseUrl(), mergeFilter: { [SHARD]: String(i + 1) } })));
    return { pf, shards };
  })();
  return pfLoad;
}

// Every filter's values with their counts over all pages. Loading them loads every shard's filter
// files (~15 KB a shard), which searches need only to count results by filter value: a search that
// shows no counts (the search page with its filters folded away, as on a phone) never loads them.
let facetsLoad = null;
export function facetValues() {
  facetsLoad ??= pagefind().then(({ pf }) => pf.filters()).then(facetsOnly);
  return facetsLoad;
}

// The offsets of the tokens of a term that Pagefind is asked for. A bigram whose neighbours are
// bigrams of the same run adds no character (石景 景山 东城: 景山 is 石景 + 山东's 山…), so every
// other one is left out: a query loads one index chunk per shard and token.
const isBigram = (t) => t.length === PREFIX.length + 8 && !t.endsWith(SENTINEL);
function cover(tokens) {
  const keep = [];
  for (let i = 0; i < tokens.length; i++) {
    const redundant = i > 0 && i + 1 < tokens.length && keep[keep.length - 1] === i - 1
      && isBigram(tokens[i - 1]) && isBigram(tokens[i]) && isBigram(tokens[i + 1]);
    if (!redundant) keep.push(i);
  }
  return keep;
}

// True if some position p holds the first token and p + offset each other one: the term's tokens in place.
function inPlace(words, offsets) {
  if (offsets.length === 1) return words.length > 0;
  const at = new Set(words);
  return words.some((p) => offsets.every((k) => at.has(p + k)));
}

function facetsOnly(counts) {
  const { [SHARD]: _, ...rest } = counts;
  return rest;
}

function pfFilters(filters = {}) {
  const out = {};
  for (const k of FACETS) {
    const v = filters[k];
    if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)) out[k] = v;
  }
  return out;
}

// Pagefind's answer for query in each shard on its own (its SHARD filter), newest shard first: a
// merged answer does not say which shard a page is from. Merged shards also come back ordered by
// score even when sorted by date (a sorted search scores by rank within its shard); shards are
// periods, so shard by shard keeps the date order. query is never null: a search without words
// loads every index chunk of every shard.
function perShard(pf, shards, query, filters, sort) {
  return Promise.all(shards.map((_, i) => pf.search(query, { filters: { ...filters, [SHARD]: String(i) }, ...(sort && { sort }) })));
}
const BY_DATE = { date: "desc" };

// A page's key across shards: its shard and Pagefind's id for it.
const pageKey = (shard, r) => `${shard}/${r.id}`;

// The hits of each shard's answer, as {id, shard, page, score}.
function hitsOf(each, keep = () => true) {
  return each.flatMap((res, shard) => res.results.filter(keep)
    .map((r) => ({ id: pageKey(shard, r), shard, page: r.id, score: r.score })));
}

function addCounts(all) {
  const sum = {};
  for (const counts of all) {
    for (const [k, values] of Object.entries(facetsOnly(counts))) {
      sum[k] ??= {};
      for (const [v, n] of Object.entries(values)) sum[k][v] = (sum[k][v] ?? 0) + n;
    }
  }
  return sum;
}

// Find the pages whose tokens match every term in place: [{id, score}] in result order, with
// filter counts (counts: false leaves them out, and does not load the filter files they need).
// Nothing but Pagefind's own index is downloaded.
export async function find(query, { filters, sort, counts = true } = {}) {
  const [{ pf, shards }] = await Promise.all([pagefind(), ready(), counts && facetValues()]);
  const terms = queryTerms(query).map((text) => ({ text, tokens: queryTokens(text) }));
  const opts = { filters: pfFilters(filters) };
  if (!terms.length) {  // filters alone: every page holds the token EVERY; newest first
    if (!Object.keys(opts.filters).length) return { terms, hits: [], counts: counts ? {} : null };
    const each = await perShard(pf, shards, EVERY, opts.filters, BY_DATE);
    return { terms, hits: hitsOf(each).map((h) => ({ ...h, score: 0 })),
             counts: counts ? addCounts(each.map((res) => res.filters)) : null };
  }
  let hits = null, answer = null;
  const asked = [];
  // One term: its own answer gives the counts too (sorted by date when that order is wanted), so
  // the shards are asked once rather than twice.
  const single = terms.length === 1;
  for (const t of terms) {
    const offsets = cover(t.tokens), tokens = offsets.map((k) => t.tokens[k]);
    asked.push(...tokens);
    const each = await perShard(pf, shards, tokens.join(" "), opts.filters, single && sort === "date" ? BY_DATE : undefined);
    const ok = new Map(hitsOf(each, (r) => inPlace(r.words, offsets)).map((h) => [h.id, h]));
    hits = hits === null ? [...ok.values()]
      : hits.filter((h) => ok.has(h.id)).map((h) => ({ ...h, score: h.score + ok.get(h.id).score }));
    answer = each;
  }
  if (!counts && sort !== "date") {
    hits.sort((a, b) => b.score - a.score);  // stable: ties keep Pagefind's order
    return { terms, hits, counts: null };
  }
  // Counts come from the shards that hold a hit only: Pagefind drops a word its index lacks, so a
  // shard without one of the tokens answers with the pages that hold the others, and counts them.
  const each = single ? answer : await perShard(pf, shards, asked.join(" "), opts.filters, BY_DATE);
  const found = new Set(hits.map((h) => h.id));
  const ids = each.map((res, shard) => res.results.map((r) => pageKey(shard, r)));
  if (sort === "date") {
    const rank = new Map(ids.flat().map((id, i) => [id, i]));
    hits.sort((a, b) => rank.get(a.id) - rank.get(b.id));
  } else hits.sort((a, b) => b.score - a.score);
  return { terms, hits,
           counts: counts ? addCounts(each.filter((_, i) => ids[i].some((id) => found.has(id))).map((res) => res.filters)) : null };
}

// <shard>/sitegen-docs/<page>.json.gz: gzipped by the build; a host may already have unzipped it on the way.
async function getDoc(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  const buf = await r.arrayBuffer(), head = new Uint8Array(buf.slice(0, 2));
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  return new Response(gzipped ? new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip")) : buf).json();
}
const docs = new Map();
const loadDoc = (shards, h) => {
  const url = bundleUrl(`${shards[h.shard]}sitegen-docs/${h.page}.json.gz`);
  if (!docs.has(url)) docs.set(url, getDoc(url).catch((e) => { docs.delete(url); throw e; }));
  return docs.get(url);
};

const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Offsets [start, end) of every occurrence of every term in text (compared normalised), merged.
export function matchRanges(text, terms) {
  const norm = normalize(text), ranges = [];
  for (const t of terms) {
    for (let i = norm.indexOf(t); i >= 0; i = norm.indexOf(t, i + 1)) ranges.push([i, i + t.length]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]); else merged.push([...r]);
  }
  return merged;
}

// An HTML excerpt of text around its first match (in the body when there is one), terms in <mark>.
// Each piece of text between offsets is escaped on its own, so no markup from the text survives.
export function excerpt(text, title, terms, width = 110) {
  text = text.replace(/[\r\n]/g, " ");
  const ranges = matchRanges(text, terms);
  const body = title && text.startsWith(title + " ") ? title.length + 1 : 0;
  const first = (ranges.find((r) => r[0] >= body) || ranges[0] || [body])[0];
  let start = Math.max(body <= first ? body : 0, first - 30);
  const end = Math.min(text.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  const surrogate = (i) => i > 0 && i < text.length && /[\udc00-\udfff]/.test(text[i]);
  const s = surrogate(start) ? start - 1 : start, e = surrogate(end) ? end + 1 : end;
  let html = s > 0 ? "…" : "", pos = s;
  for (const [a0, b0] of ranges) {
    const a = Math.max(a0, pos), b = Math.min(b0, e);
    if (a >= b) continue;
    html += escapeHtml(text.slice(pos, a)) + "<mark>" + escapeHtml(text.slice(a, b)) + "</mark>";
    pos = b;
  }
  return html + escapeHtml(text.slice(pos, e)) + (e < text.length ? "…" : "");
}

// Load and check the results hits[from, to), 24 requests at a time: a page whose text turns out
// not to contain a term (the final precision guard) gives null.
export async function present(hits, terms, from = 0, to = hits.length) {
  const texts = terms.map((t) => t.text), out = [], { shards } = await pagefind();
  const one = async (h) => {
    const d = await loadDoc(shards, h), norm = normalize(d.text);
    return texts.every((t) => norm.includes(t)) ? { url: baseUrl() + d.url, title: d.title,
      excerpt: excerpt(d.text, d.title, texts), date: d.date, district: d.district, publication: d.publication } : null;
  };
  for (let i = from; i < to; i += 24) out.push(...await Promise.all(hits.slice(i, Math.min(to, i + 24)).map(one)));
  return out;
}

export async function search(query, options = {}) {
  const { terms, hits } = await find(query, options);
  return (await present(hits, terms)).filter(Boolean);
}

window.sitegen = { search, find, present, ready, normalize, tokenize, queryTerms, queryTokens, facetValues };

// ---- The search page: a form with q, sort and one <select> per facet (templates/search.html). ----

const FACET_LABELS = { district: "全部区域", topic: "全部主题", publication: "全部报刊", year: "全部年份" };
const PAGE_SIZE = 20;

function resultItem(r, q) {
  const el = (tag, parent, cls) => {
    const e = parent.appendChild(document.createElement(tag));
    if (cls) e.className = cls;
    return e;
  };
  const li = document.createElement("li");
  const a = el("a", el("h2", li, "headline"));
  a.href = q ? `${r.url}?highlight=${encodeURIComponent(q)}` : r.url;
  a.textContent = r.title;
  const meta = el("p", li, "meta");
  meta.append(r.publication || "");
  if (r.date) { meta.append(" · "); const t = el("time", meta); t.dateTime = r.date; t.textContent = r.date; }
  if (r.district) meta.append(" · " + r.district);
  el("p", li, "excerpt").innerHTML = r.excerpt;  // built from escaped text in excerpt()
  return li;
}

async function initSearchPage(root) {
  const form = root.querySelector("form"), input = form.elements.q;
  const status = root.querySelector(".search-status"), list = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  form.elements.sort.value = params.get("sort") === "date" ? "date" : "relevance";
  let all = {}, state = null, seq = 0, timer = 0, counted = -1;  // counted: the search whose counts show

  const chosen = () => Object.fromEntries(FACETS.map((k) => [k, form.elements[k]?.value || ""]));
  // On a phone the sort and filter controls would push the results below the screen: they start folded
  // (open on a wide screen, without JavaScript, and when the address already chooses a filter or order).
  const options = root.querySelector(".search-options"), optionsNote = root.querySelector(".search-options-chosen");
  if (options && matchMedia("(max-width: 40em)").matches && !FACETS.some((k) => params.get(k)) && !params.get("sort")) {
    options.open = false;
  }
  // Folded, the filters show no counts, so searches need not load what counting takes (facetValues).
  const folded = () => options && !options.open;
  const noteChosen = () => {
    const n = Object.values(chosen()).filter(Boolean).length;
    if (optionsNote) optionsNote.textContent = n ? `（已选 ${n} 项）` : "";
  };
  function fillFacets(counts, want = chosen()) {
    for (const k of FACETS) {
      const sel = form.elements[k];
      if (!sel) continue;
      const values = Object.keys(all[k] || {});
      if (want[k] && !values.includes(want[k])) values.push(want[k]);
      values.sort(k === "year" ? (a, b) => b.localeCompare(a) : (a, b) => a.localeCompare(b, "zh-CN"));
      const n = (v) => (counts ? counts[k]?.[v] ?? 0 : all[k]?.[v] ?? 0);
      sel.replaceChildren(new Option(FACET_LABELS[k], ""), ...values.map((v) => new Option(`${v}（${n(v)}）`, v)));
      sel.value = want[k] || "";
    }
  }
  function saveUrl(q, f, sort) {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    for (const k of FACETS) if (f[k]) p.set(k, f[k]);
    if (sort === "date") p.set("sort", "date");
    const qs = p.toString();
    history.replaceState(history.state, "", location.pathname + (qs ? "?" + qs : "") + location.hash);
  }
  async function showMore(my) {
    const { hits, terms } = state, from = state.shown, to = Math.min(hits.length, from + PAGE_SIZE);
    const items = await present(hits, terms, from, to);
    if (my !== seq) return;
    state.shown = to;
    for (const r of items) r ? list.append(resultItem(r, state.q)) : state.dropped++;
    const total = hits.length - state.dropped;
    status.textContent = total ? `共找到 ${total} 篇` : state.q ? `没有找到包含“${state.q}”的文章。` : "没有找到符合条件的文章。";
    more.hidden = to >= hits.length;
    more.textContent = `显示更多（还有 ${hits.length - to} 篇）`;
  }
  async function run() {
    clearTimeout(timer);
    const q = input.value.trim(), f = chosen(), sort = form.elements.sort.value, my = ++seq;
    saveUrl(q, f, sort);
    noteChosen();
    list.replaceChildren();
    more.hidden = true;
    if (!q && !Object.values(f).some(Boolean)) {
      fillFacets(null);
      if (Object.keys(all).length) counted = my;
      status.textContent = "请输入要查找的词语，多个词语用空格分开。";
      return;
    }
    status.textContent = "正在搜索…";
    try {
      const found = await find(q, { filters: f, sort, counts: !folded() });
      if (my !== seq) return;
      state = { ...found, q, shown: 0, dropped: 0 };
      if (found.counts) {
        fillFacets(found.counts, f);
        counted = my;
      }
      await showMore(my);
    } catch (e) {
      if (my === seq) status.textContent = `搜索出错：${e.message}`;
      console.error(e);
    }
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 300); });
  form.addEventListener("change", (e) => { if (e.target !== input) run(); });
  more.addEventListener("click", () => state && showMore(seq));
  // Unfolded after searches made while folded: the filters' values and the current results' counts.
  options?.addEventListener("toggle", async () => {
    if (!options.open || counted === seq) return;
    const q = input.value.trim(), f = chosen(), sort = form.elements.sort.value, my = seq;
    try {
      all = await facetValues();
      const found = q || Object.values(f).some(Boolean) ? await find(q, { filters: f, sort }) : null;
      if (my !== seq) return;
      fillFacets(found?.counts ?? null, f);
      counted = my;
    } catch (e) {
      console.error(e);
    }
  });
  try {
    // The table of traditional characters too, now rather than at the first search (a round trip later).
    [all] = await Promise.all([folded() ? {} : facetValues(), pagefind(), ready()]);
  } catch (e) {
    status.textContent = location.protocol === "file:" ? "搜索需要通过网站服务器打开，不能直接打开本地文件。" : `搜索暂时不可用：${e.message}`;
    return;
  }
  fillFacets(null, Object.fromEntries(FACETS.map((k) => [k, params.get(k) || ""])));
  root.dataset.ready = "";
  await run();
}

const searchRoot = document.querySelector("[data-sitegen-search]");
if (searchRoot) initSearchPage(searchRoot);
