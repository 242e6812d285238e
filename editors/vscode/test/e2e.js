// The browser half of test/e2e.sh: drives a running code-server with headless Chromium.
// Environment: NIANBAO_E2E_URL (workbench URL with ?folder=), NIANBAO_E2E_FILE (the report on
// disk, in the workspace folder), NIANBAO_E2E_BINARY (a nianbao for the nianbao.path setting),
// NIANBAO_E2E_LOGS (code-server's logs dir, where the output channel is written),
// NIANBAO_E2E_ARTIFACTS (screenshots), NIANBAO_CHROMIUM (the browser).
"use strict";
const fs = require("fs");
const path = require("path");
const { chromium } = require("playwright-core");

const url = need("NIANBAO_E2E_URL");
const file = need("NIANBAO_E2E_FILE");
const artifacts = need("NIANBAO_E2E_ARTIFACTS");
const executablePath = process.env.NIANBAO_CHROMIUM || "/usr/bin/chromium";
const binary = need("NIANBAO_E2E_BINARY");
const logsDir = need("NIANBAO_E2E_LOGS");
const name = path.basename(file);

const LINE = 65;
const WRONG = "| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 | 344 |";
const FIXED = "| （七）总计 | 267 | 5 | 14 | 15 | 21 | 16 | 338 |";
// One wrong number, one error: A01, standing for the column total (A02) and the balance (A03).
const ARITH = "（七）总计·总计 为 344，应为 338";
const QUICK_FIX = "将 （七）总计·总计 改为 338";
const T04_EN = "days late";

const t0 = Date.now();
let page;

function need(key) {
  const v = process.env[key];
  if (!v) throw new Error(`${key} is not set (run test/e2e.sh)`);
  return v;
}

