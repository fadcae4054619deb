// The pages, tried as an attacker would, against the hub started as `npm start`
// starts it: hardening headers and a CSP nonce on every page, no cross-site form
// posts, bounded bodies for what Next.js reads, files with odd names reachable,
// gated weights kept out of commit and compare pages, sign-in throttled.
import crypto from "node:crypto";
import net from "node:net";
import { expect, test } from "./fixtures";
import { safetensors } from "../setup/safetensors-writer";
import { E2E_PORT, E2E_URL, createUserWithToken, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const owner = `hostile-${id}`;
const password = "a long enough password";
let token = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  token = createUserWithToken(owner, password);
});

test("pages carry a nonce'd CSP that runs the app, and no inline script without it", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && /Content Security Policy/i.test(m.text()) && errors.push(m.text()));
  const res = await page.goto("/models");
  const csp = res!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9_-]{24}' 'strict-dynamic'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  expect(csp).toMatch(/frame-ancestors 'none'/);
  expect(res!.headers()["x-content-type-options"]).toBe("nosniff");
  expect(res!.headers()["referrer-policy"]).toBe("same-origin");
  expect(res!.headers()["permissions-policy"]).toMatch(/camera=\(self\)/);
  // the nonce differs per response, and the page is interactive (hydrated) under it
  const again = await page.request.get("/models");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);
  await page.getByLabel("Search models").fill("tiny");
  await page.getByLabel("Search models").press("Enter");
  await expect(page).toHaveURL(/search=tiny/);
  // every inline script the hub writes carries this response's nonce; nothing was blocked on the way
  const html = await again.text();
  const nonce = /'nonce-([^']+)'/.exec(again.headers()["content-security-policy"]!)![1]!;
  const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((m) => m[1]!);
  expect(inline.length).toBeGreaterThan(0);
  for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
  expect(errors).toEqual([]);
});

test("a cross-site or sandboxed form post to a page is refused with 403 and a clear error", async ({ request }) => {
  for (const origin of ["https://evil.example", "null"]) {
    const res = await request.post("/signup", { headers: { Origin: origin, "Content-Type": "application/x-www-form-urlencoded", "Next-Action": "x" }, data: "username=a&email=b&password=c" });
    expect(res.status()).toBe(403);
    expect(await res.json()).toMatchObject({ error: expect.stringMatching(/Cross-origin/) });
  }
  const signIn = await request.post("/api/auth/callback/credentials", { headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" }, data: "login=x&password=y" });
  expect(signIn.status()).toBe(403);
});

test("a chunked body that Next.js reads (the sign-in callback) is cut off at the limit, not buffered whole", async () => {
  const answer = await new Promise<string>((resolve) => {
    const s = net.connect(E2E_PORT, "127.0.0.1");
    let data = "";
    s.on("data", (d) => (data += d.toString("latin1")));
    s.on("close", () => resolve(data));
    s.on("error", () => resolve(data));
    s.write(`POST /api/auth/callback/credentials HTTP/1.1\r\nHost: localhost:${E2E_PORT}\r\nOrigin: ${E2E_URL}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const frame = Buffer.concat([Buffer.from("10000\r\n"), Buffer.alloc(0x10000, 0x61), Buffer.from("\r\n")]);
    let sent = 0;
    const pump = () => {
      while (sent < 96 && !s.destroyed) {
        sent++;
        if (!s.write(frame)) return void s.once("drain", pump);
      }
    };
    pump();
    setTimeout(() => s.destroy(), 20_000);
  });
  expect(answer).toMatch(/^HTTP\/1.1 413/);
});

test("file pages open files whose names hold spaces, #, %, ?, and non-ASCII letters", async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "odd-names" } })).status()).toBe(200);
  const names = ["with space.txt", "hash#tag.txt", "per%cent.txt", "what?.txt", "naïve-日本.txt", "dir with space/inner #1.txt"];
  const body = [JSON.stringify({ key: "header", value: { summary: "odd names" } }), ...names.map((n) => JSON.stringify({ key: "file", value: { path: n, content: Buffer.from(`content of ${n}`).toString("base64"), encoding: "base64" } }))].join("\n");
  expect((await request.post(`${E2E_URL}/api/models/${owner}/odd-names/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body })).status()).toBe(200);
  await signInAs(page, owner, password);
  await page.goto(`/${owner}/odd-names/tree/main`);
  for (const name of names.filter((n) => !n.includes("/"))) {
    await page.getByRole("link", { name, exact: true }).click();
    await expect(page.getByText(`content of ${name}`)).toBeVisible();
    await page.goBack();
  }
  await page.getByRole("link", { name: /dir with space/ }).click();
  await page.getByRole("link", { name: "inner #1.txt", exact: true }).click();
  await expect(page.getByText("content of dir with space/inner #1.txt")).toBeVisible();
});

test("sign-in is throttled after a burst of wrong passwords, the right one included", async ({ page }) => {
  const victim = `victim-${id}`;
  createUserWithToken(victim, password);
  await page.goto("/signin");
  for (let i = 0; i < 6; i++) {
    await page.getByLabel("Email or user name").fill(victim);
    await page.getByLabel("Password").fill("wrong password number " + i);
    await page.getByRole("button", { name: "Sign in" }).click();
    // the form's own alert (Next.js keeps an empty route announcer with role="alert" too)
    await expect(page.locator("form").getByRole("alert")).toBeVisible();
  }
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText(/Too many failed sign-ins/)).toBeVisible();
});

test("a gated model's commit and compare pages show no statistics of its weights without access", async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "gated-weights" } })).status()).toBe(200);
  const commit = async (values: number[]) => {
    const w = safetensors({ "layer.weight": { shape: [4], values } }).toString("base64");
    const body = [JSON.stringify({ key: "header", value: { summary: "weights" } }), JSON.stringify({ key: "file", value: { path: "model.safetensors", content: w, encoding: "base64" } })].join("\n");
    const res = await request.post(`${E2E_URL}/api/models/${owner}/gated-weights/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body });
    return ((await res.json()) as { commitOid: string }).commitOid;
  };
  const first = await commit([1, 2, 3, 4]);
  const second = await commit([1, 2, 3, 5]);
  expect((await request.put(`${E2E_URL}/api/models/${owner}/gated-weights/settings`, { headers: auth, data: { gated: "manual" } })).status()).toBe(200);
  await page.context().clearCookies();
  await page.goto(`/${owner}/gated-weights/commit/${second}`);
  await expect(page.getByTestId("commit-title")).toHaveText("weights");
  await expect(page.getByTestId("tensor-diff")).toHaveCount(0);
  await page.goto(`/${owner}/gated-weights/compare?base=${first}&head=main`);
  await expect(page.getByTestId("compare-problem")).toContainText(/restricted/);
  await expect(page.getByTestId("tensor-diff")).toHaveCount(0);
  // the owner sees both
  await signInAs(page, owner, password);
  await page.goto(`/${owner}/gated-weights/commit/${second}`);
  await expect(page.getByTestId("tensor-diff")).toBeVisible();
});
