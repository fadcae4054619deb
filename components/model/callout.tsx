// <Callout type="info|tip|warning|danger" title="..."> for model cards.
const STYLES: Record<string, string> = {
  info: "border-sky-300 bg-sky-50",
  tip: "border-emerald-300 bg-emerald-50",
  warning: "border-amber-300 bg-amber-50",
  danger: "border-red-300 bg-red-50",
};

export function Callout(props: { type?: string; title?: string; children?: React.ReactNode }) {
  return (
    <div className={`my-4 rounded-md border-l-4 p-3 ${STYLES[props.type ?? "info"] ?? STYLES.info}`} role="note">
      {props.title && <p className="!my-0 font-semibold">{props.title}</p>}
      {props.children}
    </div>
  );
}
