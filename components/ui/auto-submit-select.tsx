"use client";
// A <select> that applies its choice at once: it submits its form on change (a GET
// form, so the choice lands in the URL). Without script, the form's button still works.
import type { ComponentProps } from "react";

export function AutoSubmitSelect(props: ComponentProps<"select">) {
  return <select {...props} onChange={(e) => e.currentTarget.form?.requestSubmit()} />;
}
