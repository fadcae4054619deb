// hubctl: operator commands against the hub's database (embedded or DATABASE_URL).
//   user create --email E --password P [--username U] [--admin] [--token] [--token-role read|write]
//   user list
//   user reset-password (--email E | --username U) --password P
//   token create (--email E | --username U) [--name N] [--role read|write]
//   scan backfill   (queue pickle scans for files committed before scanning existed)
// With --token, the last line of standard output is the new token and nothing else.
import { parseArgs } from "node:util";
import { prepareRuntime } from "./runtime";

const USAGE = `usage: npm run hubctl -- <command>
  user create --email E --password P [--username U] [--admin] [--token] [--token-role read|write]
  user list
  user reset-password (--email E | --username U) --password P
  token create (--email E | --username U) [--name N] [--role read|write]
  scan backfill`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      username: { type: "string" },
      admin: { type: "boolean", default: false },
      token: { type: "boolean", default: false },
      "token-role": { type: "string", default: "write" },
      role: { type: "string", default: "write" },
      name: { type: "string", default: "hubctl" },
    },
  });
  const [noun, verb] = positionals;
  const known = ["user create", "user list", "user reset-password", "token create", "scan backfill"];
  if (!known.includes(`${noun} ${verb}`)) {
    console.error(USAGE);
    return 2;
  }
  const rt = await prepareRuntime({ log: (m) => console.error(m) });
  const users = await import("../lib/auth/users");
  const tokens = await import("../lib/auth/tokens");
  const { disconnectDb } = await import("../lib/db/client");
  const role = (r: string) => {
    if (r !== "read" && r !== "write") throw new Error(`role must be read or write, not ${r}`);
    return r;
  };
  const findUser = async () => {
    const login = values.email ?? values.username;
    if (!login) throw new Error("pass --email or --username");
    const u = await users.findUserByLogin(login);
    if (!u) throw new Error(`no user ${login}`);
    return u;
  };
  try {
    if (noun === "user" && verb === "create") {
      if (!values.email || !values.password) throw new Error("user create needs --email and --password");
      const user = await users.createUser({
        email: values.email,
        password: values.password,
        username: values.username ?? users.usernameFromEmail(values.email),
        isAdmin: values.admin,
      });
      console.log(`created user ${user.username} <${user.email}>${user.isAdmin ? " (admin)" : ""}`);
      if (values.token) console.log((await tokens.createToken(user.id, values.name, role(values["token-role"]!))).token);
    } else if (noun === "user" && verb === "list") {
      for (const u of await users.listUsers()) console.log(`${u.username}\t${u.email}\t${u.isAdmin ? "admin" : "user"}\t${u.createdAt.toISOString()}`);
    } else if (noun === "user" && verb === "reset-password") {
      if (!values.password) throw new Error("reset-password needs --password");
      const u = await findUser();
      await users.resetPassword(u.id, values.password);
      console.log(`password reset for ${u.username}`);
    } else if (noun === "token" && verb === "create") {
      const u = await findUser();
      console.log((await tokens.createToken(u.id, values.name!, role(values.role!))).token);
    } else if (noun === "scan" && verb === "backfill") {
      const { queueAllMissingScans } = await import("../lib/scan/queue-scans");
      console.log(`queued ${await queueAllMissingScans()} pickle scan(s); a worker runs them`);
    }
    return 0;
  } finally {
    await disconnectDb();
    await rt.db.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`hubctl: ${e instanceof Error ? e.message : e}`);
    process.exit(1);
  },
);
