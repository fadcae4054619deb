// Reading the git objects a push brings. git's fsck (receive.fsckObjects) has checked
// their syntax before the hub sees them; these readers take out what the hub stores
// and refuse what it cannot keep byte for byte (names that are not UTF-8).

export type Signature = { name: string; email: string; time: number; tz: string };
export type ParsedCommit = { tree: string; parents: string[]; author: Signature; committer: Signature; message: string };
export type ParsedTreeEntry = { mode: string; name: string; oid: string };
export type ParsedTag = { object: string; type: string; tag: string };

function headers(body: Buffer): { fields: [string, string][]; message: string } {
  const text = body.toString("utf8");
  const split = text.indexOf("\n\n");
  const head = split < 0 ? text : text.slice(0, split);
  const fields: [string, string][] = [];
  for (const line of head.split("\n")) {
    if (line.startsWith(" ") && fields.length) fields[fields.length - 1]![1] += `\n${line.slice(1)}`; // continued (gpgsig)
    else {
      const sp = line.indexOf(" ");
      fields.push([line.slice(0, sp), line.slice(sp + 1)]);
    }
  }
  return { fields, message: split < 0 ? "" : text.slice(split + 2) };
}

function signature(value: string): Signature {
  const m = /^(.*?) ?<([^>]*)> (\d+) ([+-]\d{4})$/.exec(value);
  if (!m) throw new Error(`unreadable signature: ${value.slice(0, 100)}`);
  return { name: m[1]!, email: m[2]!, time: Number(m[3]), tz: m[4]! };
}

export function parseCommit(body: Buffer): ParsedCommit {
  const { fields, message } = headers(body);
  const one = (k: string) => fields.find(([f]) => f === k)?.[1];
  const tree = one("tree");
  const author = one("author");
  const committer = one("committer");
  if (!tree || !author || !committer) throw new Error("a commit without tree, author or committer");
  return { tree, parents: fields.filter(([f]) => f === "parent").map(([, v]) => v), author: signature(author), committer: signature(committer), message };
}

export function parseTag(body: Buffer): ParsedTag {
  const { fields } = headers(body);
  const one = (k: string) => fields.find(([f]) => f === k)?.[1] ?? "";
  return { object: one("object"), type: one("type"), tag: one("tag") };
}

export function parseTree(body: Buffer): ParsedTreeEntry[] {
  const out: ParsedTreeEntry[] = [];
  let i = 0;
  while (i < body.length) {
    const sp = body.indexOf(32, i);
    const nul = body.indexOf(0, sp);
    if (sp < 0 || nul < 0 || nul + 21 > body.length) throw new Error("a truncated tree");
    const nameBytes = body.subarray(sp + 1, nul);
    const name = nameBytes.toString("utf8");
    if (!Buffer.from(name, "utf8").equals(nameBytes)) throw new Error(`a file name that is not UTF-8 (${nameBytes.toString("hex").slice(0, 40)})`);
    out.push({ mode: body.subarray(i, sp).toString("latin1"), name, oid: body.subarray(nul + 1, nul + 21).toString("hex") });
    i = nul + 21;
  }
  return out;
}

const POINTER = /^version https:\/\/git-lfs\.github\.com\/spec\/v1\noid sha256:([0-9a-f]{64})\nsize (0|[1-9]\d{0,15})\n$/;

/** The content an LFS pointer names, when `body` is a pointer in git-lfs's own form. */
export function parseLfsPointer(body: Buffer): { sha256: string; size: number } | null {
  if (body.length > 200 || !body.subarray(0, 8).equals(Buffer.from("version "))) return null;
  const m = POINTER.exec(body.toString("latin1"));
  return m ? { sha256: m[1]!, size: Number(m[2]) } : null;
}

/** Whether a body looks like an LFS pointer at all (to refuse variants the hub cannot keep exactly). */
export const looksLikeLfsPointer = (body: Buffer) => body.length < 1024 && body.subarray(0, 45).toString("latin1").startsWith("version https://git-lfs.github.com/spec/");
