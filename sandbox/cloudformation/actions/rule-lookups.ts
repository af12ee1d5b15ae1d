// What Fn::RefAll, Fn::ValueOf and Fn::ValueOfAll read in the sandbox: the EC2 resources stacks of the region created
// (the sandbox has no other VPCs, subnets or security groups). Ids it does not know make the assertion unevaluable,
// so it is skipped rather than refused (AWS-specific parameter values are not checked for existence either).
import { availabilityZones } from "../template/pseudo.ts";
import type { RuleLookups } from "../template/rules.ts";
import type { PhysicalResource, RegionState } from "../state/types.ts";

/** Parameter type -> the resource type whose physical ids are its values (template reference: Supported attributes). */
const RESOURCE_TYPES: Record<string, string> = {
  "AWS::EC2::VPC::Id": "AWS::EC2::VPC",
  "AWS::EC2::Subnet::Id": "AWS::EC2::Subnet",
  "AWS::EC2::SecurityGroup::Id": "AWS::EC2::SecurityGroup",
};

function liveOfType(region: RegionState, resourceType: string): PhysicalResource[] {
  return Object.values(region.stacks)
    .filter((s) => s.status !== "DELETE_COMPLETE")
    .flatMap((s) => Object.values(s.resources))
    .filter((r) => r.type === resourceType && r.current && r.status !== "DELETE_COMPLETE")
    .map((r) => r.current!);
}

export function ruleLookups(region: RegionState, regionName: string): RuleLookups {
  return {
    refAll(parameterType) {
      if (parameterType === "AWS::EC2::AvailabilityZone::Name") return availabilityZones(regionName);
      const resourceType = RESOURCE_TYPES[parameterType];
      return resourceType ? liveOfType(region, resourceType).map((r) => r.physicalId) : undefined;
    },
    valueOf(parameterType, id, attribute) {
      const resourceType = RESOURCE_TYPES[parameterType];
      const resource = resourceType ? liveOfType(region, resourceType).find((r) => r.physicalId === id) : undefined;
      if (!resource) return undefined;
      if (attribute.startsWith("Tags.")) {
        const tags = Array.isArray(resource.properties.Tags) ? (resource.properties.Tags as { Key?: unknown; Value?: unknown }[]) : [];
        const tag = tags.find((t) => t?.Key === attribute.slice("Tags.".length));
        return tag === undefined ? "" : String(tag.Value);
      }
      const value = resource.attributes[attribute];
      return value === undefined ? undefined : String(value);
    },
  };
}
