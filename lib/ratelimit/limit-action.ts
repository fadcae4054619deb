// Rate limits for server actions (web forms): the same counters as the API.
import { headers } from "next/headers";
import { checkRateLimit, requestAddress, type RateAction } from "./rate-limit";

export async function limitAction(actor: { userId: string } | null, action: RateAction): Promise<void> {
  await checkRateLimit({ userId: actor?.userId ?? null, ip: requestAddress(await headers()) }, action);
}
