// Which files are stored as LFS objects (hub-api.md §2.9): matched by an LFS
// pattern of .gitattributes, larger than 10 MiB, or binary. Empty files never are.

export const LFS_SIZE_THRESHOLD = 10 * 1024 * 1024;

export const DEFAULT_GITATTRIBUTES = [
  "*.7z", "*.arrow", "*.bin", "*.bz2", "*.ckpt", "*.ftz", "*.gguf", "*.gz", "*.h5", "*.joblib",
  "*.lfs.*", "*.mlmodel", "*.model", "*.msgpack", "*.npy", "*.npz", "*.onnx", "*.ot", "*.parquet",
  "*.pb", "*.pickle", "*.pkl", "*.pt", "*.pth", "*.rar", "*.safetensors", "saved_model/**/*",
  "*.tar", "*.tar.*", "*.tflite", "*.tgz", "*.wasm", "*.xz", "*.zip", "*.zst", "*tfevents*",
]
  .map((p) => `${p} filter=lfs diff=lfs merge=lfs -text`)
  .join("\n")
  .concat("\n");

function globToRegExp(glob: string): RegExp {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*" && glob[i + 1] === "*") {
      re += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (ch === "*") re += "[^/]*";
    else if (ch === "?") re += "[^/]";
    else re += ch.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

export type LfsMatcher = (path: string) => boolean;

/** Patterns with filter=lfs; a pattern without "/" matches the file name at any depth. */
export function lfsMatcher(gitattributes: string): LfsMatcher {
  const rules: { re: RegExp; basename: boolean; lfs: boolean }[] = [];
  for (const raw of gitattributes.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [pattern, ...attrs] = line.split(/\s+/);
    if (!pattern) continue;
    const lfs = attrs.includes("filter=lfs");
    const unset = attrs.includes("-filter") || attrs.includes("!filter");
    if (!lfs && !unset) continue;
    const anchored = pattern.includes("/");
    rules.push({ re: globToRegExp(pattern.replace(/^\//, "")), basename: !anchored, lfs });
  }
  return (path) => {
    const base = path.slice(path.lastIndexOf("/") + 1);
    let result = false;
    for (const r of rules) if (r.re.test(r.basename ? base : path)) result = r.lfs; // last match wins, as in git
    return result;
  };
}

export function isLfsFile(f: { path: string; size: number; binary: boolean }, matcher: LfsMatcher): boolean {
  if (f.size === 0) return false;
  return f.size > LFS_SIZE_THRESHOLD || f.binary || matcher(f.path);
}
