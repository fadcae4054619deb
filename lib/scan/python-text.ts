// Text arguments of pickle opcodes, decoded the way CPython's pickle.py decodes them,
// so the scanner sees the same memo keys and strings the unpickler will:
// int() for PUT/GET, codecs.escape_decode for STRING, raw-unicode-escape for UNICODE.

/**
 * int(line) for the bytes of a text argument, as pickle.py reads memo indexes
 * (int() of bytes, like the C unpickler's PyLong_FromString): ASCII whitespace
 * around, a sign, ASCII digits with single underscores between them. Null when
 * Python would raise ValueError. `plain` says whether it was written the way
 * Python's own pickler writes it (digits only): anything else was made by hand.
 */
export function pyInt(raw: Buffer): { value: bigint; plain: boolean } | null {
  const text = raw.toString("latin1");
  const plain = /^[0-9]+$/.test(text);
  const m = /^[ \t\n\r\v\f]*([+-]?)([0-9]+(?:_[0-9]+)*)[ \t\n\r\v\f]*$/.exec(text);
  if (!m) return null;
  const value = BigInt(m[2]!.replace(/_/g, ""));
  return { value: m[1] === "-" ? -value : value, plain };
}

/**
 * codecs.escape_decode: Python bytes-literal escapes (\\ \' \" \a \b \f \n \r \t
 * \v, \ooo octal, \xhh, backslash-newline). An unknown escape keeps its backslash;
 * a truncated \x is an error (null), as in Python.
 */
export function escapeDecode(raw: Buffer): Buffer | null {
  const out: number[] = [];
  const simple: Record<string, number> = { "\\": 0x5c, "'": 0x27, '"': 0x22, a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11 };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    if (++i >= raw.length) return null; // "Trailing \ in string"
    const e = String.fromCharCode(raw[i]!);
    if (e === "\n") continue;
    if (e in simple) out.push(simple[e]!);
    else if (/[0-7]/.test(e)) {
      let v = raw[i]! - 0x30;
      for (let k = 0; k < 2 && i + 1 < raw.length && raw[i + 1]! >= 0x30 && raw[i + 1]! <= 0x37; k++) v = v * 8 + (raw[++i]! - 0x30);
      out.push(v & 0xff);
    } else if (e === "x") {
      const hex = raw.subarray(i + 1, i + 3).toString("latin1");
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null; // "invalid \x escape"
      out.push(parseInt(hex, 16));
      i += 2;
    } else out.push(0x5c, raw[i]!);
  }
  return Buffer.from(out);
}

/**
 * raw-unicode-escape: bytes are Latin-1 characters, except \uXXXX and \UXXXXXXXX
 * where the backslash run before the u is of odd length. Null where Python raises.
 */
export function rawUnicodeEscapeDecode(raw: Buffer): string | null {
  let out = "";
  for (let i = 0; i < raw.length; ) {
    if (raw[i] !== 0x5c) {
      out += String.fromCharCode(raw[i++]!);
      continue;
    }
    let run = 0;
    while (i < raw.length && raw[i] === 0x5c) {
      run++;
      i++;
    }
    const u = raw[i];
    if (run % 2 === 0 || (u !== 0x75 && u !== 0x55)) {
      out += "\\".repeat(run);
      continue;
    }
    out += "\\".repeat(run - 1);
    const digits = u === 0x75 ? 4 : 8;
    const hex = raw.subarray(i + 1, i + 1 + digits).toString("latin1");
    if (!new RegExp(`^[0-9a-fA-F]{${digits}}$`).test(hex)) return null; // "truncated \uXXXX"
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) return null; // "\Uxxxxxxxx out of range"
    out += String.fromCodePoint(cp);
    i += 1 + digits;
  }
  return out;
}

/** UTF-8 that Python decodes with errors="strict"; null when it would raise. */
export function strictUtf8(raw: Buffer, surrogatePass = false): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    // surrogatepass (BINUNICODE): lone surrogates encoded as UTF-8 are allowed; they never name a module
    return surrogatePass ? raw.toString("utf8") : null;
  }
}

/**
 * A name Python could import or look up: dotted identifiers (Unicode letters,
 * digits, underscores). Anything else fails in __import__/getattr before any code
 * runs, as unpickling does.
 */
export const isDottedName = (s: string) => s.length > 0 && s.length <= 1024 && /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*(\.[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*)*$/u.test(s);
