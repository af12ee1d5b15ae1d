import { describe, expect, it } from "vitest";
import { can, type Actor } from "./guard.ts";
import type { RoleName } from "./roles.ts";

const staging = { key: "staging", requiresApproval: false };
const production = { key: "production", requiresApproval: true };

const actor = (...grants: [RoleName, string][]): Actor => ({
  userId: "u",
  email: "u@example.com",
  name: "U",
  grants: grants.map(([role, environment]) => ({ role, environment })),
});

describe("can(actor, action, environment)", () => {
  it("lets a viewer read but never change anything", () => {
    const viewer = actor(["viewer", "*"]);
    expect(can(viewer, "stack:read", staging)).toBe(true);
    for (const action of ["change:preview", "change:deploy", "change:request", "change:approve"] as const) {
      expect(can(viewer, action, staging)).toBe(false);
    }
  });

  it("lets a deployer deploy in staging but only request in production", () => {
    const deployer = actor(["deployer", "*"]);
    expect(can(deployer, "change:deploy", staging)).toBe(true);
    expect(can(deployer, "change:deploy", production)).toBe(false);
    expect(can(deployer, "change:request", production)).toBe(true);
    expect(can(deployer, "change:approve", production)).toBe(false);
  });

  it("scopes grants to their environment", () => {
    const stagingOnly = actor(["deployer", "staging"]);
    expect(can(stagingOnly, "change:preview", staging)).toBe(true);
    expect(can(stagingOnly, "stack:read", production)).toBe(false);
    const approver = actor(["approver", "production"]);
    expect(can(approver, "change:approve", production)).toBe(true);
    expect(can(approver, "change:approve", staging)).toBe(false);
  });

  it("lets only admins deploy directly where approval is required", () => {
    expect(can(actor(["admin", "*"]), "change:deploy", production)).toBe(true);
    expect(can(actor(["approver", "*"], ["deployer", "*"]), "change:deploy", production)).toBe(false);
  });

  it("needs an all-environments admin grant for global actions", () => {
    expect(can(actor(["admin", "*"]), "users:manage")).toBe(true);
    expect(can(actor(["admin", "production"]), "users:manage")).toBe(false);
    expect(can(actor(["admin", "production"]), "audit:read")).toBe(false);
    expect(can(actor(["admin", "production"]), "change:deploy", production)).toBe(true);
  });

  it("refuses environment actions without an environment and actors without grants", () => {
    expect(can(actor(["admin", "*"]), "stack:read")).toBe(false);
    expect(can(actor(), "stack:read", staging)).toBe(false);
  });
});
