// Rate limits for server actions (web forms): the same counters as the API, for
// the client address the request pipeline recorded (never one the client sent).
import { currentRequest } from "../observability/request-context";
import { checkRateLimit, type RateAction } from "./rate-limit";

export async function limitAction(actor: { userId: string } | null, action: RateAction): Promise<void> {
  await checkRateLimit({ userId: actor?.userId ?? null, ip: currentRequest()?.clientIp ?? "" }, action);
}
