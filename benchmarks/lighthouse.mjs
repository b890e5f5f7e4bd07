// Lighthouse on pages of a served site, through one Chromium that the caller started with
// --remote-debugging-port: node benchmarks/lighthouse.mjs PORT URL... (run from the repository, where
// node_modules has the pinned lighthouse). Lighthouse's defaults: a phone (Moto G Power's screen,
// simulated slow 4G and a 4x slower CPU). One JSON line per URL on stdout:
// {"url", "scores": {"performance": 100, ...}, "failing": [{"id", "title", "score", "value"}]}
// where failing lists every scored audit of the four categories below a full score.
import lighthouse from "lighthouse";

const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"];
const [port, ...urls] = process.argv.slice(2);

for (const url of urls) {
  // No full-page screenshot (no audit scores it; it costs a second a page).
  const { lhr } = await lighthouse(url, { port: Number(port), output: "json", logLevel: "error",
                                         onlyCategories: CATEGORIES, disableFullPageScreenshot: true });
  if (lhr.runtimeError) {
    console.log(JSON.stringify({ url, error: `${lhr.runtimeError.code}: ${lhr.runtimeError.message}` }));
    continue;
  }
  const scores = Object.fromEntries(CATEGORIES.map((c) => [c, Math.round(lhr.categories[c].score * 100)]));
  const failing = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c].auditRefs) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a.score !== null && a.score < 1) {
        failing.push({ category: c, id: a.id, title: a.title, score: a.score, value: a.displayValue ?? "" });
      }
    }
  }
  console.log(JSON.stringify({ url, scores, failing }));
}
