import { describe, expect, it } from "vitest";
import { repoNameProblem, usernameProblem } from "../../lib/repos/names";
import { filePathProblem } from "../../lib/repos/file-paths";

describe("repo names", () => {
  it.each(["bert", "my-model_v2.1", "A", "x".repeat(96)])("accepts %s", (n) => expect(repoNameProblem(n)).toBeNull());
  it.each(["", "-x", "x-", ".x", "x.", "a--b", "a..b", "model.git", "a/b", "a b", "x".repeat(97), "ü"])("refuses %j", (n) =>
    expect(repoNameProblem(n)).not.toBeNull(),
  );
});

describe("user names", () => {
  it("accepts ordinary names", () => expect(usernameProblem("alice-smith")).toBeNull());
  it.each(["api", "models", "new", "Settings", "a", "-bob", "bob-", "b--b", "b_b"])("refuses %j", (n) => expect(usernameProblem(n)).not.toBeNull());
});

describe("file paths", () => {
  it.each(["README.md", "onnx/model.onnx", "a/b/c/d.bin", ".gitattributes", "weird name (1).txt"])("accepts %s", (p) =>
    expect(filePathProblem(p)).toBeNull(),
  );
  it.each([
    ["../etc/passwd", "'.' or '..'"],
    ["a/../../b", "'.' or '..'"],
    ["/abs/path", "relative"],
    ["a\\b", "backslash"],
    ["a\0b", "NUL"],
    ["a//b", "empty segment"],
    ["a/", "empty segment"],
    [".git/config", ".git"],
    ["x/./y", "'.' or '..'"],
    ["tab\there", "control"],
    ["", "empty"],
    ["a".repeat(1025), "longer"],
  ])("refuses %j (%s)", (p, why) => expect(filePathProblem(p)).toContain(why));
});
