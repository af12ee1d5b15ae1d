import { decideCommand, deployCommand, statusCommand, type PipelineIo } from "./pipeline/commands.ts";
import type { Terminal } from "./pipeline/progress.ts";
import { planCommand } from "./pipeline/plan-command.ts"; // issue 15

// The pipeline commands need no database and none of the server code: main.ts loads them without the rest.

type Run = (argv: string[], terminal: Terminal) => Promise<number>;
const io = (terminal: Terminal): PipelineIo => ({ terminal, env: process.env });

export const PIPELINE_COMMANDS: Record<string, { usage: string; run: Run }> = {
  deploy: {
    usage: "deploy --url URL --token T --env E --template N [--stack S] [-p Key=Value ...] [--wait] [--timeout 30m] [--note N]",
    run: (argv, terminal) => deployCommand(argv, io(terminal)),
  },
  status: {
    usage: "status ID [--url URL --token T] [--wait] [--timeout 30m] [--json]",
    run: (argv, terminal) => statusCommand(argv, io(terminal)),
  },
  approve: {
    usage: "approve ID [--url URL --token T] [--comment C]",
    run: (argv, terminal) => decideCommand("approve", argv, io(terminal)),
  },
  reject: {
    usage: "reject ID --comment C [--url URL --token T]",
    run: (argv, terminal) => decideCommand("reject", argv, io(terminal)),
  },
  // Issue 15: a plan for the whole environment.
  plan: {
    usage: "plan --env E [--promote-from S | --destroy] [-p template.Key=Value ...] [--execute] [--wait] [--timeout 60m] [--note N] [--url URL --token T]",
    run: (argv, terminal) => planCommand(argv, io(terminal)),
  },
};
