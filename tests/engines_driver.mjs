// Firefox ESR for the cross-engine lane (tests/engines.py): puppeteer-core drives Debian's firefox-esr
// over WebDriver BiDi, headless, and this script takes its orders as JSON lines on stdin.
//
//   node tests/engines_driver.mjs FIREFOX_PATH TIMEOUT_SECONDS  (for a page to load, a script to answer)
//   <- {"ready": "<browser version>"}
//   -> {"id": 1, "cmd": "goto", "url": "…"}          <- {"id": 1, "value": null}
//   -> {"id": 2, "cmd": "evaluate", "expr": "…"}     <- {"id": 2, "value": …}  (a promise is awaited)
//   -> {"id": 3, "cmd": "url"}                       <- {"id": 3, "value": "…"}
//   -> {"id": 4, "cmd": "screenshot", "path": "…"}   <- {"id": 4, "value": null}
//   a failure answers {"id": N, "error": "…"}; the end of stdin closes the browser.
import readline from "node:readline";
import puppeteer from "puppeteer-core";

const timeout = Number(process.argv[3]) * 1000;
const browser = await puppeteer.launch({
  browser: "firefox", executablePath: process.argv[2], protocol: "webDriverBiDi", headless: true,
  defaultViewport: { width: 1280, height: 900 }, protocolTimeout: timeout,
});
const page = await browser.newPage();
page.setDefaultTimeout(timeout);
const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");

const commands = {
  goto: async ({ url }) => { await page.goto(url, { waitUntil: "load" }); return null; },
  evaluate: ({ expr }) => page.evaluate(expr),
  url: () => page.url(),
  screenshot: async ({ path }) => { await page.screenshot({ path, fullPage: true }); return null; },
};

send({ ready: await browser.version() });
for await (const line of readline.createInterface({ input: process.stdin })) {
  const msg = JSON.parse(line);
  try {
    send({ id: msg.id, value: (await commands[msg.cmd](msg)) ?? null });
  } catch (e) {
    send({ id: msg.id, error: String(e?.message ?? e) });
  }
}
await browser.close();
