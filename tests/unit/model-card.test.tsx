import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { parseCard } from "../../lib/cards/front-matter";
import { renderCardBody } from "../../lib/cards/render-card";
import { ModelCard } from "../../components/model/model-card";

// Real tags only: escaped text ("&lt;script") is inert and allowed.
const LIVE_MARKUP = /<(script|iframe|style|object|embed)\b|<[a-z][^>]*\son\w+=/i;

function html(readme: string) {
  const card = parseCard(readme);
  const rendered = renderCardBody(card.body, card.bodyLine);
  return {
    html: renderToStaticMarkup(<ModelCard card={{ data: card.data, errors: card.errors, rendered, body: card.body, problems: [] }} showProblems={false} />),
    warnings: rendered.warnings,
    errors: card.errors,
    data: card.data,
  };
}

describe("the renderer, built once and reused", () => {
  it("renders each card on its own: nothing from one card carries into the next", () => {
    const card = "# Intro\n\n## Intro\n\n```python\nprint(1)\n```\n";
    const first = html(card).html;
    html("# Intro\n\n# Other\n");
    expect(html(card).html).toBe(first);
    expect(first).toContain('<h1 id="card-intro">');
    expect(first).toContain('<h2 id="card-intro-1">');
    expect(first).toContain('class="hljs language-python"');
  });
});

describe("front matter", () => {
  it("parses YAML metadata and finds where the body starts", () => {
    const c = parseCard("---\nlicense: mit\ntags: [a, b]\n---\n# Title\n");
    expect(c.data).toEqual({ license: "mit", tags: ["a", "b"] });
    expect(c.body).toBe("# Title\n");
    expect(c.bodyLine).toBe(5);
  });
  it("reports broken YAML with its line", () => {
    const c = parseCard("---\nlicense: mit\ntags: [a, b\n---\nbody");
    expect(c.errors.length).toBeGreaterThan(0);
    expect(c.errors[0]!.line).toBeGreaterThanOrEqual(2);
  });
  it("refuses duplicate keys and non-mapping metadata", () => {
    expect(parseCard("---\na: 1\na: 2\n---\n").errors).not.toHaveLength(0);
    expect(parseCard("---\n- a\n- b\n---\n").errors[0]!.message).toContain("mapping");
  });
  it("stops alias bombs", () => {
    const bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n---\n";
    expect(() => parseCard(bomb)).toThrow();
  });
});