function log(msg) {
  const s = ((Date.now() - t0) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`[e2e.js ${s}s] ${msg}\n`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a truthy value; throws `what` after `ms`. */
async function until(what, ms, probe, every = 250) {
  const end = Date.now() + ms;
  let last;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? ` (last error: ${last.message})` : ""}`);
    }
    await sleep(every);
  }
}

/** Runs `attempt` up to `times` times (the UI is racy: a key press can land before focus). */
async function retry(what, times, attempt) {
  for (let i = 1; ; i++) {
    try {
      return await attempt(i);
    } catch (e) {
      if (i >= times) throw new Error(`${what}: failed ${times} times; last: ${e.message}`);
      log(`${what}: attempt ${i} failed (${e.message.split("\n")[0]}), retrying`);
      await page.keyboard.press("Escape").catch(() => {});
      await sleep(500);
    }
  }
}

/** The status bar's problem counts: {errors, warnings, infos} (infos may be absent). */
async function problemCounts() {
  const item = page.locator('[id="status.problems"]');
  if (!(await item.count())) return null;
  const label = (await item.first().getAttribute("aria-label")) || "";
  const text = (await item.first().innerText()).trim();
  const nums = (label.match(/\d+/g) || text.match(/\d+/g) || []).map(Number);
  if (!nums.length) return { errors: 0, warnings: 0, infos: 0, label, text };
  return { errors: nums[0], warnings: nums[1] ?? 0, infos: nums[2] ?? 0, label, text };
}

/** The text of the rendered editor lines (visible ones only), keyed by top position. */
async function visibleLines() {
  return page.evaluate(() => {
    const editor = document.querySelector(".editor-instance .monaco-editor .view-lines");
    if (!editor) return [];
    return [...editor.querySelectorAll(".view-line")]
      .map((l) => ({ top: parseFloat(l.style.top) || 0, text: l.textContent.replace(/\u00a0/g, " ") }))
      .sort((a, b) => a.top - b.top)
      .map((l) => l.text);
  });
}

/** The text of the output channel "nianbao" as written to disk ("" before it exists). */
function outputChannel() {
  const walk = (dir) =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? walk(p) : /output_logging_/.test(p) && e.name.endsWith("nianbao.log") ? [p] : [];
    });
  try {
    return walk(logsDir).map((f) => fs.readFileSync(f, "utf8")).join("");
  } catch {
    return "";
  }
}

/** How many times the server has started (its start message, on stderr). */
const serverStarts = () => outputChannel().split("语言服务器已启动").length - 1;

/** A line's text without the inlay hints (“≠ 338”) and with single spaces. */
// Inlay hints (`应为 338`, `≠ 338`) are rendered in the line: read the line without them.
const plain = (line) => line.replace(/(≠|应为)\s*\d+/g, "").replace(/\s+/g, " ").trim();

/** Whether a rendered line reads `want`. */
async function lineShown(want) {
  return (await visibleLines()).some((l) => plain(l).includes(plain(want)));
}

/** The rows of the Problems panel that are rendered. */
async function markerRows() {
  return page.locator(".markers-panel .monaco-list-row").allInnerTexts();
}

async function goToLine(line, column) {
  await page.keyboard.press("Control+G");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor({ state: "visible", timeout: 5000 });
  await input.fill(`:${line}:${column}`);
  await sleep(200);
  await page.keyboard.press("Enter");
  await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 5000 });
  // The cursor position in the status bar: "Ln 65, Col 41".
  await until(`the cursor at ${line}:${column}`, 5000, async () => {
    const t = await page.locator('[id="status.editor.selection"]').innerText().catch(() => "");
    return t.includes(`${line}`) && t.includes(`${column}`);
  });
}

async function shot(file) {
  const p = path.join(artifacts, file);
  await page.screenshot({ path: p });
  log(`screenshot ${p}`);
}

async function main() {
  fs.mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Keyboard shortcuts that read the clipboard, and its permission prompt, stay quiet.
    await context.grantPermissions(["clipboard-read", "clipboard-write"]).catch(() => {});
    page = await context.newPage();
    page.on("pageerror", (e) => log(`page error: ${e.message.split("\n")[0]}`));

    log(`opening ${url}`);
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 60000 });
    await page.locator(".monaco-workbench .part.statusbar").waitFor({ state: "visible", timeout: 90000 });
    // The explorer lists the folder: the workbench is up.
    await page
      .locator(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"], .explorer-folders-view .monaco-list-row:has-text("${name}")`)
      .first()
      .waitFor({ state: "visible", timeout: 90000 })
      .catch(() => log("the explorer did not list the report; going on"));
    log("workbench ready");

    // Open the report with Quick Open.
    await retry("open the report", 4, async () => {
      await page.locator(".monaco-workbench").click({ position: { x: 700, y: 450 } }).catch(() => {});
      await page.keyboard.press("Control+P");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 5000 });
      await input.fill(name);
      await page
        .locator(`.quick-input-widget .monaco-list-row:has-text("${name}")`)
        .first()
        .waitFor({ state: "visible", timeout: 10000 });
      await page.keyboard.press("Enter");
      await page.locator(`.tabs-container .tab:has-text("${name}")`).first().waitFor({ state: "visible", timeout: 10000 });
      await until("the report's text in the editor", 15000, async () =>
        (await visibleLines()).some((l) => l.includes("政府信息公开")),
      );
    });
    log("report open");

    // Diagnostics: the status bar counts, then the Problems panel.
    const before = await until("nianbao's diagnostics (status bar error count > 0)", 90000, async () => {
      const c = await problemCounts();
      return c && c.errors > 0 ? c : null;
    });
    log(`problems before the fix: ${before.errors} errors, ${before.warnings} warnings (${JSON.stringify(before.label || before.text)})`);

    // The Problems panel, filtered to the arithmetic rules (the list is virtual: only rows in
    // view exist): one error for the one wrong number.
    await retry("show the Problems panel filtered to A0", 3, async () => {
      await page.keyboard.press("Control+Shift+M");
      await page.locator(".markers-panel").first().waitFor({ state: "visible", timeout: 5000 });
      const filter = page.locator(".panel .viewpane-filter input, .markers-panel-action-filter input").first();
      await filter.waitFor({ state: "visible", timeout: 5000 });
      await filter.fill("A0");
      await until("the A01 diagnostic in the Problems panel", 15000, async () => {
        const rows = await markerRows();
        return rows.some((r) => r.includes(ARITH) && r.includes("A01")) ? rows : null;
      });
    });
    const rows = (await markerRows()).filter((r) => /A0\d/.test(r));
    log(`Problems panel, filter A0: ${rows.map((r) => r.replace(/\s+/g, " ")).join(" | ")}`);
    if (rows.length !== 1) throw new Error(`expected 1 arithmetic diagnostic, found ${rows.length}`);

    // Squiggles on line 65, the cursor on 344.
    const column = WRONG.indexOf("344") + 1;
    await retry("put the cursor on 344", 3, async () => {
      await page.locator(".editor-instance .monaco-editor .view-lines").first().click();
      await goToLine(LINE, column);
    });
    await until("error squiggles in the editor", 15000, async () => (await page.locator(".monaco-editor .squiggly-error").count()) > 0);
    await until(`line ${LINE} rendered with 344`, 5000, () => lineShown(WRONG));
    await sleep(500);
    await shot("vscode-squiggles.png");

    // The hover on 344 (Ctrl+K Ctrl+I): the diagnostic and nianbao's own hover on the cell.
    try {
      await page.keyboard.press("Control+K");
      await page.keyboard.press("Control+I");
      await until("the hover on 344", 10000, async () => {
        const texts = await page.locator(".monaco-hover:visible").allInnerTexts();
        return texts.some((t) => t.includes("344") && t.includes("A01"));
      });
      await sleep(300);
      await shot("vscode-hover.png");
    } catch (e) {
      log(`warning: no hover screenshot (${e.message})`);
    }
    await page.keyboard.press("Escape");

    // The quick fix, from the light bulb menu (Ctrl+.).
    await retry("apply the quick fix", 4, async () => {
      await page.locator(".editor-instance .monaco-editor .view-lines").first().click();
      await goToLine(LINE, column);
      await page.keyboard.press("Control+.");
      const item = page.locator(`.action-widget .monaco-list-row:has-text("${QUICK_FIX}")`).first();
      await item.waitFor({ state: "visible", timeout: 10000 });
      await shot("vscode-quickfix.png");
      // The menu ignores clicks until the mouse moves: choose the A01 fix with the keyboard.
      const labels = await page.locator(".action-widget .monaco-list-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("aria-label") || ""));
      log(`quick fixes offered: ${labels.filter(Boolean).join(" | ")}`);
      await until(`the quick fix “${QUICK_FIX}（A01）” to be selected`, 5000, async () => {
        const focused = (await page.locator(".action-widget .monaco-list-row.focused").first().getAttribute("aria-label").catch(() => "")) || "";
        if (focused.includes(QUICK_FIX) && focused.includes("A01")) return true;
        await page.keyboard.press("ArrowDown");
        return false;
      }, 150);
      await page.keyboard.press("Enter");
      await until(`line ${LINE} to read ${FIXED}`, 10000, () => lineShown(FIXED));
    });
    log("quick fix applied in the editor");

    // Save, then the file on disk.
    await retry("save", 3, async () => {
      await page.keyboard.press("Control+S");
      await until(`${file} on disk to hold the fix`, 10000, () => {
        const lines = fs.readFileSync(file, "utf8").split("\n");
        return lines[LINE - 1] === FIXED;
      });
    });
    log(`saved: line ${LINE} on disk reads ${FIXED}`);

    // Fewer problems, and no arithmetic error on 344 any more.
    const after = await until("the problem count to drop", 30000, async () => {
      const c = await problemCounts();
      return c && c.errors < before.errors ? c : null;
    });
    await until("the A01 row to leave the Problems panel", 15000, async () => {
      const rows = await markerRows();
      return !rows.some((r) => r.includes(ARITH));
    });
    log(`problems after the fix: ${after.errors} errors, ${after.warnings} warnings (was ${before.errors}, ${before.warnings})`);

    // The command "nianbao: Fix all" from the command palette: the two warnings (W01, C01)
    // have safe fixes too.
    const original = fs.readFileSync(file, "utf8");
    const expected = original
      .replace("2025年度年度，", "2025年度，")
      .replace("国办函〔2020]109号", "国办函〔2020〕109号");
    if (expected === original) throw new Error("the report no longer has the W01/C01 defects this test expects");
    await retry("run nianbao: Fix all from the command palette", 3, async () => {
      await page.locator(".editor-instance .monaco-editor .view-lines").first().click();
      await page.keyboard.press("Control+Shift+P");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 5000 });
      await input.fill(">nianbao: Fix all");
      const item = page.locator('.quick-input-widget .monaco-list-row:has-text("Fix all safely fixable problems")').first();
      await item.waitFor({ state: "visible", timeout: 10000 });
      await page.keyboard.press("Enter");
      await until("the warnings to be fixed (status bar: 0 warnings)", 15000, async () => {
        const c = await problemCounts();
        return c && c.warnings === 0 && c.errors === after.errors;
      });
    });
    await retry("save", 3, async () => {
      await page.keyboard.press("Control+S");
      await until(`${file} on disk to hold every safe fix`, 10000, () => fs.readFileSync(file, "utf8") === expected);
    });
    const final = await problemCounts();
    log(`after nianbao: Fix all and save: ${final.errors} errors, ${final.warnings} warnings; the file is as nianbao check --fix makes it`);

    // Settings reach the server while it runs: English messages, S09 ignored.
    // (The folder's .vscode/settings.json: VS Code watches it; code-server does not notice
    // outside changes to the user settings file.)
    const folderSettings = path.join(path.dirname(file), ".vscode", "settings.json");
    fs.mkdirSync(path.dirname(folderSettings), { recursive: true });
    fs.writeFileSync(folderSettings, JSON.stringify({ "nianbao.lang": "en", "nianbao.ignore": ["S09"] }, null, 2));
    const filter = page.locator(".panel .viewpane-filter input, .markers-panel-action-filter input").first();
    await filter.fill("T04");
    await until('the settings {"nianbao.lang": "en", "nianbao.ignore": ["S09"]} to apply (T04 in English, one error left)', 30000, async () => {
      const rows = await markerRows();
      const c = await problemCounts();
      return rows.some((r) => r.includes(T04_EN)) && c && c.errors === final.errors - 1;
    });
    log(`settings applied live: ${(await markerRows()).filter((r) => r.includes("T04")).map((r) => r.replace(/\s+/g, " ")).join(" | ")}`);
    await shot("vscode-after-fix.png");

    // "nianbao: Restart server": a new server (test/e2e.sh counts the start messages in the
    // output channel) that gets the same settings.
    await retry("run nianbao: Restart server from the command palette", 3, async () => {
      await page.locator(".editor-instance .monaco-editor .view-lines").first().click();
      await page.keyboard.press("Control+Shift+P");
      const input = page.locator(".quick-input-widget input");
      await input.waitFor({ state: "visible", timeout: 5000 });
      await input.fill(">nianbao: Restart server");
      await page.locator('.quick-input-widget .monaco-list-row:has-text("Restart server")').first().waitFor({ state: "visible", timeout: 10000 });
      await page.keyboard.press("Enter");
      await page.locator(".quick-input-widget").waitFor({ state: "hidden", timeout: 5000 });
    });
    await until("the second server start in the output channel", 20000, () => serverStarts() >= 2);
    await until("the diagnostics after the restart (T04 in English, one error)", 30000, async () => {
      const rows = await markerRows();
      const c = await problemCounts();
      return rows.some((r) => r.includes(T04_EN)) && c && c.errors === final.errors - 1;
    });
    log("server restarted; diagnostics back with the same settings");

    // Setting nianbao.path restarts the server with that binary (test/e2e.sh checks the log).
    fs.writeFileSync(folderSettings, JSON.stringify({ "nianbao.lang": "en", "nianbao.ignore": ["S09"], "nianbao.path": binary }, null, 2));
    await until("a server started from nianbao.path in the output channel", 20000, () => {
      const text = outputChannel();
      return text.includes(`starting ${binary} server (nianbao.path)`) && serverStarts() >= 3;
    });
    await until("the diagnostics after nianbao.path changed", 30000, async () => {
      const rows = await markerRows();
      const c = await problemCounts();
      return rows.some((r) => r.includes(T04_EN)) && c && c.errors === final.errors - 1;
    });
    log(`nianbao.path = ${binary}: diagnostics back`);
    log("PASS");
  } catch (e) {
    if (page) await shot("vscode-failure.png").catch(() => {});
    throw e;
  } finally {
    await browser.close().catch(() => {});
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    log(`FAIL: ${e.message}`);
    process.exit(1);
  },
);
