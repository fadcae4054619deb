// Closing a connection whose request body was not read (a 413, a refused upload):
// a plain close with unread bytes still arriving makes the kernel send a reset,
// which can overtake the answer, so the client sees "connection reset" instead of
// the error. Like web servers' lingering close: shut the write side first, keep
// reading (and dropping) what the client still sends for a moment, then close.
import type { Socket } from "node:net";

const LINGER_MS = 2000;
const lingering = new WeakSet<Socket>();

export function closeAfterAnswer(socket: Socket): void {
  if (lingering.has(socket)) return;
  lingering.add(socket);
  // Node's HTTP server calls destroySoon() once a "Connection: close" answer is written.
  socket.destroySoon = function (this: Socket) {
    this.end();
    const timer = setTimeout(() => this.destroy(), LINGER_MS);
    timer.unref();
    this.once("end", () => this.destroy());
    this.once("close", () => clearTimeout(timer));
  };
}
