// On an article page opened from a search result (?highlight=<query>), mark every occurrence of each
// query term in the article's headings and paragraphs and scroll the first into view.
// Terms are compared normalised (traditional, full-width and case folded, one character for one,
// as in sitegen/search/tokens.py), so 東華門 marks 东华门 and the marks cover the text as printed.
// search-core.js is imported only when there is something to highlight; it reads what it shares with
// Python from the page (<script id="sitegen-search">: how a query splits, where the table is). An article
// page does not carry that data (it would be a twentieth of every article's bytes): it is copied from the
// search page, which a reader opening a result has just left, so the browser usually has it in its cache.

const TEXT_BLOCKS = "p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption";

function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (n) => (n.parentElement.closest(TEXT_BLOCKS) && !n.parentElement.closest("mark, script, style")
      ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT),
  });
  const out = [];
  while (walker.nextNode()) out.push(walker.currentNode);
  return out;
}

// Replace a text node by text and <mark> elements; return the marks.
function markNode(node, ranges) {
  const text = node.data, frag = document.createDocumentFragment(), marks = [];
  let pos = 0;
  for (const [a, b] of ranges) {
    frag.append(text.slice(pos, a));
    const m = document.createElement("mark");
    m.className = "search-highlight";
    m.textContent = text.slice(a, b);
    frag.append(m);
    marks.push(m);
    pos = b;
  }
  frag.append(text.slice(pos));
  node.replaceWith(frag);
  return marks;
}

async function borrowSearchData() {
  if (document.getElementById("sitegen-search")) return;
  const form = document.querySelector("form.header-search");
  const url = form ? form.action : new URL("search/", new URL(document.documentElement.dataset.baseUrl || "/", location.href)).href;
  const page = await fetch(url);
  if (!page.ok) throw new Error(`${url}: HTTP ${page.status}`);
  const data = new DOMParser().parseFromString(await page.text(), "text/html").getElementById("sitegen-search");
  if (!data) throw new Error(`${url} has no <script id="sitegen-search"> data`);
  document.body.append(document.importNode(data, true));
}

export async function highlight(query, root = document.querySelector("article")) {
  if (!query || !root) return [];
  await borrowSearchData();
  const { matchRanges, queryTerms, ready } = await import("./search-core.js");
  await ready();
  const terms = queryTerms(query);
  if (!terms.length) return [];
  const marks = [];
  for (const node of textNodes(root)) {
    const ranges = matchRanges(node.data, terms);  // offsets into node.data: normalising keeps lengths
    if (ranges.length) marks.push(...markNode(node, ranges));
  }
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
  return marks;
}

const query = new URLSearchParams(location.search).get("highlight");
if (query) highlight(query).catch((e) => console.error("sitegen highlight:", e));
