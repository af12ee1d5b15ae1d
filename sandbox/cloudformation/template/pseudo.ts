// Pseudo parameters (AWS::Region, AWS::Partition, ...) and the region-derived values Fn::GetAZs returns.
import type { EvaluationContext } from "./intrinsics.ts";
import { NO_VALUE } from "./intrinsics.ts";

export function partitionOf(region: string): string {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

export function urlSuffixOf(region: string): string {
  return region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
}

export function availabilityZones(region: string): string[] {
  return ["a", "b", "c"].map((letter) => `${region}${letter}`);
}

export function pseudoParameter(name: string, ctx: EvaluationContext): unknown {
  switch (name) {
    case "AWS::Region": return ctx.region;
    case "AWS::AccountId": return ctx.accountId;
    case "AWS::StackName": return ctx.stackName;
    case "AWS::StackId": return ctx.stackId;
    case "AWS::Partition": return partitionOf(ctx.region);
    case "AWS::URLSuffix": return urlSuffixOf(ctx.region);
    case "AWS::NotificationARNs": return ctx.notificationArns;
    case "AWS::NoValue": return NO_VALUE;
    default: return undefined;
  }
}

