// Lists the globals a pickle would import, by walking its opcodes the way CPython's
// pickle.py reads them (protocols 0-5): every argument decoded exactly (int() for
// memo keys, escape decoding for STRING, raw-unicode-escape for UNICODE), strings
// followed through the stack and the memo so STACK_GLOBAL resolves, and each value
// typed as far as the opcodes tell. Nothing is ever unpickled.
//
// A walk ends three ways: STOP; "invalid", where the unpickler itself would raise
// (so nothing after that point runs); or "limit", where this walker gives up on a
// bound of its own while Python would go on, which callers treat as unscannable.
import { type ByteReader } from "./byte-reader";
import { escapeDecode, isDottedName, pyInt, rawUnicodeEscapeDecode, strictUtf8 } from "./python-text";

export type PickleGlobal = { module: string; name: string; proto: number };
export type PickleWalk = { globals: PickleGlobal[]; findings: string[]; opcodes: number };

export class PickleError extends Error {
  constructor(
    message: string,
    /** "invalid": the unpickler would raise here too; "limit": only this walker stops here. */
    readonly kind: "invalid" | "limit",
    /** What was found before the failure: unpickling stops at the same point, so only these could have run. */
    readonly partial: PickleGlobal[] = [],
    readonly partialFindings: string[] = [],
  ) {
    super(message);
  }
}

// What the walker knows of a stack value: a string it read, a string it could not keep,
// something that is certainly not a string, or anything (results of calls, memo of those).
type Value = { t: "str"; v: string } | { t: "str?" } | { t: "other" } | { t: "any" };
const MARK = Symbol("mark");
const OTHER: Value = { t: "other" };
const ANY: Value = { t: "any" };
const LONG_STR: Value = { t: "str?" };

const MAX_KEPT = 4 * 1024; // longer strings are stepped over: no module is named like that
const MAX_STACK = 1_000_000;
const MAX_MEMO = 4_000_000;
const MAX_OPCODES = 200_000_000;
const MAXSIZE = 2n ** 63n - 1n;

