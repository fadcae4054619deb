// A compiled guide as a React component, made once per guide and kept (mdx-bundler's
// client turns the compiled code into a function; the guides are the project's own).
import { getMDXComponent } from "mdx-bundler/client";
import type { Guide } from "@/lib/docs/guides";

const made = new Map<string, ReturnType<typeof getMDXComponent>>();

export function guideComponent(guide: Guide): ReturnType<typeof getMDXComponent> {
  const key = `${guide.slug}:${guide.code.length}`;
  let c = made.get(key);
  if (!c) made.set(key, (c = getMDXComponent(guide.code)));
  return c;
}
