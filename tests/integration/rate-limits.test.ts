// Rate limits on writes: per user and per address, burst and long windows,
// RateLimit headers, 429 with Retry-After, and the scale knob.
import { afterEach, describe, expect, it } from "vitest";
import { checkRateLimit } from "../../lib/ratelimit/rate-limit";
import { HubError } from "../../lib/errors";
import { seedUser } from "../setup/factories";
import { resetEnvForTests } from "../../lib/env";

const T0 = Date.parse("2026-11-23T10:00:05Z");

afterEach(() => {
  delete process.env.RATE_LIMIT_SCALE;
  resetEnvForTests();
});

describe("rate limits", () => {
  it("let normal use through with headers, then refuse a burst with 429 and Retry-After", async () => {
    const u = await seedUser();
    const who = { userId: u.id, ip: `10.0.${Math.floor(Math.random() * 250)}.1` };
    const first = await checkRateLimit(who, "fork", T0);
    expect(first).toEqual({ "RateLimit-Limit": "10", "RateLimit-Remaining": "9", "RateLimit-Reset": "55" });
    for (let i = 2; i <= 10; i++) await checkRateLimit(who, "fork", T0 + i);
    const refused = await checkRateLimit(who, "fork", T0 + 20_000).catch((e) => e);
    expect(refused).toBeInstanceOf(HubError);
    expect(refused).toMatchObject({ status: 429, code: "TooManyRequests" });
    expect(refused.headers).toMatchObject({ "Retry-After": "35", "RateLimit-Remaining": "0" });
    // the next minute the burst window is fresh again
    expect((await checkRateLimit(who, "fork", T0 + 60_000))["RateLimit-Remaining"]).toBe("9");
    // other actions have their own counters
    expect((await checkRateLimit(who, "like", T0))["RateLimit-Remaining"]).toBe("59");
  });

  it("count per address across users, with wider limits for an address than for one user", async () => {
    const ip = `10.1.${Math.floor(Math.random() * 250)}.2`;
    const users = await Promise.all(Array.from({ length: 4 }, () => seedUser()));
    let refusedAt = -1;
    for (let i = 0; i < 40 && refusedAt < 0; i++) {
      const u = users[i % 4]!;
      await checkRateLimit({ userId: u.id, ip }, "fork", T0 + 120_000).catch(() => (refusedAt = i));
    }
    expect(refusedAt).toBe(30); // 4 users x 10 each would be 40: the address allows 3 x 10
    // anonymous sign-ups: 5 an hour per address
    const anon = { userId: null, ip: `10.2.${Math.floor(Math.random() * 250)}.3` };
    for (let i = 0; i < 5; i++) await checkRateLimit(anon, "signup", T0);
    await expect(checkRateLimit(anon, "signup", T0 + 1000)).rejects.toMatchObject({ status: 429 });
  });

  it("scale with RATE_LIMIT_SCALE, and switch off at 0", async () => {
    const u = await seedUser();
    process.env.RATE_LIMIT_SCALE = "0.2";
    resetEnvForTests();
    expect((await checkRateLimit({ userId: u.id, ip: "" }, "fork", T0))["RateLimit-Limit"]).toBe("2");
    process.env.RATE_LIMIT_SCALE = "0";
    resetEnvForTests();
    expect(await checkRateLimit({ userId: u.id, ip: "" }, "fork", T0)).toEqual({});
  });
});