export async function walkPickle(r: ByteReader, budget = { opcodes: MAX_OPCODES }): Promise<PickleWalk> {
  const globals: PickleGlobal[] = [];
  const findings: string[] = [];
  const seen = new Set<string>();
  const stack: (Value | typeof MARK)[] = [];
  const memo = new Map<string, Value>();
  let proto = 0;
  let opcodes = 0;

  const stop = (kind: "invalid" | "limit", why: string): never => {
    throw new PickleError(`cannot parse pickle at byte ${r.pos}: ${why}`, kind, globals, findings);
  };
  const invalid = (why: string) => stop("invalid", why);
  const note = (f: string) => {
    if (!findings.includes(f)) findings.push(f);
  };
  const take = async (n: number) => (await r.take(n)) ?? invalid("data ends inside an opcode");
  // readline()[:-1]: up to and without the newline; at the end of data, the last byte is cut instead.
  const line = async (): Promise<{ bytes: Buffer; kept: boolean }> => {
    const got = await r.lineOf(MAX_KEPT);
    if (!got.newline) {
      if (got.length === 0) invalid("data ends before a text argument");
      return { bytes: got.kept ? got.bytes.subarray(0, -1) : got.bytes, kept: got.kept };
    }
    return { bytes: got.bytes, kept: got.kept };
  };
  const push = (v: Value | typeof MARK) => {
    if (stack.length >= MAX_STACK) stop("limit", "stack deeper than 1,000,000");
    stack.push(v);
  };
  const pop = (): Value => {
    const v = stack.pop();
    if (v === undefined || v === MARK) return invalid("stack underflow");
    return v;
  };
  const popMark = () => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) invalid("no MARK on the stack");
    stack.length = i;
  };
  const top = (): Value => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) return invalid("stack underflow");
    return v;
  };
  const memoKey = (k: bigint) => {
    if (k < 0n) invalid("negative memo index");
    return k.toString();
  };
  const textKey = async () => {
    const { bytes, kept } = await line();
    const n = kept ? pyInt(bytes) : null;
    if (!n) return invalid("a memo index is not an integer");
    // Python's own pickler writes plain digits: any other form was written by hand to confuse scanners.
    if (!n.plain) note("memo index written in an unusual form (hand-crafted pickle)");
    return n.value;
  };
  const remember = (k: bigint) => {
    const key = memoKey(k);
    if (memo.size >= MAX_MEMO && !memo.has(key)) stop("limit", "memo larger than 4,000,000 entries");
    memo.set(key, top());
  };
  const recall = (k: bigint) => {
    const v = memo.get(memoKey(k));
    if (v === undefined) invalid(`memo index ${k} was never stored`);
    push(v!);
  };
  const addGlobal = (module: string, name: string) => {
    // __import__ and getattr fail on anything that is not a dotted name, before any code runs.
    if (!isDottedName(module) || !isDottedName(name)) invalid(`cannot import ${JSON.stringify(module.slice(0, 80))} ${JSON.stringify(name.slice(0, 80))}`);
    const key = `${proto}\n${module}\n${name}`;
    if (!seen.has(key)) {
      seen.add(key);
      globals.push({ module, name, proto });
    }
    push(ANY);
  };
  const sized = (n: bigint | number, max: bigint = MAXSIZE) => {
    const v = BigInt(n);
    if (v < 0n || v > max) invalid("a length is out of range");
    return Number(v);
  };
  const skipOrFail = async (n: number, what: string) => {
    if (!(await r.skip(n))) invalid(`data ends inside ${what}`);
  };
  const binStr = async (n: number, decode: (b: Buffer) => string | null) => {
    if (n > MAX_KEPT) {
      await skipOrFail(n, "a string");
      push(LONG_STR);
      return;
    }
    const s = decode(await take(n));
    if (s === null) invalid("a string does not decode");
    push({ t: "str", v: s! });
  };
  const bytesValue = async (n: number) => {
    await skipOrFail(n, "a byte string");
    push(OTHER);
  };
  const popN = (n: number) => {
    for (let k = 0; k < n; k++) pop();
  };
  // pickle.py decodes protocol-0/1 strings as ASCII (the default encoding); names are ASCII anyway.
  const ascii = (b: Buffer) => (b.every((c) => c < 0x80) ? b.toString("latin1") : null);

  for (;;) {
    if (++opcodes > budget.opcodes) stop("limit", `more than ${MAX_OPCODES} opcodes`);
    const b = await r.take(1);
    if (!b) invalid("data ends before STOP");
    const op = b![0]!;
    switch (op) {
      case 0x2e: // STOP
        budget.opcodes -= opcodes;
        return { globals, findings, opcodes };
      case 0x80: { // PROTO
        const p = (await take(1))[0]!;
        if (p > 5) invalid("unsupported pickle protocol");
        proto = p;
        break;
      }
      case 0x95: // FRAME
        sized((await take(8)).readBigUInt64LE(0));
        break;
      case 0x28: push(MARK); break; // MARK
      case 0x30: // POP: the current stack's top, or its MARK when it is empty
        if (stack[stack.length - 1] === MARK) stack.pop();
        else pop();
        break;
      case 0x31: popMark(); break; // POP_MARK
      case 0x32: push(top()); break; // DUP
      case 0x4e: case 0x88: case 0x89: // NONE NEWTRUE NEWFALSE
      case 0x29: case 0x5d: case 0x7d: case 0x8f: // EMPTY_TUPLE EMPTY_LIST EMPTY_DICT EMPTY_SET
        push(OTHER);
        break;
      case 0x46: case 0x49: case 0x4c: await line(); push(OTHER); break; // FLOAT INT LONG (text)
      case 0x4a: await take(4); push(OTHER); break; // BININT
      case 0x4b: await take(1); push(OTHER); break; // BININT1
      case 0x4d: await take(2); push(OTHER); break; // BININT2
      case 0x47: await take(8); push(OTHER); break; // BINFLOAT
      case 0x8a: await bytesValue((await take(1))[0]!); break; // LONG1
      case 0x8b: await bytesValue(sized((await take(4)).readInt32LE(0))); break; // LONG4
      case 0x53: { // STRING 'quoted', with Python escapes
        const { bytes, kept } = await line();
        if (!kept) {
          push(LONG_STR);
          break;
        }
        const q = bytes[0];
        if (bytes.length < 2 || bytes[bytes.length - 1] !== q || (q !== 0x27 && q !== 0x22)) invalid("the STRING opcode argument must be quoted");
        const raw = escapeDecode(bytes.subarray(1, -1));
        const s = raw && ascii(raw);
        if (s === null || s === undefined) invalid("a STRING argument does not decode");
        push({ t: "str", v: s! });
        break;
      }
      case 0x54: await binStr(sized((await take(4)).readInt32LE(0)), ascii); break; // BINSTRING
      case 0x55: await binStr((await take(1))[0]!, ascii); break; // SHORT_BINSTRING
      case 0x56: { // UNICODE, raw-unicode-escape
        const { bytes, kept } = await line();
        if (!kept) {
          push(LONG_STR);
          break;
        }
        const s = rawUnicodeEscapeDecode(bytes);
        if (s === null) invalid("a UNICODE argument does not decode");
        push({ t: "str", v: s! });
        break;
      }
      case 0x58: await binStr(sized((await take(4)).readUInt32LE(0)), (x) => strictUtf8(x, true)); break; // BINUNICODE
      case 0x8c: await binStr((await take(1))[0]!, (x) => strictUtf8(x, true)); break; // SHORT_BINUNICODE
      case 0x8d: await binStr(sized((await take(8)).readBigUInt64LE(0)), (x) => strictUtf8(x, true)); break; // BINUNICODE8
      case 0x42: await bytesValue(sized((await take(4)).readUInt32LE(0))); break; // BINBYTES
      case 0x43: await bytesValue((await take(1))[0]!); break; // SHORT_BINBYTES
      case 0x8e: case 0x96: await bytesValue(sized((await take(8)).readBigUInt64LE(0))); break; // BINBYTES8 BYTEARRAY8
      case 0x97: push(ANY); break; // NEXT_BUFFER (out-of-band buffers: the loader's)
      case 0x98: break; // READONLY_BUFFER
      case 0x50: await line(); push(ANY); break; // PERSID: the loader's persistent_load decides
      case 0x51: pop(); push(ANY); break; // BINPERSID
      case 0x52: popN(2); push(ANY); break; // REDUCE
      case 0x62: pop(); break; // BUILD
      case 0x81: popN(2); push(ANY); break; // NEWOBJ
      case 0x92: popN(3); push(ANY); break; // NEWOBJ_EX
      case 0x61: pop(); break; // APPEND
      case 0x73: popN(2); break; // SETITEM
      case 0x65: case 0x75: case 0x90: popMark(); break; // APPENDS SETITEMS ADDITEMS
      case 0x74: case 0x6c: case 0x64: case 0x91: popMark(); push(OTHER); break; // TUPLE LIST DICT FROZENSET
      case 0x85: popN(1); push(OTHER); break; // TUPLE1
      case 0x86: popN(2); push(OTHER); break; // TUPLE2
      case 0x87: popN(3); push(OTHER); break; // TUPLE3
      case 0x63: { // GLOBAL module\nname\n (UTF-8)
        const m = await line();
        const n = await line();
        const module = m.kept ? strictUtf8(m.bytes) : null;
        const name = n.kept ? strictUtf8(n.bytes) : null;
        if (!m.kept || !n.kept) {
          note("GLOBAL with a name too long to read");
          push(ANY);
        } else if (module === null || name === null) invalid("a GLOBAL name is not UTF-8");
        else addGlobal(module, name);
        break;
      }
      case 0x69: { // INST module\nname\n (ASCII): imports, then calls with the items above MARK
        const m = await line();
        const n = await line();
        const module = m.kept ? ascii(m.bytes) : null;
        const name = n.kept ? ascii(n.bytes) : null;
        if (!m.kept || !n.kept) {
          note("INST with a name too long to read");
          popMark();
          push(ANY);
        } else if (module === null || name === null) invalid("an INST name is not ASCII");
        else {
          addGlobal(module, name);
          stack.pop(); // addGlobal pushed the class; INST pushes the instance instead
          popMark();
          push(ANY);
        }
        break;
      }
      case 0x6f: popMark(); push(ANY); break; // OBJ: calls the first item above MARK
      case 0x93: { // STACK_GLOBAL: both must be str, or the unpickler raises
        const name = pop();
        const module = pop();
        if (name.t === "other" || module.t === "other") invalid("STACK_GLOBAL requires str");
        if (name.t === "str" && module.t === "str") addGlobal(module.v, name.v);
        else {
          note("STACK_GLOBAL with a module or name that is computed at load time");
          push(ANY);
        }
        break;
      }
      case 0x82: case 0x83: case 0x84: { // EXT1 EXT2 EXT4
        const n = op === 0x82 ? (await take(1))[0]! : op === 0x83 ? (await take(2)).readUInt16LE(0) : (await take(4)).readInt32LE(0);
        if (n <= 0) invalid("EXT specifies code <= 0");
        note(`extension-registry global (code ${n})`);
        push(ANY);
        break;
      }
      case 0x67: recall(await textKey()); break; // GET
      case 0x68: recall(BigInt((await take(1))[0]!)); break; // BINGET
      case 0x6a: recall(BigInt((await take(4)).readUInt32LE(0))); break; // LONG_BINGET
      case 0x70: remember(await textKey()); break; // PUT
      case 0x71: remember(BigInt((await take(1))[0]!)); break; // BINPUT
      case 0x72: remember(BigInt((await take(4)).readUInt32LE(0))); break; // LONG_BINPUT
      case 0x94: remember(BigInt(memo.size)); break; // MEMOIZE
      default:
        invalid(`unknown opcode 0x${op.toString(16).padStart(2, "0")}`);
    }
  }
}
