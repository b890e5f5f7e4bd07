// Warm the browser's cache for a search while the reader types it: loaded (base.html) when a reader
// focuses the header's search box on any page but the search page. It reads the search page itself
// (its preloads and its data for static/search-core.js), then fetches what a search starts with:
// the search scripts, Pagefind's runtime and WebAssembly, the list of shards, the table of
// traditional characters, and the entry and metadata of the shards searched first. The search page
// then finds them in the cache (a host such as GitHub Pages lets them be reused for 10 minutes), and
// its first results wait for the index chunks of the query and the texts shown only.

const form = document.querySelector("form.header-search");
const get = (url) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r;
});

async function warm() {
  const page = await get(form.action);
  const doc = new DOMParser().parseFromString(await page.text(), "text/html");
  const at = (href) => new URL(href, page.url).href;
  for (const el of doc.querySelectorAll('link[rel="modulepreload"], link[rel="preload"], script[src]')) {
    get(at(el.getAttribute("href") ?? el.getAttribute("src"))).catch(() => {});
  }
  const data = JSON.parse(doc.getElementById("sitegen-search")?.textContent ?? "null");
  if (!data) return;
  const bundle = (name) => at(data.bundle + name);
  for (const name of [data.t2s, data.wasm]) get(bundle(name)).catch(() => {});
  const list = await (await get(bundle(data.shards))).json();
  for (const [i, s] of list.entries()) {
    if (i > 0 && !s.first) break;
    for (const name of [`${s.dir}pagefind-entry.json?ts=${s.tag}`, s.dir + s.meta]) get(bundle(name)).catch(() => {});
  }
}

if (form) warm().catch((e) => console.warn("sitegen: could not prepare the search:", e.message));
