import { z } from "zod";
import { stackNameSchema } from "../stacks/schema";
import type { ApiOperation } from "./operation";
import { stackDrift } from "./day2-responses";

// issue 16: day-2 operations (drift detection, scheduled teardown).

const stackName = { name: { schema: stackNameSchema.shape.stackName, description: "the stack's name, e.g. staging-network" } };

export const DAY2_OPERATIONS: ApiOperation[] = [
  {
    method: "post", path: "/api/v1/stacks/{name}/drift", tag: "Stacks", summary: "Detect drift", access: "deployer (or admin) in the environment",
    description: "Starts a CloudFormation drift detection of the stack (DetectStackDrift); a background job follows it. GET the stack: its `drift` is DETECTING, then IN_SYNC or DRIFTED with each resource's differences. A detection already in flight is reused.",
    pathParams: stackName,
    success: { status: 202, description: "The stack's drift, DETECTING.", schema: z.strictObject({ drift: stackDrift }) },
    errors: ["validation_failed", "unauthorized", "forbidden", "not_found", "conflict"],
  },
];
