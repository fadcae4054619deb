// hubctl: operator commands against the hub's database (embedded or DATABASE_URL).
//   user create --email E --password P [--username U] [--admin] [--token] [--token-role read|write]
//   user list
//   user reset-password (--email E | --username U) --password P
//   token create (--email E | --username U) [--name N] [--role read|write]
//   scan backfill   (queue pickle scans for files committed before scanning existed)
//   backup --out DIR [--copy-objects]   (while the hub serves; see README "Backups")
//   restore --from DIR                  (into an empty data folder or database)
//   gc [--dry-run]  (collect stored files no commit names any more, after the grace period)
// With --token, the last line of standard output is the new token and nothing else.
import { existsSync, readFileSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkConfig } from "../lib/env";
import { dataDir, prepareRuntime } from "./runtime";

/**
 * The backup's auth secret becomes the data folder's (sessions and sealed webhook
 * secrets depend on it), unless NEXTAUTH_SECRET is set or the folder has another one.
 */
async function placeSecretOf(from: string): Promise<void> {
  const saved = path.join(from, "auth-secret");
  if (process.env.NEXTAUTH_SECRET || !existsSync(saved)) return;
  const target = path.join(dataDir(), "auth-secret");
  if (existsSync(target)) {
    if (readFileSync(target, "utf8").trim() !== readFileSync(saved, "utf8").trim()) {
      throw new Error(`${dataDir()} already has an auth secret of its own: restore into an empty data folder`);
    }
    return;
  }
  await mkdir(dataDir(), { recursive: true });
  await copyFile(saved, target);
}

const USAGE = `usage: npm run hubctl -- <command>
  user create --email E --password P [--username U] [--admin] [--token] [--token-role read|write]
  user list
  user reset-password (--email E | --username U) --password P
  token create (--email E | --username U) [--name N] [--role read|write]
  scan backfill
  backup --out DIR [--copy-objects]
  restore --from DIR
  gc [--dry-run]`;

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
      out: { type: "string" },
      from: { type: "string" },
      "copy-objects": { type: "boolean", default: false },
      "dry-run": { type: "boolean", default: false },
    },
  });
  const [noun, verb] = positionals;
  const known = ["user create", "user list", "user reset-password", "token create", "scan backfill", "backup", "restore", "gc"];
  if (!known.includes(verb ? `${noun} ${verb}` : (noun ?? ""))) {
    console.error(USAGE);
    return 2;
  }
  checkConfig();
  if (noun === "backup" && !values.out) throw new Error("backup needs --out DIR (a new or empty folder)");
  if (noun === "restore") {
    if (!values.from) throw new Error("restore needs --from DIR (a folder written by hubctl backup)");
    await placeSecretOf(values.from);
  }
  // Backups and restores leave the schema as they found it (restore migrates in its own steps).
  const rt = await prepareRuntime({ log: (m) => console.error(m), migrate: noun !== "backup" && noun !== "restore" });
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
    } else if (noun === "backup") {
      const { takeBackup } = await import("../lib/backup/take-backup");
      const { blobStore } = await import("../lib/storage");
      const secretFile = path.join(dataDir(), "auth-secret");
      const ownSecret = existsSync(secretFile) && readFileSync(secretFile, "utf8").trim() === process.env.NEXTAUTH_SECRET;
      const m = await takeBackup({ databaseUrl: rt.databaseUrl, store: blobStore(), out: values.out!, secretFile: ownSecret ? secretFile : undefined, copyObjects: values["copy-objects"], log: (l) => console.error(l) });
      console.log(`backup written to ${path.resolve(values.out!)}: ${m.tables.length} tables, ${m.storage.blobs} files (${m.storage.bytes} bytes)${m.storage.copied ? "" : ", objects listed in blobs.tsv"}`);
      if (m.secret === "env") console.error("NEXTAUTH_SECRET comes from the environment: keep it with the backup, the restored hub needs the same value.");
    } else if (noun === "restore") {
      const { restoreBackup } = await import("../lib/backup/restore-backup");
      const { blobStore, stagingDir } = await import("../lib/storage");
      const r = await restoreBackup({ from: values.from!, databaseUrl: rt.databaseUrl, store: blobStore(), stagingDir: stagingDir(), log: (l) => console.error(l) });
      console.log(`restored ${r.rows} rows in ${r.tables} tables and ${r.blobs} files into ${dataDir()}`);
      if (r.missingObjects) return 1;
    } else if (noun === "gc") {
      const { collectGarbage } = await import("../lib/blobs/collect-garbage");
      const r = await collectGarbage({ dryRun: values["dry-run"] });
      console.log(
        r.skipped
          ? "a backup or another collection is running: nothing done"
          : `${values["dry-run"] ? "would remove" : "removed"} ${r.removed} file(s), ${r.removedBytes} bytes; ${r.marked} newly unreferenced (kept for the grace period)`,
      );
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
