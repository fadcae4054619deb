// Links without Next's automatic prefetch. Our pages are dynamic, so a prefetch
// fetches little that a click could reuse, yet every link in view cost a server
// render and main-thread work as a page opened (about twenty on a model page).
import NextLink from "next/link";
import type { ComponentProps } from "react";

export default function Link({ prefetch = false, ...props }: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={prefetch} {...props} />;
}
