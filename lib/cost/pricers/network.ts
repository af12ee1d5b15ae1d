import { HOURS_PER_MONTH, priceKeys } from "../catalog.ts";
import { freeLine, pricedLine, unpricedLine, unresolvedLine } from "../lines.ts";
import type { CostLine, ResolvedResource } from "../types.ts";
import { readString, referencedLogicalId } from "../values.ts";
import { assumption, type Pricer, type PricingContext } from "./context.ts";

/** AWS::EC2::NatGateway: hours, its share of the environment's GB processed, and its public IPv4 address unless
 * that address is an AWS::EC2::EIP in the same estimate (then the EIP's own line carries it). */
export const priceNatGateway: Pricer = (resource, context) => {
  const connectivity = readString(resource.properties.ConnectivityType);
  const isPublic = !(connectivity.kind === "value" && connectivity.value === "private");
  const gb = assumption(context, "natGatewayGbProcessed");
  const share = context.natGatewayCount > 0 ? gb.value / context.natGatewayCount : 0;
  const lines: CostLine[] = [
    pricedLine(resource, context.catalog, {
      description: `NAT gateway (${isPublic ? "public" : "private"})`,
      quantity: HOURS_PER_MONTH,
      unit: "hours",
      priceKey: priceKeys.natHour,
      kind: "fixed",
    }),
    pricedLine(resource, context.catalog, {
      description: `Data processed (1/${context.natGatewayCount} of natGatewayGbProcessed)`,
      quantity: share,
      unit: "GB",
      priceKey: priceKeys.natGb,
      kind: "usage",
      ...(gb.note ? { note: gb.note } : {}),
    }),
  ];
  if (isPublic) lines.push(natAddressLine(resource, context));
  return lines;
};

function natAddressLine(resource: ResolvedResource, context: PricingContext): CostLine {
  const eipId = referencedLogicalId(resource.properties.AllocationId);
  const eip = eipId ? context.resourcesById.get(eipId) : undefined;
  if (eip?.type === "AWS::EC2::EIP") {
    return freeLine(resource, "Public IPv4 address", `priced on ${eip.logicalId} (AWS::EC2::EIP)`);
  }
  return pricedLine(resource, context.catalog, {
    description: "Public IPv4 address",
    quantity: HOURS_PER_MONTH,
    unit: "address-hours",
    priceKey: priceKeys.publicIpv4,
    kind: "fixed",
  });
}

/** AWS::EC2::EIP: every public IPv4 address is billed per hour, attached or not. */
export const priceElasticIp: Pricer = (resource, context) => [
  pricedLine(resource, context.catalog, {
    description: "Public IPv4 address (Elastic IP)",
    quantity: HOURS_PER_MONTH,
    unit: "address-hours",
    priceKey: priceKeys.publicIpv4,
    kind: "fixed",
  }),
];

/** AWS::ElasticLoadBalancingV2::LoadBalancer (application): hours, LCU-hours from albLcuPerHour, one public IPv4
 * address per subnet when internet-facing, and its share of the environment's data transfer out. */
export const priceLoadBalancer: Pricer = (resource, context) => {
  const type = readString(resource.properties.Type);
  if (type.kind === "unresolved") return [unresolvedLine(resource, "Load balancer", "Type", type.raw)];
  if (type.kind === "value" && type.value !== "application") {
    return [unpricedLine(resource, `Load balancer (${type.value})`, `${type.value} load balancers are not in the price catalog`)];
  }
  const lcu = assumption(context, "albLcuPerHour");
  const lines: CostLine[] = [
    pricedLine(resource, context.catalog, {
      description: "Application load balancer",
      quantity: HOURS_PER_MONTH,
      unit: "hours",
      priceKey: priceKeys.albHour,
      kind: "fixed",
    }),
    pricedLine(resource, context.catalog, {
      description: `Load balancer capacity units (${lcu.value} LCU average)`,
      quantity: lcu.value * HOURS_PER_MONTH,
      unit: "LCU-hours",
      priceKey: priceKeys.albLcu,
      kind: "usage",
      ...(lcu.note ? { note: lcu.note } : {}),
    }),
  ];
  if (isInternetFacing(resource)) lines.push(albAddressLine(resource, context), dataTransferLine(resource, context));
  return lines;
};

export function isInternetFacing(resource: ResolvedResource): boolean {
  const scheme = readString(resource.properties.Scheme);
  return !(scheme.kind === "value" && scheme.value === "internal");
}

function albAddressLine(resource: ResolvedResource, context: PricingContext): CostLine {
  const { Subnets: subnets, SubnetMappings: mappings } = resource.properties;
  const list = Array.isArray(subnets) ? subnets : Array.isArray(mappings) ? mappings : undefined;
  if (!list) return unresolvedLine(resource, "Public IPv4 addresses (one per subnet)", "Subnets", subnets ?? mappings);
  return pricedLine(resource, context.catalog, {
    description: `${list.length} × public IPv4 address (one per subnet)`,
    quantity: list.length * HOURS_PER_MONTH,
    unit: "address-hours",
    priceKey: priceKeys.publicIpv4,
    kind: "fixed",
  });
}

/** Internet egress is attributed to the platform's public entry point, split across internet-facing ALBs. */
function dataTransferLine(resource: ResolvedResource, context: PricingContext): CostLine {
  const gb = assumption(context, "dataTransferOutGb");
  return pricedLine(resource, context.catalog, {
    description: `Data transfer out to the internet (1/${context.internetFacingAlbCount} of dataTransferOutGb)`,
    quantity: gb.value / Math.max(1, context.internetFacingAlbCount),
    unit: "GB",
    priceKey: priceKeys.dataTransferOut,
    kind: "usage",
    ...(gb.note ? { note: gb.note } : {}),
  });
}

/** AWS::EC2::VPCEndpoint: gateway endpoints (S3, DynamoDB) are free; interface endpoints are not priced yet. */
export const priceVpcEndpoint: Pricer = (resource) => {
  const type = readString(resource.properties.VpcEndpointType);
  if (type.kind === "absent" || (type.kind === "value" && type.value === "Gateway")) {
    return [freeLine(resource, "Gateway VPC endpoint")];
  }
  if (type.kind === "unresolved") return [unresolvedLine(resource, "VPC endpoint", "VpcEndpointType", type.raw)];
  return [unpricedLine(resource, `VPC endpoint (${type.value})`, `${type.value} endpoints are not in the price catalog`)];
};
