// A corpus of pickles written to slip past scanners, built here byte by byte and
// never unpickled. Each must get the verdict CPython's unpickler deserves: what it
// would import is named, and what cannot be read to its end is "unscannable".
import { gzipSync, deflateSync } from "node:zlib";
import tar from "tar-stream";
import { describe, expect, it } from "vitest";
import { storeBytes } from "../../lib/repos/ingest-blob";
import { scanPickleFile, type ScanVerdict } from "../../lib/scan/scan-pickle-file";
import { pickle, stateDictPickle, type Op } from "../setup/pickle-writer";
import { zip } from "../setup/zip-writer";

const scan = async (buf: Buffer) => {
  const { sha256 } = await storeBytes(buf);
  return scanPickleFile({ sha256, size: buf.length });
};

const osSystem: Op[] = [["GLOBAL", "os", "system"], ["SHORT_BINUNICODE", "id"], ["TUPLE1"], ["REDUCE"]];
const evil = pickle(["PROTO", 2], ...osSystem, ["STOP"]);
const benign = pickle(["PROTO", 2], ["BININT1", 1], ["STOP"]);
const stackGlobal = (module: Op[], name: Op[]): Buffer => pickle(["PROTO", 4], ...module, ...name, ["STACK_GLOBAL"], ["EMPTY_TUPLE"], ["REDUCE"], ["STOP"]);

function npy(descr: string, payload: Buffer): Buffer {
  let header = `{'descr': ${descr}, 'fortran_order': False, 'shape': (1,), }`;
  header += " ".repeat(63 - ((10 + header.length) % 64)) + "\n";
  const len = Buffer.alloc(2);
  len.writeUInt16LE(header.length);
  return Buffer.concat([Buffer.from("\x93NUMPY\x01\x00", "latin1"), len, Buffer.from(header, "latin1"), payload]);
}

async function tarOf(members: { name: string; data: Buffer }[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const m of members) pack.entry({ name: m.name }, m.data);
  pack.finalize();
  const parts: Buffer[] = [];
  for await (const c of pack) parts.push(c as Buffer);
  return Buffer.concat(parts);
}

type Case = [name: string, bytes: () => Buffer | Promise<Buffer>, verdict: ScanVerdict, imports?: string[]];

