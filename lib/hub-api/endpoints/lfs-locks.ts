// The git-lfs File Locking API, answered as a server without locking: listing and
// push verification see no locks (so pushes go on without warnings), and taking or
// releasing a lock is 501, which git-lfs reports as "not supported".
import { notImplemented } from "../../errors";
import { json } from "../../http/reply";
import { repoEndpoint } from "../endpoint";

const LFS_JSON = { "Content-Type": "application/vnd.git-lfs+json" };

export const listLocks = repoEndpoint({ handle: async () => json({ locks: [] }, { headers: LFS_JSON }) });

export const verifyLocks = repoEndpoint({ handle: async () => json({ ours: [], theirs: [] }, { headers: LFS_JSON }) });

export const lockUnsupported = repoEndpoint({
  handle: async () => {
    throw notImplemented("This hub does not support Git LFS file locking");
  },
});
