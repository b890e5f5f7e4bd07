// Warm the browser's cache for a search while the reader types it: loaded (base.html) when a reader
// focuses the header's search box on any page but the search page. It reads the search page itself
// and fetches what its head names (the search scripts, Pagefind's runtime, the list of shards, the
// entry and metadata of the shards searched first) and what its data names (Pagefind's worker and
// WebAssembly, the table of traditional characters). The search page then finds them in the cache (a
// host such as GitHub Pages lets them be reused for 10 minutes), and its first results wait for the
// index chunks of the query and the texts shown only.

const form = document.querySelector("form.header-search");
const get = (url) => fetch(url).then((r) => {
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.arrayBuffer();
});

async function warm() {
  const page = await fetch(form.action);
  if (!page.ok) throw new Error(`${form.action}: HTTP ${page.status}`);
  const doc = new DOMParser().parseFromString(await page.text(), "text/html");
  const at = (href) => new URL(href, page.url).href;
  for (const el of doc.querySelectorAll('link[rel="modulepreload"], link[rel="preload"], script[src]')) {
    get(at(el.getAttribute("href") ?? el.getAttribute("src"))).catch(() => {});
  }
  const data = JSON.parse(doc.getElementById("sitegen-search")?.textContent ?? "null");
  for (const name of data ? [data.worker, data.wasm, data.t2s] : []) get(at(data.bundle + name)).catch(() => {});
}

if (form) warm().catch((e) => console.warn("sitegen: could not prepare the search:", e.message));
