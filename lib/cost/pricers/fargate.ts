import { HOURS_PER_MONTH, priceKeys } from "../catalog.ts";
import { freeLine, pricedLine, unpricedLine, unresolvedLine } from "../lines.ts";
import type { CostLine, ResolvedResource } from "../types.ts";
import { isIntrinsic, readNumber, readString, referencedLogicalId } from "../values.ts";
import type { Pricer, PricingContext } from "./context.ts";

const DESCRIPTION = "Fargate tasks";

/** AWS::ECS::Service on Fargate: DesiredCount × the task definition's vCPU and memory, 730 hours a month.
 * The task definition is found through the service's `TaskDefinition: { Ref: X }`. */
export const priceEcsService: Pricer = (resource, context) => {
  const props = resource.properties;
  const launch = launchKind(props);
  if (launch.kind !== "fargate") return [launch.line(resource)];

  const desired = readNumber(props.DesiredCount);
  if (desired.kind === "unresolved") return [unresolvedLine(resource, DESCRIPTION, "DesiredCount", desired.raw)];
  const tasks = desired.kind === "value" ? desired.value : 1;
  const desiredNote = desired.kind === "absent" ? "DesiredCount not set; CloudFormation starts 1 task" : undefined;

  const taskDefinitionId = referencedLogicalId(props.TaskDefinition);
  const taskDefinition = taskDefinitionId ? context.resourcesById.get(taskDefinitionId) : undefined;
  if (!taskDefinition || taskDefinition.type !== "AWS::ECS::TaskDefinition") {
    const what = taskDefinitionId ?? JSON.stringify(props.TaskDefinition);
    return [unpricedLine(resource, DESCRIPTION, `task definition ${what} is not among the resources estimated`)];
  }
  const size = taskSize(taskDefinition);
  if ("unpriced" in size) return [unpricedLine(resource, DESCRIPTION, `${taskDefinition.logicalId}: ${size.unpriced}`)];

  const arch = size.arm ? "Linux/ARM" : "Linux/x86";
  const lines: CostLine[] = [
    pricedLine(resource, context.catalog, {
      description: `${tasks} × ${size.vcpu} vCPU (${arch}, ${taskDefinition.logicalId})`,
      quantity: tasks * size.vcpu * HOURS_PER_MONTH,
      unit: "vCPU-hours",
      priceKey: priceKeys.fargateVcpu(size.arm),
      kind: "fixed",
      ...(desiredNote ? { note: desiredNote } : {}),
    }),
    pricedLine(resource, context.catalog, {
      description: `${tasks} × ${size.memoryGb} GB memory (${arch})`,
      quantity: tasks * size.memoryGb * HOURS_PER_MONTH,
      unit: "GB-hours",
      priceKey: priceKeys.fargateGb(size.arm),
      kind: "fixed",
    }),
  ];
  if (assignsPublicIp(props)) {
    lines.push(
      pricedLine(resource, context.catalog, {
        description: `${tasks} × public IPv4 address (AssignPublicIp)`,
        quantity: tasks * HOURS_PER_MONTH,
        unit: "address-hours",
        priceKey: priceKeys.publicIpv4,
        kind: "fixed",
      }),
    );
  }
  return lines;
};

type LaunchKind = { kind: "fargate" } | { kind: "other"; line: (resource: ResolvedResource) => CostLine };

function launchKind(props: Record<string, unknown>): LaunchKind {
  const strategy = props.CapacityProviderStrategy;
  if (Array.isArray(strategy) && strategy.length > 0) {
    const providers = strategy.map((item) => readString((item as Record<string, unknown>)?.CapacityProvider));
    if (providers.every((p) => p.kind === "value" && p.value === "FARGATE")) return { kind: "fargate" };
    return { kind: "other", line: (r) => unpricedLine(r, DESCRIPTION, "only the FARGATE capacity provider is priced (not Fargate Spot or EC2 capacity)") };
  }
  const launchType = readString(props.LaunchType);
  if (launchType.kind === "value" && launchType.value === "FARGATE") return { kind: "fargate" };
  if (launchType.kind === "value" && launchType.value === "EC2") {
    return { kind: "other", line: (r) => freeLine(r, "ECS service on EC2", "tasks run on EC2 instances, which are priced on their own lines") };
  }
  if (launchType.kind === "unresolved") return { kind: "other", line: (r) => unresolvedLine(r, DESCRIPTION, "LaunchType", launchType.raw) };
  return { kind: "other", line: (r) => unpricedLine(r, DESCRIPTION, "LaunchType is not FARGATE; only Fargate services are priced") };
}

type TaskSize = { vcpu: number; memoryGb: number; arm: boolean } | { unpriced: string };

/** Cpu in CPU units ("512") or vCPU ("0.5 vCPU"); Memory in MiB ("1024") or GB ("1 GB"). 1 GB = 1024 MiB. */
export function taskSize(taskDefinition: ResolvedResource): TaskSize {
  const props = taskDefinition.properties;
  const platform = (isIntrinsic(props.RuntimePlatform) ? props.RuntimePlatform : {}) as Record<string, unknown>;
  const os = readString(platform.OperatingSystemFamily);
  if (os.kind === "value" && os.value.toUpperCase().startsWith("WINDOWS")) return { unpriced: "Windows tasks are not in the price catalog" };
  const cpu = readString(props.Cpu);
  const memory = readString(props.Memory);
  if (cpu.kind !== "value") return { unpriced: cpu.kind === "absent" ? "Cpu is not set" : `Cpu could not be resolved (${JSON.stringify(cpu.raw)})` };
  if (memory.kind !== "value") {
    return { unpriced: memory.kind === "absent" ? "Memory is not set" : `Memory could not be resolved (${JSON.stringify(memory.raw)})` };
  }
  const vcpu = parseQuantity(cpu.value, /vcpu/i, 1024);
  const memoryGb = parseQuantity(memory.value, /gb/i, 1024);
  if (vcpu === undefined) return { unpriced: `Cpu "${cpu.value}" is not a size Fargate understands` };
  if (memoryGb === undefined) return { unpriced: `Memory "${memory.value}" is not a size Fargate understands` };
  const arch = readString(platform.CpuArchitecture);
  return { vcpu, memoryGb, arm: arch.kind === "value" && arch.value.toUpperCase() === "ARM64" };
}

/** "512" → 0.5 (divided by `divisor`), "0.5 vCPU" / "1 GB" → as written. */
function parseQuantity(text: string, largeUnit: RegExp, divisor: number): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (match[2] === "" || /^mi?b$/i.test(match[2])) return amount / divisor;
  return largeUnit.test(match[2]) ? amount : undefined;
}

function assignsPublicIp(props: Record<string, unknown>): boolean {
  const network = props.NetworkConfiguration as Record<string, unknown> | undefined;
  const awsvpc = network?.AwsvpcConfiguration as Record<string, unknown> | undefined;
  return awsvpc?.AssignPublicIp === "ENABLED";
}
