// sitegen search: the browser half of sitegen/search (tokens.py, and the bundle of bundle.py).
// The search page's UI is search-page.js; highlight.js marks a result's terms on its article page.
//
// The constants shared with Python (ideograph ranges, whitespace, the token scheme, the bundle's
// file names and URL) come from the page: JSON in <script type="application/json" id="sitegen-search">,
// written by sitegen/search/browser.py. Nothing here copies them.
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
//   find's option counts: false leaves the counts out (null) and so loads no filter files; its option
//   partial (an async function) is given the newest shards' answer first (see find()).
//   window.sitegen.warm() loads Pagefind and the shards searched first, before a query needs them;
//   window.sitegen.early() fetches their files at once (without starting Pagefind), and
//   window.sitegen.prefetch(query) the query's index chunks in them as soon as their metadata is in.
//   window.sitegen.facetValues() -> every filter's values with their counts over all pages.
//   window.sitegen.normalize / tokenize / queryTerms / queryTokens mirror sitegen/search/tokens.py (after
//   `await window.sitegen.ready()`, which loads the traditional -> simplified table).
//
// How: one Pagefind search per term, for the term's tokens (every other bigram is enough, see
// cover()); a page counts only where those tokens sit in place (result.words). Terms are
// intersected. Only the results shown are then loaded, from <shard>/sitegen-docs/<page>.json.gz
// (text as printed, for the excerpt and a final substring check), never Pagefind's fragments.
// The index is in shards by period, merged in the browser (see loadIndex() and perShard()); a page
// is known by its shard and Pagefind's id for it (id = "<shard>/<page>"): two shards, indexed by
// separate Pagefind runs, may give two pages the same id.

const DATA = (() => {
  const el = document.getElementById("sitegen-search");
  return el ? JSON.parse(el.textContent) : null;
})();
const RANGES = DATA?.ranges ?? [];
// Python's str.isspace() characters, ranges spelt out ("\x1c-\x1f"): a class reads them alike in both languages.
const SPLIT = new RegExp(`[${DATA?.whitespace ?? " "}]+`);
const PREFIX = DATA?.prefix, SENTINEL = DATA?.sentinel, EVERY = DATA?.every;
const SHARD = "sitegen-shard";
let T2S = null;

export function baseUrl() {
  const b = document.documentElement.dataset.baseUrl || "/";
  return b.endsWith("/") ? b : b + "/";
}
const bundleUrl = (name) => DATA.bundle + name;
const points = (s) => Array.from(s, (ch) => ch.codePointAt(0));

async function getJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.json();
}

