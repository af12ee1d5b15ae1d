// Access to the persisted CloudFormation state and lookups of stacks by name or id.
import { AwsError, type ServiceDeps } from "../../core/contracts.ts";
import type { CloudFormationState, RegionState, StackRecord } from "./types.ts";

export class CloudFormationStore {
  constructor(private readonly deps: ServiceDeps) {}

  get state(): CloudFormationState {
    return this.deps.store.slice<CloudFormationState>("cloudformation", () => ({ regions: {} }));
  }

  region(region: string): RegionState {
    const regions = this.state.regions;
    regions[region] ??= { stacks: {}, liveStackIds: {}, exports: {}, changeSets: {}, ssmParameters: {}, secrets: {} };
    return regions[region];
  }

  save(): void {
    this.deps.store.markDirty();
  }

  now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** By name (live stacks only) or by stack id (deleted stacks too), as DescribeStacks resolves StackName. */
  findStack(region: string, nameOrId: string): StackRecord | undefined {
    const state = this.region(region);
    if (nameOrId.startsWith("arn:")) return state.stacks[nameOrId];
    const id = state.liveStackIds[nameOrId];
    return id ? state.stacks[id] : undefined;
  }

  requireStack(region: string, nameOrId: string): StackRecord {
    const stack = this.findStack(region, nameOrId);
    if (!stack) throw new AwsError("ValidationError", `Stack with id ${nameOrId} does not exist`);
    return stack;
  }

  /** Like requireStack, but a deleted stack does not count (for operations that change a stack). */
  requireLiveStack(region: string, nameOrId: string): StackRecord {
    const stack = this.requireStack(region, nameOrId);
    if (stack.status === "DELETE_COMPLETE") throw new AwsError("ValidationError", `Stack with id ${nameOrId} does not exist`);
    return stack;
  }
}
