// ListExports and ListImports (API reference): exports of the region, and the stacks importing one of them; both
// paginated, 100 per page ("If the output exceeds 100 exported output values, a string that identifies the next page").
import { AwsError } from "../../core/contracts.ts";
import { importersOf } from "../engine/outputs.ts";
import { el, memberList, stringMembers } from "../xml.ts";
import { decodeToken, encodeToken, required } from "./params.ts";
import type { ActionHandler } from "./service-context.ts";

const PAGE = 100;

function page<T>(items: T[], token: string | undefined): { items: T[]; nextToken?: string } {
  const offset = decodeToken(token);
  const next = offset + PAGE;
  return { items: items.slice(offset, next), nextToken: next < items.length ? encodeToken(next) : undefined };
}

export const listExports: ActionHandler = (svc, params, ctx) => {
  const exports = Object.entries(svc.store.region(ctx.region).exports);
  const result = page(exports, params.NextToken);
  return memberList("Exports", result.items, ([name, owner]) =>
    el("ExportingStackId", owner.stackId) + el("Name", name) + el("Value", owner.value)) + el("NextToken", result.nextToken);
};

export const listImports: ActionHandler = (svc, params, ctx) => {
  const name = required(params, "ExportName");
  const region = svc.store.region(ctx.region);
  const importers = region.exports[name] ? importersOf(region, name) : [];
  // AWS answers an export nobody imports (or one that does not exist) with this error rather than an empty list.
  if (importers.length === 0) throw new AwsError("ValidationError", `Export '${name}' is not imported by any stack.`);
  const result = page(importers, params.NextToken);
  return stringMembers("Imports", result.items) + el("NextToken", result.nextToken);
};
