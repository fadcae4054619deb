// Lists the globals a pickle would import, by walking its opcodes (protocols
// 0-5) with a small stack model: strings are tracked through the stack and the
// memo so STACK_GLOBAL resolves, everything else is an opaque value. Nothing is
// ever unpickled. Sizes are bounded so a hostile pickle cannot exhaust memory.
import { ByteReader } from "./byte-reader";

export type PickleGlobal = { module: string; name: string };
export type PickleWalk = { globals: PickleGlobal[]; findings: string[]; opcodes: number };

export class PickleError extends Error {
  /** What was found before the failure: unpickling stops at the same point, so only these could have run. */
  partial: PickleGlobal[] = [];
  partialFindings: string[] = [];
}

const OPAQUE = Symbol("opaque");
const MARK = Symbol("mark");
type Value = string | typeof OPAQUE;

const MAX_LINE = 64 * 1024;
const MAX_KEPT_STRING = 4 * 1024; // longer strings are skipped and become opaque
const MAX_STACK = 1_000_000;
const MAX_MEMO = 4_000_000;
const MAX_OPCODES = 200_000_000;

export async function walkPickle(r: ByteReader): Promise<PickleWalk> {
  const globals: PickleGlobal[] = [];
  const findings: string[] = [];
  const seen = new Set<string>();
  const stack: (Value | typeof MARK)[] = [];
  const memo = new Map<number, Value>();
  let opcodes = 0;

  const fail = (why: string): never => {
    const e = new PickleError(`cannot parse pickle at byte ${r.pos}: ${why}`);
    e.partial = globals;
    e.partialFindings = findings;
    throw e;
  };
  const take = async (n: number) => (await r.take(n)) ?? fail("data ends inside an opcode");
  const line = async () => (await r.line(MAX_LINE)) ?? fail("a text argument has no newline within 64 KiB");
  const push = (v: Value | typeof MARK) => {
    if (stack.length >= MAX_STACK) fail("stack deeper than 1,000,000");
    stack.push(v);
  };
  const pop = (): Value => {
    const v = stack.pop();
    if (v === undefined || v === MARK) fail("stack underflow");
    return v as Value;
  };
  const popMark = () => {
    const i = stack.lastIndexOf(MARK);
    if (i < 0) fail("no MARK on the stack");
    stack.length = i;
  };
  const top = (): Value => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) fail("stack underflow");
    return v as Value;
  };
  const remember = (k: number) => {
    if (memo.size >= MAX_MEMO && !memo.has(k)) fail("memo larger than 4,000,000 entries");
    memo.set(k, top());
  };
  const recall = (k: number) => {
    const v = memo.get(k);
    if (v === undefined) fail(`memo key ${k} was never stored`);
    push(v!);
  };
  const addGlobal = (module: string, name: string) => {
    const key = `${module}\n${name}`;
    if (!seen.has(key)) {
      seen.add(key);
      globals.push({ module, name });
    }
    push(OPAQUE);
  };
  const text = (b: Buffer) => b.toString("utf8");
  const str = async (len: number | bigint) => {
    const n = Number(len);
    if (!Number.isSafeInteger(n) || n < 0) fail("a length is out of range");
    if (n > MAX_KEPT_STRING) {
      if (!(await r.skip(n))) fail("data ends inside a string");
      push(OPAQUE);
    } else push(text(await take(n)));
  };
  const bytes = async (len: number | bigint) => {
    const n = Number(len);
    if (!Number.isSafeInteger(n) || n < 0) fail("a length is out of range");
    if (!(await r.skip(n))) fail("data ends inside a byte string");
    push(OPAQUE);
  };
  const popN = (n: number) => {
    for (let k = 0; k < n; k++) pop();
  };

  for (;;) {
    if (++opcodes > MAX_OPCODES) fail("more than 200,000,000 opcodes");
    const b = await r.take(1);
    if (!b) fail("data ends before STOP");
    const op = b![0]!;
    switch (op) {
      case 0x2e: // STOP
        return { globals, findings, opcodes };
      case 0x80: // PROTO
        if ((await take(1))[0]! > 5) fail("unknown pickle protocol");
        break;
      case 0x95: // FRAME
        await take(8);
        break;
      case 0x28: // MARK
        push(MARK);
        break;
      case 0x30: // POP
        if (stack[stack.length - 1] === MARK) stack.pop();
        else pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        push(top());
        break;
      case 0x4e: case 0x88: case 0x89: // NONE NEWTRUE NEWFALSE
      case 0x29: case 0x5d: case 0x7d: case 0x8f: // EMPTY_TUPLE EMPTY_LIST EMPTY_DICT EMPTY_SET
        push(OPAQUE);
        break;
      case 0x46: case 0x49: case 0x4c: // FLOAT INT LONG (text)
        await line();
        push(OPAQUE);
        break;
      case 0x4a: await take(4); push(OPAQUE); break; // BININT
      case 0x4b: await take(1); push(OPAQUE); break; // BININT1
      case 0x4d: await take(2); push(OPAQUE); break; // BININT2
      case 0x47: await take(8); push(OPAQUE); break; // BINFLOAT
      case 0x8a: await bytes((await take(1))[0]!); break; // LONG1
      case 0x8b: await bytes((await take(4)).readUInt32LE(0)); break; // LONG4
      case 0x53: { // STRING 'quoted'
        const s = text(await line()).trim();
        push(s.length >= 2 && (s[0] === "'" || s[0] === '"') && s.endsWith(s[0]!) ? s.slice(1, -1) : OPAQUE);
        break;
      }
      case 0x54: await str((await take(4)).readInt32LE(0)); break; // BINSTRING
      case 0x55: await str((await take(1))[0]!); break; // SHORT_BINSTRING
      case 0x56: push(text(await line())); break; // UNICODE (raw-unicode-escape; names are ASCII)
      case 0x58: await str((await take(4)).readUInt32LE(0)); break; // BINUNICODE
      case 0x8c: await str((await take(1))[0]!); break; // SHORT_BINUNICODE
      case 0x8d: await str((await take(8)).readBigUInt64LE(0)); break; // BINUNICODE8
      case 0x42: await bytes((await take(4)).readUInt32LE(0)); break; // BINBYTES
      case 0x43: await bytes((await take(1))[0]!); break; // SHORT_BINBYTES
      case 0x8e: case 0x96: await bytes((await take(8)).readBigUInt64LE(0)); break; // BINBYTES8 BYTEARRAY8
      case 0x97: push(OPAQUE); break; // NEXT_BUFFER
      case 0x98: break; // READONLY_BUFFER
      case 0x50: await line(); push(OPAQUE); break; // PERSID
      case 0x51: pop(); push(OPAQUE); break; // BINPERSID
      case 0x52: popN(2); push(OPAQUE); break; // REDUCE
      case 0x62: pop(); break; // BUILD
      case 0x81: popN(2); push(OPAQUE); break; // NEWOBJ
      case 0x92: popN(3); push(OPAQUE); break; // NEWOBJ_EX
      case 0x61: pop(); break; // APPEND
      case 0x73: popN(2); break; // SETITEM
      case 0x65: case 0x75: case 0x90: popMark(); break; // APPENDS SETITEMS ADDITEMS
      case 0x74: case 0x6c: case 0x64: case 0x91: popMark(); push(OPAQUE); break; // TUPLE LIST DICT FROZENSET
      case 0x85: popN(1); push(OPAQUE); break; // TUPLE1
      case 0x86: popN(2); push(OPAQUE); break; // TUPLE2
      case 0x87: popN(3); push(OPAQUE); break; // TUPLE3
      case 0x63: { // GLOBAL module\nname\n
        const module = text(await line());
        addGlobal(module, text(await line()));
        break;
      }
      case 0x69: { // INST module\nname\n: imports and calls with the items above MARK
        const module = text(await line());
        const name = text(await line());
        popMark();
        addGlobal(module, name);
        break;
      }
      case 0x6f: // OBJ: calls the first item above MARK
        popMark();
        push(OPAQUE);
        break;
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof name === "string" && typeof module === "string") addGlobal(module, name);
        else {
          findings.push("STACK_GLOBAL with a module or name that is computed at load time");
          push(OPAQUE);
        }
        break;
      }
      case 0x82: case 0x83: case 0x84: { // EXT1 EXT2 EXT4
        const n = op === 0x82 ? (await take(1))[0]! : op === 0x83 ? (await take(2)).readUInt16LE(0) : (await take(4)).readInt32LE(0);
        findings.push(`extension-registry global (code ${n})`);
        push(OPAQUE);
        break;
      }
      case 0x67: recall(Number(text(await line()))); break; // GET
      case 0x68: recall((await take(1))[0]!); break; // BINGET
      case 0x6a: recall((await take(4)).readUInt32LE(0)); break; // LONG_BINGET
      case 0x70: remember(Number(text(await line()))); break; // PUT
      case 0x71: remember((await take(1))[0]!); break; // BINPUT
      case 0x72: remember((await take(4)).readUInt32LE(0)); break; // LONG_BINPUT
      case 0x94: remember(memo.size); break; // MEMOIZE
      default:
        fail(`unknown opcode 0x${op.toString(16).padStart(2, "0")}`);
    }
  }
}
