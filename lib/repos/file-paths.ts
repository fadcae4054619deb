// Validation of file paths inside a repo: relative, no traversal, no control
// characters, no backslashes, no ".git" segment (hub-api.md §2.11 checks).
import { badRequest } from "../errors";

const MAX_PATH = 1024;
const MAX_SEGMENT = 255;

export function filePathProblem(p: string): string | null {
  if (typeof p !== "string" || p.length === 0) return "File path is empty";
  if (p.length > MAX_PATH) return `File path is longer than ${MAX_PATH} characters`;
  if (p.includes("\0")) return "File path contains a NUL byte";
  if (/[\x00-\x1f\x7f]/.test(p)) return "File path contains control characters";
  if (p.includes("\\")) return "File path contains a backslash";
  if (p.startsWith("/")) return "File path must be relative";
  const segments = p.split("/");
  for (const s of segments) {
    if (s === "") return "File path has an empty segment";
    if (s === "." || s === "..") return "File path contains '.' or '..' segments";
    if (s === ".git") return "File path contains a '.git' segment";
    if (s.length > MAX_SEGMENT) return `A path segment is longer than ${MAX_SEGMENT} characters`;
  }
  return null;
}

export function assertFilePath(p: string): string {
  const problem = filePathProblem(p);
  if (problem) throw badRequest(`${problem}: ${JSON.stringify(String(p).slice(0, 200))}`);
  return p;
}
