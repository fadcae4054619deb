// GGUF headers built byte by byte: a valid file, and hostile ones refused with a reason.
import { describe, expect, it } from "vitest";
import { readGgufHeader } from "../../lib/formats/gguf";
import { GgufWriter, ggufHead } from "../setup/gguf-writer";

const W = GgufWriter;
const head = ggufHead;
const parse = (buf: Buffer) => readGgufHeader(buf.length, async (s, e) => buf.subarray(s, e + 1));

describe("GGUF headers", () => {
  it("reads metadata, summarizes big arrays and lists tensors", async () => {
    const w = head(2, 3).str("general.architecture").u32(8).str("llama").str("llama.context_length").u32(4).u32(4096);
    w.str("tokenizer.ggml.tokens").u32(9).u32(8).u64(1000);
    for (let i = 0; i < 1000; i++) w.str(`tok${i}`);
    w.str("token_embd.weight").u32(2).u64(4096).u64(32000).u32(12).u64(0);
    w.str("output_norm.weight").u32(1).u64(4096).u32(0).u64(32); // offsets are relative to the data section
    const info = await parse(w.done());
    expect(info.version).toBe(3);
    expect(info.architecture).toBe("llama");
    expect(info.metadata["llama.context_length"]).toBe(4096);
    expect(info.metadata["tokenizer.ggml.tokens"]).toEqual({ array: "string", length: 1000, first: Array.from({ length: 16 }, (_, i) => `tok${i}`) });
    expect(info.tensors.map((t) => [t.name, t.type, t.shape])).toEqual([["token_embd.weight", "Q4_K", [4096, 32000]], ["output_norm.weight", "F32", [4096]]]);
    expect(info.parameters).toBe(4096 * 32000 + 4096);
  });

  it.each([
    ["bad magic", new W().raw(Buffer.from("GGML")).u32(3).u64(0).u64(0).done(), "bad magic"],
    ["an unsupported version", head(0, 0, 7).done(), "unsupported GGUF version 7"],
    ["a tiny file", Buffer.from("GGUF"), "too small"],
    ["absurd counts", head(2n ** 60n as unknown as number, 0).done(), "absurd counts"],
    ["a string longer than the limit", head(0, 1).u64(2n ** 40n).done(), "a string of"],
    ["a string past the end of the file", head(0, 1).u64(1000).done(8), "runs past the end"],
    ["an unknown value type", head(0, 1).str("k").u32(99).done(), "unknown value type 99"],
    ["an array of 2^62 items", head(0, 1).str("k").u32(9).u32(0).u64(2n ** 62n).done(), "an array of"],
    ["nested arrays", head(0, 1).str("k").u32(9).u32(9).u64(1).u32(9).u64(1).u32(9).u64(1).u32(9).u64(1).done(), "nested too deeply"],
    ["a duplicate key", head(0, 2).str("k").u32(4).u32(1).str("k").u32(4).u32(2).done(), "duplicate metadata key"],
    ["too many dimensions", head(1, 0).str("t").u32(99).done(), "99 dimensions"],
    ["an unknown tensor type", head(1, 0).str("t").u32(1).u64(4).u32(999).u64(0).done(), "unknown type 999"],
    ["an overflowing shape", head(1, 0).str("t").u32(3).u64(2n ** 50n).u64(2n ** 50n).u64(2n ** 50n).u32(0).u64(0).done(), "overflows"],
    ["a tensor offset past the end", head(1, 0).str("t").u32(1).u64(4).u32(0).u64(2n ** 40n).done(), "past the end of the file"],
  ])("refuses %s", async (_what, buf, why) => {
    await expect(parse(buf)).rejects.toThrow(why);
  });
});