let tableLoad = null;
export function ready() {
  if (!DATA) return Promise.reject(new Error('sitegen: the page has no <script id="sitegen-search"> data'));
  tableLoad ??= getJson(bundleUrl(DATA.t2s)).then((pairs) => {
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
const LOWEST = RANGES.length ? RANGES[0][0] : Infinity;  // most text is below every range
const isIdeo = (cp) => cp >= LOWEST && RANGES.some(([lo, hi]) => cp >= lo && cp <= hi);
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

// The index comes in shards by period (sitegen/search/bundle.py): the primary bundle (the newest
// shard) and the others merged into it, which share its WebAssembly; Pagefind then searches all and
// adds up counts. sitegen-shards.json lists them newest first, each with its pages, its metadata file
// and the tag that names its pagefind-entry.json (Pagefind's metaCacheTag: a fixed name the browser
// may cache, in place of a fresh ?ts=<now> at every visit).
// The shards are merged in two waves when a caller wants early results (find's option partial): the
// newest ones, marked "first" in the list (sitegen/search/shards.py's FIRST_PAGES), then the others.
let listLoad = null;
const shardList = () => (listLoad ??= getJson(bundleUrl(DATA.shards)).catch((e) => { listLoad = null; throw e; }));

// A first search on a slow link waits on a chain of requests, a round trip each: pagefind.js starts
// its worker, which fetches the primary shard's entry, then its metadata and WebAssembly, then each
// merged shard's entry and then its metadata (once the WebAssembly is in), then the query's index
// chunks. early() takes the worker script and the entry and metadata of the shards searched first,
// which the page's head names (or asks for them as soon as the list of shards is in), and
// prefetch(query) asks for the query's index chunks in those shards as soon as their metadata is in,
// beside the WebAssembly rather than after it. Pagefind's own requests for the same files then find
// them in the browser's cache, or join them while they still load (on a host that lets files be
// reused, as GitHub Pages does for 10 minutes; elsewhere the browser may ask again). The WebAssembly
// is left to Pagefind's worker: asked for by the page (or named in its head), it weighs on the page's
// largest paint as Lighthouse simulates it, and its performance score fell from 100 to 99.
const ask = (url) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.arrayBuffer();  // read whole, so that the browser keeps all of it
});
let earlyLoad = null;
export function early() {
  earlyLoad ??= shardList().then((list) => {
    ask(bundleUrl(DATA.worker)).catch(() => {});
    return list.filter((s, i) => i === 0 || s.first).map((s) => {
      ask(bundleUrl(`${s.dir}pagefind-entry.json?ts=${s.tag}`)).catch(() => {});
      return ask(bundleUrl(s.dir + s.meta)).then(chunkTable).then((chunks) => ({ dir: s.dir, chunks })).catch(() => null);
    });
  }).catch((e) => { earlyLoad = null; throw e; });
  return earlyLoad;
}

// A pf_meta file: gzip, "pagefind_dcd", then CBOR [version, pages, index chunks [[from, to, file]…], …]
// (sitegen/search/pf_format.py). Its index chunks, or null where it cannot be read here.
async function chunkTable(buf) {
  if (typeof DecompressionStream !== "function") return null;
  const b = new Uint8Array(await gunzip(buf)), magic = "pagefind_dcd";
  if (new TextDecoder().decode(b.subarray(0, magic.length)) !== magic) return null;
  let i = magic.length;
  const read = () => {
    const major = b[i] >> 5;
    let n = b[i++] & 31;
    if (n >= 24) {
      if (n > 27) throw new Error("unexpected CBOR");
      const size = 1 << (n - 24);
      n = 0;
      for (let k = 0; k < size; k++) n = n * 256 + b[i++];
    }
    if (major === 0) return n;
    if (major === 3) { const s = new TextDecoder().decode(b.subarray(i, i + n)); i += n; return s; }
    if (major !== 4) throw new Error("unexpected CBOR");
    return Array.from({ length: n }, read);
  };
  const meta = read(), chunks = meta[2];
  return Array.isArray(chunks) && chunks.every((c) => Array.isArray(c) && c.length === 3) ? chunks : null;
}

// Ask for the index chunks that the query's tokens need in the shards searched first. A chunk's bounds
// are prefixes (the shortest that part it from its neighbours): it may hold a token when the token,
// cut to each bound's length, lies between them; and a token that ends a term, which Pagefind also
// finds as a word's start, may run over several. A wrong guess costs bytes, never a wrong answer.
const mayHold = ([from, to], w) => w.slice(0, from.length) >= from.slice(0, w.length)
  && w.slice(0, to.length) <= to.slice(0, w.length);
export async function prefetch(query) {
  await ready();
  const tokens = queryTerms(query).flatMap((t) => { const all = queryTokens(t); return cover(all).map((k) => all[k]); });
  if (!tokens.length) return;
  for (const shard of await early()) {
    shard.then((s) => {
      if (!s?.chunks) return;
      const want = new Set(s.chunks.filter((c) => tokens.some((w) => mayHold(c, w))).map((c) => c[2]));
      for (const hash of want) ask(bundleUrl(`${s.dir}index/${hash}.pf_index`)).catch(() => {});
    });
  }
}

let pfLoad = null;
let runtimeCopy = 0;
// Drop the Pagefind instance: the next search starts a fresh copy of its runtime, its WebAssembly
// anew. WPE WebKit's WebAssembly has been seen to trap in Pagefind's search and, once it has, to fail
// again on the same instance ("No pointer"): the search page asks for this before trying once more.
export function restart() {
  pfLoad = null;
  facetsLoad = null;
  runtimeCopy++;
}
function start() {
  pfLoad ??= (async () => {
    let first = 1;
    early().catch(() => {});
    // A copy (restart) is the same file under another URL: a module of its own, from the HTTP cache.
    const runtime = bundleUrl(DATA.runtime) + (runtimeCopy ? `?copy=${runtimeCopy}` : "");
    const [pf, list] = await Promise.all([import(runtime), shardList().then((list) => {
      while (first < list.length && list[first].first) first++;
      return list;
    })]);
    // Each shard's pages carry a filter SHARD = its place in the list of shards, to sort by date.
    await pf.options({ baseUrl: baseUrl(), metaCacheTag: list[0].tag, mergeFilter: { [SHARD]: "0" } });
    await pf.init();
    return { pf, list, shards: list.map((s) => s.dir), first, merged: [Promise.resolve()] };
  })().catch((e) => { pfLoad = null; throw e; });
  return pfLoad;
}
// The index with its shards [0, n) merged (all of them by default).
async function merged(n) {
  const ix = await start();
  n = Math.min(n ?? ix.list.length, ix.list.length);
  for (let i = 1; i < n; i++) {
    ix.merged[i] ??= ix.pf.mergeIndex(bundleUrl(ix.list[i].dir),
      { baseUrl: baseUrl(), metaCacheTag: ix.list[i].tag, mergeFilter: { [SHARD]: String(i) } });
  }
  await Promise.all(ix.merged.slice(0, n));
  return ix;
}
export const loadIndex = () => merged();
// Pagefind's runtime and the newest shards, loading before a query needs them (e.g. on focus).
export const warm = () => start().then((ix) => merged(ix.first));

// Every filter's values with their counts over all pages. Loading them loads every shard's filter
// files (~15 KB a shard), which searches need only to count results by filter value: a search that
// shows no counts (the search page with its filters folded away, as on a phone) never loads them.
let facetsLoad = null;
export function facetValues() {
  facetsLoad ??= loadIndex().then(({ pf }) => pf.filters()).then(facetsOnly);
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
  for (const k of DATA.filters) {
    const v = filters[k];
    if (v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && !v.length)) out[k] = v;
  }
  return out;
}

