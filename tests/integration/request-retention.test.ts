// An answered request leaves nothing of itself in memory. Async work started while serving it
// may outlive it holding the request's context (the ORM keeps its last closed transactions, each
// with the context of the request that ran it); that context must not reach the request or the
// response, or every write's headers and buffers would be kept for hundreds of transactions and
// pushed into the old generation (bench/search's full collections).
import type { ServerResponse } from "node:http";
import v8 from "node:v8";
import vm from "node:vm";
import { expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { startApiServer } from "../setup/api-server";
import { seedUser, uniq } from "../setup/factories";

v8.setFlagsFromString("--expose-gc");
const gc = vm.runInNewContext("gc") as () => void;

it("a write's response can be collected once answered, although the ORM keeps the transaction that ran for it", async () => {
  const server = await startApiServer();
  const responses: WeakRef<ServerResponse>[] = [];
  server.server.on("request", (_req, res: ServerResponse) => responses.push(new WeakRef(res)));
  const user = await seedUser();
  const { token } = await createToken(user.id, "retention", "write");
  for (let i = 0; i < 3; i++) {
    // creating a repo runs an interactive transaction
    const res = await server.call("POST", "/api/repos/create", { token, json: { name: uniq("retained"), type: "model" } });
    expect(res.status).toBe(200);
  }
  await server.close(); // no socket still points at its last response
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 20));
    gc();
  }
  expect(responses).toHaveLength(3);
  expect(responses.filter((r) => r.deref() !== undefined)).toHaveLength(0);
});
