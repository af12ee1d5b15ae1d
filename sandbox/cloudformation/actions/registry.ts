// Action name -> handler.
import { createChangeSet, deleteChangeSet, describeChangeSet, executeChangeSet, listChangeSets } from "./change-sets.ts";
import { describeStackEvents, describeStackResource, describeStackResources, describeStacks, listStackResources, listStacks } from "./describe.ts";
import { listExports, listImports } from "./exports.ts";
import { describeStackDriftDetectionStatus, describeStackResourceDrifts, detectStackDrift } from "./drift.ts";
import { cancelUpdateStack, continueUpdateRollback, rollbackStack } from "./recovery.ts";
import type { ActionHandler } from "./service-context.ts";
import { createStack, deleteStack, updateStack, updateTerminationProtection } from "./stacks.ts";
import { getTemplate, getTemplateSummary, validateTemplateAction } from "./templates.ts";

export const cloudFormationActions: Record<string, ActionHandler> = {
  ValidateTemplate: validateTemplateAction,
  GetTemplateSummary: getTemplateSummary,
  GetTemplate: getTemplate,
  CreateStack: createStack,
  UpdateStack: updateStack,
  DeleteStack: deleteStack,
  UpdateTerminationProtection: updateTerminationProtection,
  DescribeStacks: describeStacks,
  ListStacks: listStacks,
  DescribeStackEvents: describeStackEvents,
  DescribeStackResources: describeStackResources,
  DescribeStackResource: describeStackResource,
  ListStackResources: listStackResources,
  CreateChangeSet: createChangeSet,
  DescribeChangeSet: describeChangeSet,
  ListChangeSets: listChangeSets,
  ExecuteChangeSet: executeChangeSet,
  DeleteChangeSet: deleteChangeSet,
  CancelUpdateStack: cancelUpdateStack,
  ContinueUpdateRollback: continueUpdateRollback,
  RollbackStack: rollbackStack,
  ListExports: listExports,
  ListImports: listImports,
  DetectStackDrift: detectStackDrift,
  DescribeStackDriftDetectionStatus: describeStackDriftDetectionStatus,
  DescribeStackResourceDrifts: describeStackResourceDrifts,
};
