import { ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { cloudFormationClient } from "./clients.ts";
import { callCloudFormation } from "./cloudformation-errors.ts";

export interface StackResourceSummary {
  logicalId: string;
  physicalId: string | null;
  resourceType: string;
  status: string;
  reason: string | null;
}

/**
 * Every resource of the stack, all pages (DescribeStackResources stops at the first 100). `types` keeps only
 * resources of those types.
 */
export async function listStackResources(region: string, stackName: string, types?: string[]): Promise<StackResourceSummary[]> {
  const client = cloudFormationClient(region);
  const resources: StackResourceSummary[] = [];
  let token: string | undefined;
  do {
    const out = await callCloudFormation("ListStackResources", () => client.send(new ListStackResourcesCommand({ StackName: stackName, NextToken: token })));
    for (const r of out.StackResourceSummaries ?? []) {
      if (types && !types.includes(r.ResourceType ?? "")) continue;
      resources.push({ logicalId: r.LogicalResourceId ?? "", physicalId: r.PhysicalResourceId || null, resourceType: r.ResourceType ?? "", status: r.ResourceStatus ?? "", reason: r.ResourceStatusReason ?? null });
    }
    token = out.NextToken;
  } while (token);
  return resources;
}
