// A trivial dynamic page: a liveness check, and the framework baseline for bench/pages.
import { connection } from "next/server";

export default async function Ping() {
  await connection();
  return <p>ok</p>;
}
