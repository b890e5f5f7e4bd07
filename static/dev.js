// Loaded only by `sitegen serve` previews: after a rebuild that failed, say why over the page.
// The page itself is still the last good build.
(async () => {
  const base = document.documentElement.dataset.baseUrl || "/";
  let status;
  try {
    const resp = await fetch(base + "__sitegen__/status.txt", { cache: "no-store" });
    if (!resp.ok) return;
    status = await resp.text();
  } catch (e) {
    return;
  }
  if (status.startsWith("ok")) return;
  const box = document.createElement("div");
  box.setAttribute("role", "alert");
  box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;z-index:1000;" +
    "background:#7f1d1d;color:#fff;padding:1rem;font:14px/1.5 monospace;white-space:pre-wrap";
  box.textContent = "重建失败，仍显示上一次成功的版本。\n" + status;
  document.body.append(box);
})();