const cases: Case[] = [
  // How the memo is addressed: every form int() accepts names the same slot
  ["text PUT/GET with a + sign and underscores", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "os"], ["PUT", "+1_0"], ["POP"], ["SHORT_BINUNICODE", "system"], ["PUT", " 11 "], ["POP"], ["GET", "10"], ["GET", "0011"], ["STACK_GLOBAL"], ["STOP"]), "dangerous", ["os.system"]],
  ["text GET with tabs and a minus zero", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "posix"], ["PUT", "0"], ["POP"], ["SHORT_BINUNICODE", "system"], ["PUT", "4"], ["POP"], ["GET", "\t-0"], ["GET", "4\t"], ["STACK_GLOBAL"], ["STOP"]), "dangerous", ["posix.system"]],
  ["text GET with non-ASCII digits (int() of bytes refuses them)", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "posix"], ["PUT", "3"], ["POP"], ["SHORT_BINUNICODE", "system"], ["PUT", "4"], ["POP"], ["GET", "\u0663"], ["GET", "\u0664"], ["STACK_GLOBAL"], ["STOP"]), "none"],
  ["text and binary memo indexes are one memo", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "subprocess"], ["BINPUT", 7], ["POP"], ["SHORT_BINUNICODE", "getoutput"], ["LONG_BINPUT", 8], ["POP"], ["GET", "7"], ["LONG_BINGET", 8], ["STACK_GLOBAL"], ["STOP"]), "dangerous", ["subprocess.getoutput"]],
  ["a memo slot overwritten after a harmless value", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "collections"], ["BINPUT", 1], ["POP"], ["SHORT_BINUNICODE", "os"], ["BINPUT", 1], ["POP"], ["SHORT_BINUNICODE", "system"], ["BINPUT", 2], ["POP"], ["BINGET", 1], ["BINGET", 2], ["STACK_GLOBAL"], ["STOP"]), "dangerous", ["os.system"]],
  ["MEMOIZE numbering after sparse PUTs", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "x"], ["BINPUT", 5], ["SHORT_BINUNICODE", "builtins"], ["MEMOIZE"], ["POP"], ["POP"], ["SHORT_BINUNICODE", "eval"], ["BINPUT", 9], ["POP"], ["BINGET", 1], ["BINGET", 9], ["STACK_GLOBAL"], ["STOP"]), "dangerous", ["builtins.eval"]],
  ["DUP of a module name before STACK_GLOBAL", () => pickle(["PROTO", 4], ["SHORT_BINUNICODE", "os"], ["DUP"], ["POP"], ["SHORT_BINUNICODE", "popen"], ["STACK_GLOBAL"], ["STOP"]), "dangerous", ["os.popen"]],
  // Strings as pickle.py decodes them
  ["STRING with \\x escapes", () => stackGlobal([["RAW", "S'\\x6f\\x73'\n"]], [["SHORT_BINUNICODE", "system"]]), "dangerous", ["os.system"]],
  ["STRING with octal escapes", () => stackGlobal([["RAW", "S'\\157\\163'\n"]], [["SHORT_BINUNICODE", "system"]]), "dangerous", ["os.system"]],
  ["STRING in double quotes", () => stackGlobal([["RAW", 'S"os"\n']], [["SHORT_BINUNICODE", "system"]]), "dangerous", ["os.system"]],
  ["UNICODE with \\u escapes", () => stackGlobal([["RAW", "V\\u006fs\n"]], [["RAW", "V\\u0073ystem\n"]]), "dangerous", ["os.system"]],
  ["UNICODE with \\U escapes", () => stackGlobal([["RAW", "V\\U0000006fs\n"]], [["SHORT_BINUNICODE", "system"]]), "dangerous", ["os.system"]],
  ["BINSTRING module name", () => stackGlobal([["BINSTRING", "os"]], [["SHORT_BINSTRING", "system"]]), "dangerous", ["os.system"]],
  ["BINUNICODE8 names", () => stackGlobal([["BINUNICODE8", "runpy"]], [["BINUNICODE8", "_run_code"]]), "dangerous", ["runpy._run_code"]],
  // Long arguments before the import
  ["a 100 KB STRING before the import", () => pickle(["PROTO", 2], ["STRING", "a".repeat(100 * 1024)], ["POP"], ...osSystem, ["STOP"]), "dangerous", ["os.system"]],
  ["a 1 MB UNICODE line before the import", () => pickle(["UNICODE", "b".repeat(1024 * 1024)], ["POP"], ...osSystem, ["STOP"]), "dangerous", ["os.system"]],
  ["a 300 KB INT line before the import", () => pickle(["INT", "9".repeat(300 * 1024)], ["POP"], ...osSystem, ["STOP"]), "dangerous", ["os.system"]],
  ["a 5 MB byte string before the import", () => pickle(["PROTO", 4], ["BINBYTES8", Buffer.alloc(5 * 1024 * 1024)], ["POP"], ...osSystem, ["STOP"]), "dangerous", ["os.system"]],
  // Several pickles in one file
  ["protocol 0 after a protocol 2 pickle", () => Buffer.concat([benign, pickle(["GLOBAL", "os", "system"], ["MARK"], ["STRING", "id"], ["TUPLE"], ["REDUCE"], ["STOP"])]), "dangerous", ["os.system"]],
  ["the ninth pickle in a row", () => Buffer.concat([...Array.from({ length: 8 }, () => benign), evil]), "dangerous", ["os.system"]],
  ["an evil pickle after a state dict", () => Buffer.concat([stateDictPickle(), evil]), "dangerous", ["os.system"]],
  ["legacy torch.save layout with raw storage after it", () => Buffer.concat([benign, benign, benign, stateDictPickle(), pickle(["PROTO", 2], ["MARK"], ["SHORT_BINUNICODE", "0"], ["TUPLE"], ["STOP"]), Buffer.from(new Float32Array(64).fill(0.5).buffer)]), "safe"],
  // Names, mapped and dotted
  ["Python 2 name __builtin__.reduce (functools.reduce)", () => pickle(["PROTO", 2], ["GLOBAL", "__builtin__", "reduce"], ["STOP"]), "dangerous"],
  ["Python 2 module commands (subprocess)", () => pickle(["GLOBAL", "commands", "getoutput"], ["STOP"]), "dangerous"],
  ["dotted name into __globals__ of a safe class", () => stackGlobal([["SHORT_BINUNICODE", "collections"]], [["SHORT_BINUNICODE", "OrderedDict.__init__.__globals__"]]), "dangerous"],
  ["builtins.getattr", () => pickle(["PROTO", 2], ["GLOBAL", "builtins", "getattr"], ["STOP"]), "dangerous"],
  ["torch.jit.load", () => pickle(["PROTO", 2], ["GLOBAL", "torch.jit", "load"], ["STOP"]), "dangerous"],
  ["numpy.testing._private.utils.runstring", () => pickle(["PROTO", 2], ["GLOBAL", "numpy.testing._private.utils", "runstring"], ["STOP"]), "dangerous"],
  ["INST of subprocess.Popen", () => pickle(["MARK"], ["STRING", "id"], ["INST", "subprocess", "Popen"], ["STOP"]), "dangerous", ["subprocess.Popen"]],
  ["OBJ calling os.system", () => pickle(["MARK"], ["GLOBAL", "os", "system"], ["STRING", "id"], ["OBJ"], ["STOP"]), "dangerous"],
  ["GLOBAL cut by the end of the data (the import still runs)", () => Buffer.from("cos\nsystemX", "latin1"), "dangerous", ["os.system"]],
  ["an unknown class from __main__", () => pickle(["PROTO", 2], ["GLOBAL", "__main__", "Payload"], ["EMPTY_TUPLE"], ["NEWOBJ"], ["STOP"]), "suspicious"],
  ["dill's function constructor", () => pickle(["PROTO", 4], ["GLOBAL", "dill._dill", "_create_function"], ["STOP"]), "dangerous"],
  // What cannot be named
  ["STACK_GLOBAL on a computed module name", () => pickle(["PROTO", 4], ["GLOBAL", "builtins", "str"], ["SHORT_BINUNICODE", "os"], ["TUPLE1"], ["REDUCE"], ["SHORT_BINUNICODE", "system"], ["STACK_GLOBAL"], ["STOP"]), "dangerous"],
  ["STACK_GLOBAL on a module name too long to keep", () => stackGlobal([["BINUNICODE", "m".repeat(10_000)]], [["SHORT_BINUNICODE", "x"]]), "dangerous"],
  ["EXT2 extension-registry global", () => pickle(["PROTO", 2], ["EXT2", 513], ["STOP"]), "dangerous"],
  ["EXT4 extension-registry global", () => pickle(["PROTO", 2], ["EXT4", 70_000], ["STOP"]), "dangerous"],
  ["memo index written by hand (underscores), otherwise harmless", () => pickle(["PROTO", 2], ["NONE"], ["PUT", "1_0"], ["STOP"]), "dangerous"],
  // Cut or broken after imports: unscannable (or dangerous when what ran was)
  ["a safe import, then the data ends", () => pickle(["PROTO", 2], ["GLOBAL", "collections", "OrderedDict"]), "unscannable"],
  ["a dangerous import, then an unknown opcode", () => Buffer.concat([pickle(["PROTO", 2], ["GLOBAL", "os", "system"]), Buffer.from([0xff])]), "dangerous"],
  ["a state dict with its STOP cut off", () => stateDictPickle().subarray(0, -1), "unscannable"],
  // Content, whatever the name
  [".npy holding Python objects", () => npy("'|O'", evil), "dangerous", ["os.system"]],
  [".npy with a structured dtype holding an object field", () => npy("[('a', '<f4'), ('b', '|O')]", evil), "dangerous"],
  [".npy of float32 (no pickle)", () => npy("'<f4'", Buffer.alloc(4)), "none"],
  [".npz of object arrays", () => zip([{ name: "arr_0.npy", data: npy("'|O'", evil) }]), "dangerous"],
  ["gzip-compressed pickle (joblib)", () => gzipSync(evil), "dangerous", ["os.system"]],
  ["zlib-compressed pickle (joblib)", () => deflateSync(evil), "dangerous", ["os.system"]],
  ["bzip2-compressed data", () => Buffer.concat([Buffer.from("BZh91AY&SY", "latin1"), Buffer.alloc(32)]), "unscannable"],
  ["xz-compressed data", () => Buffer.concat([Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]), Buffer.alloc(32)]), "unscannable"],
  ["zip member with no pickle extension that opens with PROTO", () => zip([{ name: "archive/blob", data: evil }]), "dangerous"],
  ["zip member named .pt holding protocol 0", () => zip([{ name: "nested/model.pt", data: pickle(["GLOBAL", "os", "system"], ["STOP"]) }]), "dangerous"],
  ["a zip inside a zip", () => zip([{ name: "inner.zip", data: zip([{ name: "archive/data.pkl", data: evil }]) }]), "dangerous"],
  ["a gzip inside a zip", () => zip([{ name: "state.pkl.gz", data: gzipSync(evil) }]), "dangerous"],
  ["a zip whose central directory is cut", () => zip([{ name: "archive/data.pkl", data: evil }]).subarray(0, 40), "unscannable"],
  ["torch zip with raw storages never unpickled", () => zip([{ name: "archive/data.pkl", data: stateDictPickle() }, { name: "archive/data/0", data: Buffer.from("c\x00\x01\n", "latin1") }]), "safe"],
  ["legacy torch tar", async () => tarOf([{ name: "sys_info", data: benign }, { name: "pickle", data: evil }]), "dangerous"],
  ["tar member without extension opening with PROTO", async () => tarOf([{ name: "payload", data: evil }]), "dangerous"],
  // Not pickles at all
  ["safetensors header", () => Buffer.concat([Buffer.from([0x10, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{"__metadata__":{}}')]), "none"],
  ["Markdown that starts with c", () => Buffer.from("config: this is a model card\nname: x\n"), "none"],
  ["JSON", () => Buffer.from('{"architectures": ["Bert"]}'), "none"],
  ["random float weights", () => Buffer.from(new Float32Array([0.1, -2.5, 3.75, 1e-8, 42, 7, 8, 9]).buffer), "none"],
  ["STACK_GLOBAL on an int (the unpickler raises first)", () => pickle(["PROTO", 4], ["BININT1", 3], ["SHORT_BINUNICODE", "system"], ["STACK_GLOBAL"], ["STOP"]), "none"],
  ["GLOBAL naming something that is not a module", () => Buffer.from("cnot a module\nsystem\n.", "latin1"), "none"],
];

describe("pickle scanner against evasions", () => {
  it.each(cases)("%s → %s", async (_name, bytes, verdict, imports) => {
    const result = await scan(await bytes());
    expect(result.status).toBe(verdict);
    for (const i of imports ?? []) expect(result.imports.map((x) => `${x.module}.${x.name}`)).toContain(i);
  });

  it("gives up honestly: a walk that exceeds the scanner's own opcode budget is unscannable", async () => {
    const { sha256 } = await storeBytes(evil);
    const { walkPickle, PickleError } = await import("../../lib/scan/pickle-imports");
    const { ByteReader } = await import("../../lib/scan/byte-reader");
    const long = pickle(["PROTO", 2], ...Array.from({ length: 50 }, (): Op[] => [["NONE"], ["POP"]]).flat(), ...osSystem, ["STOP"]);
    const err = await walkPickle(ByteReader.from((async function* () { yield long; })()), { opcodes: 20 }).catch((e) => e);
    expect(err).toBeInstanceOf(PickleError);
    expect(err.kind).toBe("limit");
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});
