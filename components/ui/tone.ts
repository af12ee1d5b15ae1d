// One colour per meaning, everywhere: green complete, blue in progress, amber rollback / awaiting approval,
// red failed / alarm, grey unknown or neutral.
export type Tone = "green" | "blue" | "amber" | "red" | "grey";

export const TONE_CLASSES: Record<Tone, string> = {
  green: "bg-emerald-50 text-emerald-800 ring-emerald-600/20",
  blue: "bg-sky-50 text-sky-800 ring-sky-600/20",
  amber: "bg-amber-50 text-amber-900 ring-amber-600/25",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  grey: "bg-slate-100 text-slate-700 ring-slate-500/20",
};
