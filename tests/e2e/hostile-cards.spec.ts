// Forty-odd hostile model cards (script injection, event handlers, dangerous
// URLs, MDX imports and expressions, TeX tricks), each committed as README.md and
// opened on the model page in Chromium: nothing runs, and no handler, dangerous
// element or dangerous URL reaches the DOM (KaTeX's own MathML and SVG are fine).
import crypto from "node:crypto";
import { expect, test } from "./fixtures";
import { createUserWithToken, E2E_URL } from "./hub-env";

const P = "window.__pwned=1";
const CARDS: string[] = [
  `<script>${P}</script>`,
  `<img src="x" onerror="${P}">`,
  `[click](javascript:${P})`,
  `<iframe src="javascript:${P}"></iframe>`,
  `<svg onload="${P}"><circle r="1"/></svg>`,
  `{globalThis.__pwned = 1}`,
  `import x from "data:text/javascript,${P}"\n\n# After import`,
  `export const a = (${P})`,
  `<Callout type="info" title="t" onClick={() => { ${P} }}>x</Callout>`,
  `<Callout {...{ onClick: () => 1 }}>x</Callout>`,
  `<a href="javascript:${P}">jsx link</a>`,
  `<style>body { background: url("javascript:${P}") }</style>`,
  `<object data="javascript:${P}"></object>`,
  `<embed src="javascript:${P}">`,
  `<form action="javascript:${P}"><button>go</button></form>`,
  `<meta http-equiv="refresh" content="0;url=javascript:${P}">`,
  `<link rel="stylesheet" href="javascript:${P}">`,
  `![img](javascript:${P})`,
  `[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xPC9zY3JpcHQ+)`,
  `<details open ontoggle="${P}"><summary>s</summary></details>`,
  `<video><source onerror="${P}"></video>`,
  `<math><mtext><script>${P}</script></mtext></math>`,
  `<base href="javascript:${P}//">`,
  `<Callout type="info" title={${P}}>x</Callout>`,
  `$\\href{javascript:${P}}{click}$`,
  `$$\\htmlClass{x}{\\text{y}}\\url{javascript:${P}}$$`,
  `<div onclick="${P}">raw div</div>`,
  `[mixed case](JaVaScRiPt:${P})`,
  `[entity](&#106;avascript:${P})`,
  `[vb](vbscript:msgbox(1))`,
  `<javascript:${P}>`,
  `[ref link][1]\n\n[1]: javascript:${P}`,
  `<input autofocus onfocus="${P}">`,
  `<body onload="${P}">`,
  `<Callout type="info" dangerouslySetInnerHTML={{ __html: '<img src=x onerror=${P}>' }} />`,
  `<LicenseBadge id="mit" onMouseOver="${P}" />`,
  `<EvalResults>{${P}}</EvalResults>`,
  "```html\n<script>" + P + "</script>\n```",
  `Footnote[^1]\n\n[^1]: [x](javascript:${P})`,
  `<!-- <script>${P}</script> -->`,
  `| a | b |\n|---|---|\n| <img src=x onerror="${P}"> | [t](javascript:${P}) |`,
  `<a href="https://example.com" onclick="${P}">anchor</a>`,
  `<button formaction="javascript:${P}">b</button>`,
  `<svg><animate onbegin="${P}" attributeName="x" dur="1s"/></svg>`,
  `[spaced](  javascript:${P})`,
  `<Callout type="info" title="x"><img src=x onerror="${P}" /></Callout>`,
];

test("hostile model cards render inert in Chromium", async ({ page, request }) => {
  expect(CARDS.length).toBeGreaterThanOrEqual(40);
  const owner = `hostile-${crypto.randomBytes(3).toString("hex")}`;
  const token = createUserWithToken(owner, "hostile cards password");
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "cards" } })).status()).toBe(200);
  let dialogs = 0;
  page.on("dialog", (d) => {
    dialogs++;
    void d.dismiss();
  });
  const navigations: string[] = [];
  page.on("framenavigated", (f) => navigations.push(f.url()));
  for (const [i, body] of CARDS.entries()) {
    const readme = `---\nlicense: mit\n---\n# Card ${i}\n\n${body}\n`;
    const line = (o: object) => JSON.stringify(o);
    const commit = [line({ key: "header", value: { summary: `card ${i}` } }), line({ key: "file", value: { path: "README.md", content: Buffer.from(readme).toString("base64"), encoding: "base64" } })].join("\n");
    expect((await request.post(`${E2E_URL}/api/models/${owner}/cards/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: commit })).status(), `card ${i}`).toBe(200);
    const res = await page.goto(`/${owner}/cards`);
    expect(res?.status(), `card ${i}`).toBe(200);
    const card = page.getByTestId("model-card");
    await expect(card.locator("h1").first(), `card ${i}`).toContainText(`Card ${i}`);
    // hover and click everything in the card: handlers would fire now
    for (const el of await card.locator("a, img, div, span, button, summary").all()) await el.hover({ timeout: 500, trial: false }).catch(() => {});
    const found = await card.evaluate((root) => ({
      dangerous: root.querySelectorAll("script, iframe, object, embed, style, form, meta, link, base, input, button, video, audio, source").length,
      handlers: [...root.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => a.name)),
      urls: [...root.querySelectorAll("[href], [src], [action], [data], [formaction]")]
        .flatMap((el) => ["href", "src", "action", "data", "formaction"].map((n) => el.getAttribute(n) ?? ""))
        .filter((u) => /^\s*(javascript|vbscript|data):/i.test(u)),
      pwned: (window as unknown as { __pwned?: number }).__pwned,
    }));
    expect(found, `card ${i}: ${body}`).toEqual({ dangerous: 0, handlers: [], urls: [], pwned: undefined });
  }
  expect(dialogs).toBe(0);
  expect(navigations.every((u) => u.startsWith(E2E_URL))).toBe(true);
});
