// Human-readable sizes and dates for the UI.
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let v = n;
  let i = -1;
  do {
    v /= 1024;
    i++;
  } while (v >= 1024 && i < units.length - 1);
  return `${v < 10 ? v.toFixed(1) : Math.round(v)} ${units[i]}`;
}

export function timeAgo(d: Date, now = new Date()): string {
  const s = Math.max(0, Math.round((now.getTime() - d.getTime()) / 1000));
  if (s < 60) return "just now";
  const steps: [number, string][] = [[60, "minute"], [3600, "hour"], [86400, "day"], [2592000, "month"], [31536000, "year"]];
  let unit = steps[0]!;
  for (const st of steps) if (s >= st[0]) unit = st;
  const n = Math.floor(s / unit[0]);
  return `${n} ${unit[1]}${n === 1 ? "" : "s"} ago`;
}

// One shared formatter: toLocaleString() builds a new Intl.NumberFormat on every call.
const countFormat = new Intl.NumberFormat("en");

export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** Parameter counts as model names say them: 67, 12.5K, 110M, 7.2B. */
export function formatParams(n: number): string {
  const steps: [number, string][] = [[1e12, "T"], [1e9, "B"], [1e6, "M"], [1e3, "K"]];
  for (const [size, unit] of steps) {
    if (n >= size) {
      const v = n / size;
      return `${v < 10 ? Number(v.toFixed(1)) : Math.round(v)}${unit}`;
    }
  }
  return String(n);
}
