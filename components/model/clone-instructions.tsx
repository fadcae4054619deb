// "Clone" on the Files tab: the git commands for this repo. Private and gated repos
// take an access token as the password; writers also see how to push.
import Link from "@/components/ui/link";

type Props = { cloneUrl: string; needsToken: boolean; canPush: boolean };

export function CloneInstructions({ cloneUrl, needsToken, canPush }: Props) {
  const withToken = cloneUrl.replace(/^(https?:\/\/)/, "$1<user>:<token>@");
  return (
    <details className="relative" data-testid="clone">
      <summary className="cursor-pointer rounded-md border border-gray-300 bg-white px-3 py-1.5">Clone ▾</summary>
      <div className="absolute right-0 z-10 mt-1 w-[34rem] max-w-[90vw] space-y-2 rounded-md border border-gray-200 bg-white p-3 text-xs shadow">
        <p className="text-gray-600">Weights are stored with Git LFS: install it once, then clone.</p>
        <pre className="overflow-x-auto rounded bg-gray-50 p-2 font-mono" data-testid="clone-command">{`git lfs install\ngit clone ${needsToken ? withToken : cloneUrl}`}</pre>
        {needsToken && (
          <p className="text-gray-600">
            This repo is not public: use an <Link className="text-indigo-700 hover:underline" href="/settings/tokens">access token</Link> as the password (or let git ask for it).
          </p>
        )}
        <p className="text-gray-600">
          Only the latest files, without history: <code className="font-mono">git clone --depth 1 {cloneUrl}</code>. Skip the weights with{" "}
          <code className="font-mono">GIT_LFS_SKIP_SMUDGE=1</code>, and fetch them later with <code className="font-mono">git lfs pull</code>.
        </p>
        {canPush && (
          <p className="text-gray-600">
            To push, the password must be a <strong>write</strong> token. Track large files with{" "}
            <code className="font-mono">git lfs track &quot;*.safetensors&quot;</code>: files over 10 MiB outside LFS are refused.
          </p>
        )}
      </div>
    </details>
  );
}