describe("card rendering", () => {
  it("never leaves a block component inside a paragraph (a browser would split it, and hydration would fail)", () => {
    const r = html("# T\n\nBefore <Callout type=\"tip\" title=\"Works\">Rendered inline.</Callout> after.\n\n<Callout type=\"info\">On its own line.</Callout>\n");
    expect(r.html).toContain("Rendered inline.");
    expect(r.html).toContain("On its own line.");
    // no <p> opens a <div> before it closes
    for (const m of r.html.matchAll(/<p[ >]/g)) {
      const rest = r.html.slice(m.index);
      expect(rest.indexOf("<div") === -1 || rest.indexOf("</p>") < rest.indexOf("<div")).toBe(true);
    }
  });

  it("renders Markdown, GFM tables and the Callout component", () => {
    const r = html('# Hi\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n<Callout type="warning" title="Careful">Body **bold**</Callout>\n');
    expect(r.html).toContain('<h1 id="card-hi">Hi<a class="heading-anchor" aria-label="Link to this section" href="#card-hi">#</a></h1>');
    expect(r.html).toContain("<table>");
    expect(r.html).toContain('role="note"');
    expect(r.html).toContain("Careful");
    expect(r.html).toContain("<strong>bold</strong>");
    expect(r.warnings).toEqual([]);
  });

  it.each([
    ["import", 'import x from "fs"\n\n# Title'],
    ["export", "export const a = () => alert(1)\n\n# T"],
    ["expression", "Hello {alert(1)} world"],
    ["flow expression", "{process.exit(1)}"],
    ["script", "<script>alert(1)</script>"],
    ["iframe", '<iframe src="https://evil.example"></iframe>'],
    ["event handler", '<img src="x" onError="alert(1)" />'],
    ["unknown component", "<Evil prop={1}>x</Evil>"],
    ["callout with expression prop", "<Callout type={evil()}>x</Callout>"],
    ["callout with spread", "<Callout {...props}>x</Callout>"],
    ["style", "<style>body{display:none}</style>"],
  ])("neutralizes %s", (_name, src) => {
    const r = html(src);
    expect(r.html).not.toMatch(LIVE_MARKUP);
    expect(r.warnings.length).toBeGreaterThan(0);
  });

  it("drops javascript: and data: URLs from links and images", () => {
    const r = html("[x](javascript:alert(1)) ![i](data:image/svg+xml;base64,PHN2Zz4=) [ok](https://example.com)");
    expect(r.html).not.toContain("javascript:");
    expect(r.html).not.toContain("data:image");
    expect(r.html).toContain('href="https://example.com"');
  });

  it("shows cards that are not valid MDX as plain Markdown with the reason and line", () => {
    const r = html("---\nlicense: mit\n---\n# Title\n\nline\n\n<div align=center>\n");
    expect(r.html).toContain('<h1 id="card-title">Title');
    expect(r.warnings[0]!.message).toContain("Not valid MDX");
    expect(r.warnings[0]!.line).toBeGreaterThan(4);
  });

  it("keeps raw HTML inert in Markdown mode", () => {
    const r = html("{ broken\n\n<script>alert(1)</script>\n\n<b onclick=alert(1)>x</b>");
    expect(r.html).not.toMatch(LIVE_MARKUP);
    expect(r.html).not.toContain("<p><p>");
    expect(r.html).toContain("&lt;script&gt;");
  });

  it("gives headings anchors, highlights code and typesets math without running anything", () => {
    const r = html("## Training setup\n\nEnergy $E = mc^2$ and\n\n$$\n\\frac{a}{b}\n$$\n\n```python\nprint('hi')\n```\n\n$\\href{javascript:alert(1)}{x}$");
    expect(r.html).toContain('<h2 id="card-training-setup">Training setup<a class="heading-anchor"');
    expect(r.html).toContain('class="katex"');
    expect(r.html).toContain('class="katex-display"'); // the $$ block is display math
    expect(r.html).toMatch(/<code class="hljs language-python">.*hljs-built_in/);
    expect(r.html).not.toMatch(/(href|src)="\s*javascript:/i); // \href stays TeX source text: KaTeX runs with trust off
  });
});

describe("pathological cards", () => {
  // Each must render (as Markdown, or as plain text with a warning), quickly and without a stack overflow.
  it.each([
    ["10,000 nested blockquotes", ">".repeat(10_000) + " deep"],
    ["5,000 nested list items", Array.from({ length: 5000 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n")],
    ["20,000 nested brackets", "[".repeat(20_000) + "x" + "](y)".repeat(20_000)],
    ["nested emphasis", "*a **b ".repeat(5000) + "c" + "** d*".repeat(5000)],
    ["3,000 nested Callouts", '<Callout type="info">'.repeat(3000) + "x" + "</Callout>".repeat(3000)],
    ["a 600 KB card", "word ".repeat(120_000)],
    ["50,000 table cells", `| ${"a | ".repeat(200)}\n| ${"-- | ".repeat(200)}\n` + `| ${"x | ".repeat(200)}\n`.repeat(250)],
  ])("%s", (_name, body) => {
    const started = Date.now();
    const rendered = renderCardBody(body);
    const markup = renderToStaticMarkup(<ModelCard card={{ data: {}, errors: [], rendered, body, problems: [] }} showProblems={false} />);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(markup.length).toBeGreaterThan(0);
    expect(markup).not.toMatch(LIVE_MARKUP);
  });

  it("falls back to plain text, with a warning, for a card nested deeper than the page can draw", () => {
    const rendered = renderCardBody(">".repeat(500) + " deep");
    expect(rendered.mode).toBe("text");
    expect(rendered.warnings[0]!.message).toMatch(/plain text/);
  });
});
