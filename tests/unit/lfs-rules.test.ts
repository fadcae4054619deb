import { describe, expect, it } from "vitest";
import { DEFAULT_GITATTRIBUTES, LFS_SIZE_THRESHOLD, isLfsFile, lfsMatcher } from "../../lib/repos/lfs-rules";
import { looksBinary } from "../../lib/repos/blob-digests";

describe("LFS rules", () => {
  const m = lfsMatcher(DEFAULT_GITATTRIBUTES);
  it("matches the default patterns at any depth", () => {
    expect(m("model.safetensors")).toBe(true);
    expect(m("onnx/model.onnx")).toBe(true);
    expect(m("saved_model/variables/x")).toBe(true);
    expect(m("runs/events.out.tfevents.123")).toBe(true);
    expect(m("config.json")).toBe(false);
  });
  it("lets a later line unset an earlier one, and anchors patterns with '/'", () => {
    const custom = lfsMatcher("*.json filter=lfs\nkeep.json -filter\n/top.txt filter=lfs\n");
    expect(custom("a.json")).toBe(true);
    expect(custom("keep.json")).toBe(false);
    expect(custom("top.txt")).toBe(true);
    expect(custom("sub/top.txt")).toBe(false);
  });
  it("stores big or binary files as LFS, never empty ones", () => {
    const none = lfsMatcher("");
    expect(isLfsFile({ path: "a.txt", size: LFS_SIZE_THRESHOLD + 1, binary: false }, none)).toBe(true);
    expect(isLfsFile({ path: "a.txt", size: 10, binary: true }, none)).toBe(true);
    expect(isLfsFile({ path: "a.txt", size: 10, binary: false }, none)).toBe(false);
    expect(isLfsFile({ path: "a.bin", size: 0, binary: false }, m)).toBe(false);
  });
  it("detects binary samples, tolerating a UTF-8 character cut at the end", () => {
    expect(looksBinary(Buffer.from("plain text"))).toBe(false);
    expect(looksBinary(Buffer.from([0x61, 0x00, 0x62]))).toBe(true);
    expect(looksBinary(Buffer.from([0xff, 0xfe, 0x41]))).toBe(true);
    expect(looksBinary(Buffer.from("é").subarray(0, 1))).toBe(false);
  });
});
