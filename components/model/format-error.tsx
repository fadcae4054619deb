// A file whose header cannot be read: the reason, never a crash.
export function FormatErrorNotice({ message }: { message: string }) {
  return <p className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="format-error">{message}</p>;
}
