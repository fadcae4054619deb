// A tiny pickle assembler for tests: opcodes by name, so fixtures read like
// `pickletools.dis` output and need no Python.
const OPS: Record<string, number> = {
  PROTO: 0x80, STOP: 0x2e, MARK: 0x28, GLOBAL: 0x63, INST: 0x69, STACK_GLOBAL: 0x93, SHORT_BINUNICODE: 0x8c, BINUNICODE: 0x58,
  BINUNICODE8: 0x8d, SHORT_BINSTRING: 0x55, STRING: 0x53, MEMOIZE: 0x94, BINPUT: 0x71, BINGET: 0x68, PUT: 0x70, GET: 0x67,
  REDUCE: 0x52, TUPLE: 0x74, TUPLE1: 0x85, TUPLE2: 0x86, EMPTY_DICT: 0x7d, EMPTY_TUPLE: 0x29, SETITEMS: 0x75, BUILD: 0x62, BININT1: 0x4b,
  BINBYTES: 0x42, BINBYTES8: 0x8e, EXT1: 0x82, POP: 0x30, NONE: 0x4e, FRAME: 0x95, NEWOBJ: 0x81, BINPERSID: 0x51,
  UNICODE: 0x56, BINSTRING: 0x54, LONG_BINPUT: 0x72, LONG_BINGET: 0x6a, EXT2: 0x83, EXT4: 0x84, DUP: 0x32, OBJ: 0x6f, BININT: 0x4a,
  EMPTY_LIST: 0x5d, APPEND: 0x61, NEWTRUE: 0x88, TUPLE3: 0x87, NEWOBJ_EX: 0x92, POP_MARK: 0x31, INT: 0x49, LONG: 0x4c,
  // RAW: bytes as given (hand-made arguments an assembler would not write)
  RAW: -1,
};

export type Op = [string, ...(string | number | Buffer)[]];

function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
}
function u64(n: number | bigint) {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt(n));
  return b;
}

export function pickle(...ops: Op[]): Buffer {
  const parts: Buffer[] = [];
  for (const [name, ...args] of ops) {
    const code = OPS[name];
    if (code === undefined) throw new Error(`unknown op ${name}`);
    const a = args[0];
    if (name === "RAW") {
      parts.push(Buffer.isBuffer(a) ? a : Buffer.from(String(a), "latin1"));
      continue;
    }
    parts.push(Buffer.from([code]));
    switch (name) {
      case "PROTO": case "BINPUT": case "BINGET": case "BININT1": case "EXT1":
        parts.push(Buffer.from([a as number]));
        break;
      case "GLOBAL": case "INST":
        parts.push(Buffer.from(`${a}\n${args[1]}\n`));
        break;
      case "STRING": parts.push(Buffer.from(`'${a}'\n`, "latin1")); break;
      case "UNICODE": case "INT": case "LONG": parts.push(Buffer.from(`${a}\n`, "latin1")); break;
      case "PUT": case "GET": parts.push(Buffer.from(`${a}\n`)); break;
      case "LONG_BINPUT": case "LONG_BINGET": case "BININT": parts.push(u32(a as number)); break;
      case "EXT2": { const b = Buffer.alloc(2); b.writeUInt16LE(a as number); parts.push(b); break; }
      case "EXT4": parts.push(u32(a as number)); break;
      case "BINSTRING": {
        const s = Buffer.from(a as string, "latin1");
        parts.push(u32(s.length), s);
        break;
      }
      case "SHORT_BINUNICODE": case "SHORT_BINSTRING": {
        const s = Buffer.from(a as string);
        parts.push(Buffer.from([s.length]), s);
        break;
      }
      case "BINUNICODE": {
        const s = Buffer.from(a as string);
        parts.push(u32(s.length), s);
        break;
      }
      case "BINUNICODE8": {
        const s = Buffer.from(a as string);
        parts.push(u64(s.length), s);
        break;
      }
      case "BINBYTES": parts.push(u32((a as Buffer).length), a as Buffer); break;
      case "BINBYTES8": // declared length may lie: args [buffer, declared?]
        parts.push(u64((args[1] as number | undefined) ?? (a as Buffer).length), a as Buffer);
        break;
      case "FRAME": parts.push(u64(a as number)); break;
    }
  }
  return Buffer.concat(parts);
}

/** A torch-like state dict pickle: OrderedDict of tensors rebuilt from persistent storages. */
export function stateDictPickle(): Buffer {
  return pickle(
    ["PROTO", 2],
    ["GLOBAL", "collections", "OrderedDict"], ["EMPTY_TUPLE"], ["REDUCE"], ["BINPUT", 0],
    ["MARK"],
    ["SHORT_BINUNICODE", "layer.weight"],
    ["GLOBAL", "torch._utils", "_rebuild_tensor_v2"],
    ["MARK"], ["MARK"], ["SHORT_BINUNICODE", "storage"], ["GLOBAL", "torch", "FloatStorage"], ["SHORT_BINUNICODE", "0"], ["SHORT_BINUNICODE", "cpu"], ["BININT1", 4], ["TUPLE"], ["BINPERSID"],
    ["BININT1", 0], ["BININT1", 4], ["TUPLE1"], ["BININT1", 1], ["TUPLE1"], ["NONE"], ["GLOBAL", "collections", "OrderedDict"], ["EMPTY_TUPLE"], ["REDUCE"], ["TUPLE"],
    ["REDUCE"],
    ["SETITEMS"],
    ["STOP"],
  );
}
