// The route table's matcher: literals, parameters (letters and digits, optionally
// restricted to a few values), a trailing rest, HEAD served by GET, 405 with the
// methods a path does allow; and every row of the real table compiles.
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../lib/hub-api/routes";
import { compile, decodePathSegments, Router } from "../../lib/http/router";

const parts = (p: string) => decodePathSegments(p);

describe("router", () => {
  const r = new Router<string>()
    .add("GET", "/api/blobs/:sha256", "blob")
    .add("GET", "/api/models/:ns/:name/tree/*path", "tree")
    .add("POST", "/api/models/:ns/:name/commit/*rev", "commit")
    .add("GET", "/x/:kind(resolve|raw)/*path", "download");

  it("matches parameters with digits in their names, and rests of any length", () => {
    expect(r.match("GET", parts("/api/blobs/abc")).match).toMatchObject({ route: "blob", params: { sha256: "abc" } });
    expect(r.match("GET", parts("/api/models/a/b/tree/main/dir/file")).match).toMatchObject({ route: "tree", params: { ns: "a", name: "b" }, rest: ["main", "dir", "file"] });
    expect(r.match("GET", parts("/api/models/a/b/tree")).match).toMatchObject({ route: "tree", rest: [] });
  });

  it("decodes each raw segment once, so an encoded slash stays inside its segment", () => {
    expect(r.match("POST", parts("/api/models/a/b/commit/refs%2Fpr%2F1")).match?.rest).toEqual(["refs/pr/1"]);
  });

  it("restricts a parameter to its listed values", () => {
    expect(r.match("GET", parts("/x/raw/main/f")).match?.params.kind).toBe("raw");
    expect(r.match("GET", parts("/x/blob/main/f")).match).toBeNull();
  });

  it("serves HEAD with GET routes, and lists the allowed methods for a wrong one", () => {
    expect(r.match("HEAD", parts("/api/blobs/abc")).match?.route).toBe("blob");
    expect(r.match("DELETE", parts("/api/models/a/b/commit/main"))).toEqual({ match: null, allowed: ["POST"] });
    expect(r.match("GET", parts("/nothing/here"))).toEqual({ match: null, allowed: null });
  });

  it("refuses patterns it would read wrong", () => {
    expect(() => compile("GET", "/a/*rest/b", 1)).toThrow(/last/);
    expect(() => compile("GET", "/a/:bad-name", 1)).toThrow(/bad parameter/);
  });

  it("compiles every row of the API table, each reachable by its own method and path", () => {
    const table = new Router<number>();
    ROUTES.forEach((route, i) => table.add(route.method, route.path, i));
    ROUTES.forEach((route, i) => {
      const path = route.path.replace(/:(\w+)\(([^|)]+)[^)]*\)/g, "$2").replace(/:\w+/g, "p1").replace(/\*\w+/, "main");
      const found = table.match(route.method, parts(path)).match;
      expect(found, `${route.method} ${route.path}`).not.toBeNull();
      // an earlier, more general row must not shadow it
      expect(ROUTES[found!.route]!.path, `${route.method} ${route.path}`).toBe(route.path);
      void i;
    });
  });
});
