/**
 * `--name value` and `--flag` pairs after the command words; unknown or repeated options are errors, except
 * "list" options, which may be given many times (their values are collected in order).
 */
export function parseOptions(argv: string[], allowed: Record<string, "value" | "flag" | "list">): Record<string, string | true | string[]> {
  const out: Record<string, string | true | string[]> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith("--") ? arg.slice(2) : null;
    if (!name || !(name in allowed)) throw new UsageError(`unknown argument "${arg}"`);
    if (name in out && allowed[name] !== "list") throw new UsageError(`--${name} given twice`);
    if (allowed[name] === "flag") {
      out[name] = true;
      continue;
    }
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${name} needs a value`);
    if (allowed[name] === "list") out[name] = [...((out[name] as string[] | undefined) ?? []), value];
    else out[name] = value;
  }
  return out;
}

export class UsageError extends Error {}

export function required(options: Record<string, string | true | string[]>, name: string): string {
  const value = options[name];
  if (typeof value !== "string") throw new UsageError(`--${name} is required`);
  return value;
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError("--password-stdin reads the password from standard input (pipe it in)");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}
