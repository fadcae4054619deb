// Shared by revision-aware pages: a missing revision or path is a 404 page.
import { notFound } from "next/navigation";
import { HubError } from "@/lib/errors";

export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof HubError && (e.status === 404 || e.status === 400)) notFound();
    throw e;
  }
}
