// The log's redaction: secret-named fields at the top of a record and one level down are
// censored in what is written, and the objects callers logged are left as they were.
import { afterEach, describe, expect, it } from "vitest";
import { log } from "../../lib/observability/log";
import { CENSOR, redactSecrets } from "../../lib/observability/redact";
import { captureLog } from "../setup/capture-log";

const previous = log();
afterEach(() => {
  (globalThis as { modelhubLog?: unknown }).modelhubLog = previous;
});

const flushed = () => new Promise((r) => setTimeout(r, 20));

describe("log redaction", () => {
  it("censors secret-named fields at the top and one level down, in what is written", async () => {
    const lines = captureLog();
    const record = {
      token: "hf_top",
      password: "pw",
      headers: { authorization: "Bearer hf_header", cookie: "session=abc", accept: "*/*" },
      upstream: { Authorization: "Bearer hf_upper", "Set-Cookie": "sid=set-upper; HttpOnly", Cookie: "sid=upper" },
      user: { email: "someone@example.test", name: "someone" },
      route: "/api/models",
    };
    log().info(record, "with secrets");
    await flushed();
    const line = lines.find((l) => l.msg === "with secrets")!;
    expect(line).toMatchObject({
      token: CENSOR,
      password: CENSOR,
      headers: { authorization: CENSOR, cookie: CENSOR, accept: "*/*" },
      user: { email: CENSOR, name: "someone" },
      upstream: { Authorization: CENSOR, "Set-Cookie": CENSOR, Cookie: CENSOR },
      route: "/api/models",
    });
    const text = JSON.stringify(lines);
    for (const secret of ["hf_top", "hf_header", "hf_upper", "sid=upper", "sid=set-upper", "session=abc", "someone@example.test", '"pw"']) expect(text).not.toContain(secret);
    // the caller's objects are unchanged
    expect(record.token).toBe("hf_top");
    expect(record.headers.authorization).toBe("Bearer hf_header");
    expect(record.user.email).toBe("someone@example.test");
  });

  it("keeps an error's message and stack, and frozen records, while censoring their secret fields", async () => {
    const lines = captureLog();
    const err = Object.assign(new Error("boom"), { token: "hf_in_error" });
    log().error({ err, request: Object.freeze({ secret: "s3cr3t", id: 7 }) }, "failed");
    await flushed();
    const line = lines.find((l) => l.msg === "failed") as { err: { message: string; stack: string; token: string }; request: unknown };
    expect(line.err.message).toBe("boom");
    expect(line.err.stack).toContain("boom");
    expect(line.err.token).toBe(CENSOR);
    expect(line.request).toEqual({ secret: CENSOR, id: 7 });
    expect(JSON.stringify(lines)).not.toContain("hf_in_error");
    expect(err.token).toBe("hf_in_error");
  });

  it("returns a record without secret-named fields as it is (nothing copied), and leaves deeper levels alone", () => {
    const line = { requestId: "r1", method: "GET", route: "/api/models", status: 200, ms: 3.2, bytes: 812, userId: null, query: { search: "bert" } };
    expect(redactSecrets(line)).toBe(line);
    const deep = { a: { b: { token: "two levels down: beyond reach, as with the path list before" } } };
    expect(redactSecrets(deep)).toBe(deep);
  });
});
