// The header's search box, on every page but the search page (base.html): focused, it starts loading
// what a search needs (search-warm.js) while the reader types. A file of its own rather than a script
// in each page: it is fetched once and cached, where an inline one is a part of every page's bytes.

const box = document.getElementById("header-q");
const warm = () => import("./search-warm.js").catch(() => {});
if (box === document.activeElement) warm();  // focused before this module ran
else box?.addEventListener("focus", warm, { once: true });
