// Webhook targets: every form of an internal address is recognised (ipaddr.js
// normalises them), and a delivery connects to the address that was checked.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { postPinned } from "../../lib/webhooks/send";
import { isInternalAddress } from "../../lib/webhooks/url-guard";

describe("internal addresses", () => {
  it.each([
    "127.0.0.1", "127.1.2.3", "0.0.0.0", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1", "224.0.0.1", "255.255.255.255", "198.18.0.1",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1",
    "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "0:0:0:0:0:ffff:7f00:0001",
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::", "2001:0:4136:e378::1", "::127.0.0.1", "[::1]", "fe80::1%eth0",
    "not an address", "",
  ])("%s is refused", (ip) => {
    expect(isInternalAddress(ip)).toBe(true);
  });

  it.each(["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e"])("%s is public", (ip) => {
    expect(isInternalAddress(ip)).toBe(false);
  });
});

describe("pinned delivery", () => {
  it("connects to the checked address whatever the host name resolves to, and reads only so much of the answer", async () => {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(String(req.headers.host));
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.end("x".repeat(100_000));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      // a name that resolves nowhere: only the pinned address can have been used
      const sent = await postPinned({ url: new URL(`http://hooks.rebinding.invalid:${port}/hook`), address: "127.0.0.1", family: 4 }, { "Content-Type": "application/json" }, "{}", { timeoutMs: 5000, maxBody: 2048 });
      expect(sent.status).toBe(200);
      expect(sent.body.length).toBe(2048);
      expect(seen).toEqual([`hooks.rebinding.invalid:${port}`]);
    } finally {
      server.close();
    }
  });

  it("gives up on a receiver that does not answer in time", async () => {
    const server = http.createServer(() => {});
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      await expect(postPinned({ url: new URL(`http://slow.invalid:${port}/`), address: "127.0.0.1", family: 4 }, {}, "{}", { timeoutMs: 300, maxBody: 10 })).rejects.toThrow(/No answer/);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});
