// The pickle walker lists imports without unpickling, through the memo and the stack.
import { describe, expect, it } from "vitest";
import { ByteReader } from "../../lib/scan/byte-reader";
import { walkPickle } from "../../lib/scan/pickle-imports";
import { classifyGlobal } from "../../lib/scan/classify-imports";
import { pickle, stateDictPickle } from "../setup/pickle-writer";

async function* chunks(buf: Buffer, size = 7) {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size); // tiny chunks: reads must cross boundaries
}
const walk = (buf: Buffer) => walkPickle(ByteReader.from(chunks(buf)));
const names = async (buf: Buffer) => (await walk(buf)).globals.map((g) => `${g.module}.${g.name}`);

describe("pickle imports", () => {
  it("lists a state dict's globals once each", async () => {
    expect(await names(stateDictPickle())).toEqual(["collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch.FloatStorage"]);
  });

  it("reads protocol-0 GLOBAL and INST", async () => {
    expect(await names(pickle(["GLOBAL", "os", "system"], ["MARK"], ["STRING", "echo pwned"], ["TUPLE"], ["REDUCE"], ["STOP"]))).toEqual(["os.system"]);
    expect(await names(pickle(["MARK"], ["STRING", "id"], ["INST", "subprocess", "check_output"], ["STOP"]))).toEqual(["subprocess.check_output"]);
  });

  it("resolves STACK_GLOBAL from literal strings, the memo and text GET/PUT", async () => {
    const viaMemoize = pickle(["PROTO", 4], ["SHORT_BINUNICODE", "builtins"], ["MEMOIZE"], ["SHORT_BINUNICODE", "eval"], ["MEMOIZE"], ["STACK_GLOBAL"], ["STOP"]);
    expect(await names(viaMemoize)).toEqual(["builtins.eval"]);
    const viaBinget = pickle(
      ["PROTO", 4], ["BINUNICODE", "posix"], ["BINPUT", 7], ["POP"], ["BINUNICODE8", "system"], ["BINPUT", 8], ["POP"],
      ["BINGET", 7], ["BINGET", 8], ["STACK_GLOBAL"], ["STOP"],
    );
    expect(await names(viaBinget)).toEqual(["posix.system"]);
    const viaText = pickle(["SHORT_BINSTRING", "runpy"], ["PUT", 3], ["POP"], ["GET", 3], ["SHORT_BINSTRING", "_run_code"], ["STACK_GLOBAL"], ["STOP"]);
    expect(await names(viaText)).toEqual(["runpy._run_code"]);
  });

  it("flags a STACK_GLOBAL whose name is computed at load time", async () => {
    const computed = pickle(
      ["PROTO", 4], ["SHORT_BINUNICODE", "os"], ["GLOBAL", "builtins", "str"], ["SHORT_BINUNICODE", "system"], ["TUPLE1"], ["REDUCE"], ["STACK_GLOBAL"], ["STOP"],
    );
    const w = await walk(computed);
    expect(w.findings).toEqual(["STACK_GLOBAL with a module or name that is computed at load time"]);
  });

  it("flags extension-registry globals", async () => {
    expect((await walk(pickle(["PROTO", 2], ["EXT1", 42], ["STOP"]))).findings[0]).toMatch(/extension-registry global \(code 42\)/);
  });

  it("steps over big byte strings without keeping them and still sees what follows", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x41);
    expect(await names(pickle(["PROTO", 4], ["BINBYTES8", big], ["POP"], ["BINBYTES", big], ["POP"], ["GLOBAL", "os", "popen"], ["STOP"]))).toEqual(["os.popen"]);
  });

  it.each([
    ["data ends before STOP", pickle(["PROTO", 2], ["GLOBAL", "os", "system"]), /ends before STOP/],
    ["unknown opcode", Buffer.from([0x80, 0x02, 0xff, 0x2e]), /unknown opcode 0xff/],
    ["unknown protocol", Buffer.from([0x80, 0x09, 0x2e]), /unsupported pickle protocol/],
    ["byte string longer than the data", pickle(["PROTO", 4], ["BINBYTES8", Buffer.alloc(4), 2 ** 40], ["STOP"]), /ends inside a byte string/],
    ["memo key never stored", pickle(["PROTO", 2], ["BINGET", 5], ["STOP"]), /memo index 5 was never stored/],
    ["stack underflow", pickle(["PROTO", 2], ["REDUCE"], ["STOP"]), /stack underflow/],
    ["SETITEMS without MARK", pickle(["PROTO", 2], ["EMPTY_DICT"], ["SETITEMS"], ["STOP"]), /no MARK/],
    ["a GLOBAL cut off by the end of the data", Buffer.concat([Buffer.from("c"), Buffer.alloc(70 * 1024, 0x61)]), /data ends before a text argument/],
  ])("refuses %s", async (_name, buf, why) => {
    await expect(walk(buf)).rejects.toThrow(why);
  });
});

describe("import classification", () => {
  it.each([
    ["collections", "OrderedDict", "safe"],
    ["torch._utils", "_rebuild_tensor_v2", "safe"],
    ["torch", "BFloat16Storage", "safe"],
    ["torch", "bfloat16", "safe"],
    ["numpy.core.multiarray", "_reconstruct", "safe"],
    ["builtins", "set", "safe"],
    ["__main__", "MyModel", "suspicious"],
    ["torch.nn.modules.linear", "Linear", "suspicious"],
    ["builtins", "eval", "dangerous"],
    ["__builtin__", "getattr", "dangerous"],
    ["os", "system", "dangerous"],
    ["posix", "system", "dangerous"],
    ["subprocess", "Popen", "dangerous"],
    ["runpy", "_run_code", "dangerous"],
    ["os.path", "join", "dangerous"],
    ["webbrowser", "open", "dangerous"],
    ["operator", "attrgetter", "dangerous"],
    ["torch.hub", "load", "dangerous"],
  ])("%s.%s is %s", (module, name, safety) => {
    expect(classifyGlobal(module, name)).toBe(safety);
  });
});
