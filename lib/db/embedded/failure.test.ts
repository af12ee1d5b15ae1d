import { describe, expect, it } from "vitest";
import { explainFailure, lastLine, type FailureContext } from "./failure.ts";

// Each failure a newcomer can meet becomes one sentence with the fix; the outputs are PostgreSQL 18's own lines.

const ctx = (over: Partial<FailureContext>): FailureContext => ({
  stage: "start", port: 54329, dataDir: "/x/.data/postgres", binariesDir: "/x/native", output: "", ...over,
});

describe("explainFailure", () => {
  it.each([
    ["port_in_use", { output: '2026-12-02 10:00:00.000 UTC [42] LOG:  could not bind IPv4 address "127.0.0.1": Address already in use\n2026-12-02 10:00:00.000 UTC [42] FATAL:  could not create any TCP/IP sockets' }, "EMBEDDED_PG_PORT"],
    ["no_space", { stage: "initdb" as const, output: "initdb: error: could not write file: No space left on device" }, "free some space"],
    ["permission", { errno: "EACCES", output: "spawn /x/native/bin/initdb EACCES", stage: "initdb" as const }, "chmod -R o+rX /x/native"],
    ["missing_binaries", { errno: "ENOENT", output: "spawn ENOENT" }, "npm install"],
    ["missing_libraries", { stage: "initdb" as const, output: "/x/native/bin/initdb: error while loading shared libraries: libicuuc.so.60: cannot open shared object file" }, "npm rebuild"],
    ["incompatible_data", { output: 'FATAL:  database files are incompatible with server\nDETAIL:  The data directory was initialized by PostgreSQL version 16' }, "another PostgreSQL major version"],
    ["not_a_data_dir", { stage: "initdb" as const, output: 'initdb: error: directory "/x/.data/postgres" exists but is not empty' }, "not a PostgreSQL data directory"],
    ["permission", { output: 'FATAL:  data directory "/x/.data/postgres" has wrong ownership\nHINT:  The server must be started by the user that owns the data directory.\nFATAL: could not open file "postmaster.pid": Permission denied' }, "chown -R postgres"],
  ])("%s", (code, over, fix) => {
    const error = explainFailure(ctx(over));
    expect(error.code).toBe(code);
    expect(error.message).toContain(fix);
    expect(error.message).toMatch(/Fix: /);
    expect(error.message).not.toContain("\n");
    expect(error.stack).toBe(error.message); // printed as is: no stack trace
  });

  it("quotes PostgreSQL's own last error line when it is not one we know", () => {
    const error = explainFailure(ctx({ output: "2026-12-02 10:00:00.000 UTC [42] LOG:  starting\n2026-12-02 10:00:00.000 UTC [42] FATAL:  something new\n" }));
    expect(error.code).toBe("unknown");
    expect(error.message).toBe("The embedded PostgreSQL did not start (FATAL:  something new). Fix: look at the PostgreSQL log above; deleting /x/.data/postgres starts over with an empty database.");
  });
});

describe("lastLine", () => {
  it("prefers the FATAL line over hints", () => {
    expect(lastLine("LOG: a\nFATAL: b\nHINT: c")).toBe("FATAL: b");
  });
});
