// How a server action's failure reaches its form: a HubError (bad input, no access,
// a rate limit) becomes the message the form shows; anything else, a bug or
// Next's own redirect signal, propagates.
import { HubError } from "../errors";

export function formError(e: unknown): { error: string } {
  if (e instanceof HubError) return { error: e.message };
  throw e;
}
