import { describe, expect, it } from "vitest";
import { parseRange } from "../../lib/http/byte-range";
import { countsAsDownload } from "../../lib/hub-api/resolve-file";

describe("Range parsing", () => {
  it.each([
    [null, 100, { kind: "full" }],
    ["bytes=0-0", 100, { kind: "partial", start: 0, end: 0 }],
    ["bytes=10-", 100, { kind: "partial", start: 10, end: 99 }],
    ["bytes=10-1000", 100, { kind: "partial", start: 10, end: 99 }],
    ["bytes=-10", 100, { kind: "partial", start: 90, end: 99 }],
    ["bytes=-1000", 100, { kind: "partial", start: 0, end: 99 }],
    ["bytes=100-", 100, { kind: "unsatisfiable" }],
    ["bytes=0-0", 0, { kind: "unsatisfiable" }],
    ["bytes=5-1", 100, { kind: "full" }],
    ["items=0-1", 100, { kind: "full" }],
    ["bytes=0-1,5-6", 100, { kind: "full" }],
  ] as const)("%s of %i bytes", (h, size, want) => expect(parseRange(h, size)).toEqual(want));

  it("counts real downloads, not probes, HEADs or resumed tails", () => {
    expect(countsAsDownload("GET", null)).toBe(true);
    expect(countsAsDownload("GET", "bytes=0-")).toBe(true);
    expect(countsAsDownload("GET", "bytes=0-0")).toBe(false);
    expect(countsAsDownload("GET", "bytes=500-")).toBe(false);
    expect(countsAsDownload("HEAD", null)).toBe(false);
  });
});
