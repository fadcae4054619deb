// Configuration is checked as a whole before anything starts: every bad variable is
// named with what is wrong, empty counts as unset, and values arrive typed.
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../lib/env";

const problems = (env: Record<string, string>) => {
  try {
    checkConfig(env);
    return "";
  } catch (e) {
    return (e as Error).message;
  }
};

describe("checkConfig", () => {
  it("names each bad variable and what is wrong with it", () => {
    const message = problems({ WORKER_CONCURRENCY: "abc", PORT: "70000", RATE_LIMIT_SCALE: "-1", TRUST_PROXY: "yes", LOG_LEVEL: "loud", METRICS_TOKEN: "short" });
    expect(message).toMatch(/^Invalid Modelhub configuration:/);
    expect(message).toContain("WORKER_CONCURRENCY: must be a number");
    expect(message).toContain("PORT: must be at most 65535");
    expect(message).toContain("RATE_LIMIT_SCALE: must be at least 0");
    expect(message).toMatch(/TRUST_PROXY: /);
    expect(message).toMatch(/LOG_LEVEL: /);
    expect(message).toContain("METRICS_TOKEN: must be at least 16 characters");
  });

  it("refuses fractions where whole numbers are needed, and S3 without credentials", () => {
    expect(problems({ FINETUNE_MAX_SECONDS: "60.5" })).toContain("FINETUNE_MAX_SECONDS: must be a whole number");
    expect(problems({ S3_BUCKET: "models" })).toContain("S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
    expect(problems({ S3_BUCKET: "models", S3_ENDPOINT: "not a url", S3_ACCESS_KEY_ID: "a", S3_SECRET_ACCESS_KEY: "b" })).toMatch(/S3_ENDPOINT: /);
  });

  it("types good values, applies defaults and treats empty variables as unset", () => {
    const c = checkConfig({ PORT: "", WORKER_CONCURRENCY: "4", TRUST_PROXY: "1", QUOTA_USER_BYTES: "1000" });
    expect(c).toMatchObject({ PORT: 3000, WORKER_CONCURRENCY: 4, TRUST_PROXY: true, QUOTA_USER_BYTES: 1000, QUOTA_ORG_BYTES: 0, SHUTDOWN_GRACE_SECONDS: 25, BLOB_GC_GRACE_HOURS: 24 });
  });
});
