// The search page (templates/search.html): a form with q, sort and one <select> per filter; results
// 20 at a time, the address kept in step with the form (?q=…&district=…&sort=date). The searching
// itself is search-core.js, which the page names in its head so that both load at once.

import { early, facetValues, find, prefetch, present, ready, restart, warm } from "./search-core.js";

const FACET_LABELS = { district: "全部区域", topic: "全部主题", publication: "全部报刊", year: "全部年份" };
const FACETS = Object.keys(FACET_LABELS);  // the form's order
const PAGE_SIZE = 20;
const SOON = 5;  // about a phone's screen of results

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

// Search runs Pagefind's WebAssembly: a browser without it (or with it turned off, as in Safari's
// Lockdown Mode) gets the page's message and the ways to browse instead of a search box that fails.
const canSearch = () => typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function";

async function initSearchPage(root) {
  if (!canSearch()) {
    root.querySelector("form").hidden = true;
    root.querySelector(".search-unavailable[hidden]").hidden = false;
    return;
  }
  // What the first search needs, asked for at once (see early() in search-core.js); and, for a query
  // in the address, its index chunks as soon as the shards' metadata says which they are.
  early().catch(() => {});
  const params = new URLSearchParams(location.search);
  if (params.get("q")) prefetch(params.get("q")).catch(() => {});
  const form = root.querySelector("form"), input = form.elements.q;
  const status = root.querySelector(".search-status"), list = root.querySelector(".search-results");
  const more = root.querySelector(".search-more");
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
  // replace: the list shown so far goes, once the new items are ready to take its place. The first
  // SOON items show as soon as their texts are in, while the others' still load: over HTTP/1.1 a slow
  // link brings them six at a time, a round trip each six. The status changes once all are shown.
  async function showMore(my, upTo = state.shown + PAGE_SIZE, replace = false) {
    const { hits, terms } = state, from = state.shown, to = Math.min(hits.length, upTo);
    const cut = Math.min(to, from + SOON);
    const soon = present(hits, terms, from, cut), later = present(hits, terms, cut, to);
    later.catch(() => {});
    for (const [part, end] of [[soon, cut], [later, to]]) {
      const items = await part;
      if (my !== seq) return;
      if (replace) list.replaceChildren();
      replace = false;
      state.shown = end;
      for (const r of items) r ? list.append(resultItem(r, state.q)) : state.dropped++;
    }
    showStatus();
  }
  function showStatus() {
    const { hits, shown } = state, total = hits.length - state.dropped;
    // Early results (the newest shards') say that the count is not final yet.
    status.textContent = state.partial ? `已找到 ${total} 篇，正在检索更早的文章…`
      : total ? `共找到 ${total} 篇` : state.q ? `没有找到包含“${state.q}”的文章。` : "没有找到符合条件的文章。";
    more.hidden = state.partial || shown >= hits.length;
    more.textContent = `显示更多（还有 ${hits.length - shown} 篇）`;
  }
  async function run(again = false) {
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
      // The newest shards' results show first, while the older shards load and are searched.
      const partial = async (early) => {
        if (my !== seq) return;
        state = { ...early, q, shown: 0, dropped: 0, partial: true, my };
        await showMore(my);
      };
      const found = await find(q, { filters: f, sort, counts: !folded(), partial });
      if (my !== seq) return;
      const early = state?.partial && state.my === my ? state : null;
      state = { ...found, q, shown: 0, dropped: 0 };
      if (found.counts) {
        fillFacets(found.counts, f);
        counted = my;
      }
      // The results shown early stay when the whole answer starts with them.
      const same = early && early.shown <= found.hits.length
        && early.hits.slice(0, early.shown).every((h, i) => h.id === found.hits[i].id);
      if (same) {
        Object.assign(state, { shown: early.shown, dropped: early.dropped });
        if (state.shown < Math.min(PAGE_SIZE, found.hits.length)) await showMore(my, PAGE_SIZE);
        else showStatus();
      } else await showMore(my, PAGE_SIZE, true);
    } catch (e) {
      // WebKit's WebAssembly has been seen to trap in Pagefind's search and answer the same query when
      // asked again of a fresh instance: ask once more, so, before saying the search failed (an error
      // then; a warning while it is tried again).
      if (my === seq && !again) {
        console.warn("search failed; trying once more with a fresh Pagefind:", e);
        restart();
        return run(true);
      }
      console.error(e);
      if (my === seq) status.textContent = `搜索出错：${e.message}`;
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
    [all] = await Promise.all([folded() ? {} : facetValues(), warm(), ready()]);
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