// Pagefind's answer for query in each of the shards [0, n) on its own (its SHARD filter), newest shard
// first: a merged answer does not say which shard a page is from. Merged shards also come back
// ordered by score even when sorted by date (a sorted search scores by rank within its shard); shards
// are periods, so shard by shard keeps the date order. query is never null: a search without words
// loads every index chunk of every shard.
function perShard(pf, n, query, filters, sort) {
  return Promise.all(Array.from({ length: n }, (_, i) => pf.search(query, { filters: { ...filters, [SHARD]: String(i) }, ...(sort && { sort }) })));
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
// partial: called, and awaited, with the answer of the newest shards ({terms, hits, counts}, the
// same shape) when they hold a hit, before the older shards are loaded (when they are not loaded
// yet); the answer returned is always the whole one.
export async function find(query, { filters, sort, counts = true, partial = null } = {}) {
  await ready();
  const terms = queryTerms(query).map((text) => ({ text, tokens: queryTokens(text) }));
  const opts = { filters: pfFilters(filters) };
  if (!terms.length && !Object.keys(opts.filters).length) return { terms, hits: [], counts: counts ? {} : null };
  if (partial && !counts) {
    const ix = await warm();
    if (ix.merged.length < ix.list.length) {  // the older shards are not all loaded or loading yet
      const early = await answer(ix.pf, ix.first, terms, opts, sort, false);
      if (early.hits.length) await partial(early);
    }
  }
  const [{ pf, list }] = await Promise.all([loadIndex(), counts && facetValues()]);
  return answer(pf, list.length, terms, opts, sort, counts);
}

// find's answer from the shards [0, n).
async function answer(pf, n, terms, opts, sort, counts) {
  if (!terms.length) {  // filters alone: every page holds the token EVERY; newest first
    const each = await perShard(pf, n, EVERY, opts.filters, BY_DATE);
    return { terms, hits: hitsOf(each).map((h) => ({ ...h, score: 0 })),
             counts: counts ? addCounts(each.map((res) => res.filters)) : null };
  }
  // One term: its own answer gives the counts too (sorted by date when that order is wanted), so
  // the shards are asked once rather than twice. The terms are asked at once: their index chunks
  // load side by side.
  const single = terms.length === 1, asked = [];
  const answers = await Promise.all(terms.map((t) => {
    const offsets = cover(t.tokens), tokens = offsets.map((k) => t.tokens[k]);
    asked.push(...tokens);
    return perShard(pf, n, tokens.join(" "), opts.filters, single && sort === "date" ? BY_DATE : undefined)
      .then((each) => ({ each, offsets }));
  }));
  let hits = null;
  for (const { each, offsets } of answers) {
    const ok = new Map(hitsOf(each, (r) => inPlace(r.words, offsets)).map((h) => [h.id, h]));
    hits = hits === null ? [...ok.values()]
      : hits.filter((h) => ok.has(h.id)).map((h) => ({ ...h, score: h.score + ok.get(h.id).score }));
  }
  if (!counts && sort !== "date") {
    hits.sort((a, b) => b.score - a.score);  // stable: ties keep Pagefind's order
    return { terms, hits, counts: null };
  }
  // Counts come from the shards that hold a hit only: Pagefind drops a word its index lacks, so a
  // shard without one of the tokens answers with the pages that hold the others, and counts them.
  const each = single ? answers[0].each : await perShard(pf, n, asked.join(" "), opts.filters, BY_DATE);
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
// The engine unpacks it where it has DecompressionStream; elsewhere (Safari before 16.4) inflate.js
// does, fetched the first time it is needed and so never by the engines that have one.
let inflateLoad = null;
function gunzip(buf) {
  if (typeof DecompressionStream === "function") {
    return new Response(new Blob([buf]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
  }
  inflateLoad ??= import("./inflate.js").catch((e) => { inflateLoad = null; throw e; });
  return inflateLoad.then((m) => m.gunzip(new Uint8Array(buf)));
}
async function getDoc(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  const buf = await r.arrayBuffer(), head = new Uint8Array(buf, 0, Math.min(2, buf.byteLength));
  const gzipped = head[0] === 0x1f && head[1] === 0x8b;
  return JSON.parse(new TextDecoder().decode(gzipped ? await gunzip(buf) : buf));
}
const docs = new Map();
const loadDoc = (shards, h) => {
  const url = bundleUrl(shards[h.shard] + DATA.doc.replace("{page}", h.page));
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

// An HTML excerpt of text around its first match (in the body when there is one), terms in <mark>, each whole.
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
  let s = surrogate(start) ? start - 1 : start, e = surrogate(end) ? end + 1 : end;
  for (const [a0, b0] of ranges) {  // a matched term is shown whole: the excerpt widens to hold it
    if (a0 < s && s < b0) s = a0;
    if (a0 < e && e < b0) e = b0;
  }
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
  const texts = terms.map((t) => t.text), out = [], { shards } = await start();
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

window.sitegen = { search, find, present, ready, warm, early, prefetch, normalize, tokenize, queryTerms, queryTokens, facetValues };
