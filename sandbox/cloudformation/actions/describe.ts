// DescribeStacks, ListStacks, DescribeStackEvents and the stack resource reads.
import { AwsError } from "../../core/contracts.ts";
import type { StackRecord } from "../state/types.ts";
import { el, memberList } from "../xml.ts";
import { decodeToken, encodeToken, required, stringList } from "./params.ts";
import { eventXml, resourceXml, stackSummaryXml, stackXml } from "./serialize.ts";
import type { ActionHandler } from "./service-context.ts";

const STACKS_PAGE = 100;
const EVENTS_PAGE = 100;

function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; nextToken?: string } {
  const offset = decodeToken(token);
  const next = offset + size;
  return { items: items.slice(offset, next), nextToken: next < items.length ? encodeToken(next) : undefined };
}

const newestFirst = (a: StackRecord, b: StackRecord) => b.creationTime.localeCompare(a.creationTime);

export const describeStacks: ActionHandler = (svc, params, ctx) => {
  const region = svc.store.region(ctx.region);
  const stacks = params.StackName
    ? [svc.store.requireStack(ctx.region, params.StackName)]
    : Object.values(region.liveStackIds).map((id) => region.stacks[id]).sort(newestFirst);
  const result = page(stacks, params.NextToken, STACKS_PAGE);
  return memberList("Stacks", result.items, stackXml) + el("NextToken", result.nextToken);
};

export const listStacks: ActionHandler = (svc, params, ctx) => {
  const filter = new Set(stringList(params, "StackStatusFilter"));
  const stacks = Object.values(svc.store.region(ctx.region).stacks)
    .filter((s) => filter.size === 0 || filter.has(s.status))
    .sort(newestFirst);
  const result = page(stacks, params.NextToken, STACKS_PAGE);
  return memberList("StackSummaries", result.items, stackSummaryXml) + el("NextToken", result.nextToken);
};

/** Newest first; events are stored oldest first per stack, so a page is a slice from the end (no scanning). */
export const describeStackEvents: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireStack(ctx.region, required(params, "StackName"));
  const events = stack.events;
  const offset = decodeToken(params.NextToken);
  const end = Math.max(events.length - offset, 0);
  const start = Math.max(end - EVENTS_PAGE, 0);
  const slice = events.slice(start, end).reverse();
  const nextToken = start > 0 ? encodeToken(offset + EVENTS_PAGE) : undefined;
  return memberList("StackEvents", slice, (event) => eventXml(stack, event)) + el("NextToken", nextToken);
};

/** DescribeStackResources answers at most this many resources (API reference: "Only the first 100 resources"). */
const DESCRIBE_RESOURCES_LIMIT = 100;

function stackForResources(svc: Parameters<ActionHandler>[0], params: Record<string, string>, region: string): StackRecord {
  const physicalId = params.PhysicalResourceId;
  // API reference: "A ValidationError is returned if you specify both StackName and PhysicalResourceId" (AWS's exact
  // wording is not documented).
  if (params.StackName && physicalId) throw new AwsError("ValidationError", "Specify either StackName or PhysicalResourceId, but not both.");
  if (params.StackName) return svc.store.requireStack(region, params.StackName);
  if (!physicalId) throw new AwsError("ValidationError", "Either StackName or PhysicalResourceId must be specified.");
  const owner = Object.values(svc.store.region(region).stacks).find((s) =>
    s.status !== "DELETE_COMPLETE" && Object.values(s.resources).some((r) => r.current?.physicalId === physicalId));
  if (!owner) throw new AwsError("ValidationError", `Stack for ${physicalId} does not exist`);
  return owner;
}

export const describeStackResources: ActionHandler = (svc, params, ctx) => {
  // By PhysicalResourceId: all resources of the stack that resource belongs to (LogicalResourceId still filters).
  const stack = stackForResources(svc, params, ctx.region);
  const resources = Object.values(stack.resources)
    .filter((r) => !params.LogicalResourceId || r.logicalId === params.LogicalResourceId)
    .slice(0, DESCRIBE_RESOURCES_LIMIT);
  return memberList("StackResources", resources, (r) => resourceXml(stack, r, "resource"));
};

export const listStackResources: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireStack(ctx.region, required(params, "StackName"));
  const result = page(Object.values(stack.resources), params.NextToken, STACKS_PAGE);
  return memberList("StackResourceSummaries", result.items, (r) => resourceXml(stack, r, "summary")) + el("NextToken", result.nextToken);
};

export const describeStackResource: ActionHandler = (svc, params, ctx) => {
  const stack = svc.store.requireStack(ctx.region, required(params, "StackName"));
  const logicalId = required(params, "LogicalResourceId");
  const resource = stack.resources[logicalId];
  if (!resource) throw new AwsError("ValidationError", `Resource ${logicalId} does not exist for stack ${stack.stackName}`);
  return `<StackResourceDetail>${resourceXml(stack, resource, "detail")}</StackResourceDetail>`;
};
