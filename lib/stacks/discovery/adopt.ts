import type { Db } from "../../db/client.ts";
import { AppError, notFound } from "../../errors.ts";
import { assertCan } from "../../auth/guard.ts";
import { parseInput } from "../../validation.ts";
import { describeStack, getTemplate } from "../../aws/cloudformation.ts";
import { withEnvironmentTarget } from "../../environments/aws-target.ts";
import { parseTemplate, TemplateParseError } from "../../templates/parse.ts";
import { getTemplateRow } from "../../templates/queries.ts";
import { checkStackName, parametersHash, type Command } from "../../deployments/context.ts";
import { insertDeployment } from "../../deployments/state-machine.ts";
import { getStackDetail } from "../../deployments/stack-queries.ts";
import { isFinalStackStatus } from "../../deployments/stack-status.ts";
import type { StackDetail } from "../../deployments/types.ts";
import { findDiscoveredStack } from "./queries.ts";
import { templateMismatch } from "./adopt-compare.ts";
import { adoptSchema, type AdoptInput } from "./schema.ts";

/**
 * An admin makes an unmanaged stack a managed stack of a catalog template, when the stack's template has the same
 * resources (logical ids and types). Its current parameters and outputs become the stack row's, recorded as its
 * first version (a finished deployment of the catalog template's current version), audited as stack.adopted.
 * Otherwise 409 with the reason. Nothing changes in AWS.
 */
export async function adoptStack(db: Db, { actor, input: raw, meta }: Command<AdoptInput>): Promise<StackDetail> {
  const input = parseInput(adoptSchema, raw);
  const found = await findDiscoveredStack(db, input.stackName);
  if (!found) throw notFound(`Unmanaged stack ${input.stackName}`);
  const environment = await db.environment.findUniqueOrThrow({ where: { id: found.environmentId }, select: { id: true, key: true, name: true, requiresApproval: true } });
  assertCan(actor, "stack:adopt", environment);
  if (await db.stack.findUnique({ where: { name: found.name }, select: { id: true } })) {
    throw new AppError("conflict", `Stackdeck already has a stack named ${found.name}; it cannot adopt a second one.`);
  }
  try {
    checkStackName(environment.key, input.template, found.name);
  } catch {
    throw new AppError("conflict", `${found.name} cannot be a stack of ${input.template} in ${environment.key}: Stackdeck names those ${environment.key}-${input.template} or ${environment.key}-${input.template}-<suffix>.`);
  }
  const version = (await getTemplateRow(db, input.template)).currentVersion;
  if (!version) throw new AppError("conflict", `Template "${input.template}" has no valid version to adopt the stack as.`);

  return withEnvironmentTarget(db, environment.key, actor, async () => {
    const live = await describeStack(found.region, found.stackId);
    if (!live) throw new AppError("conflict", `${found.name} no longer exists in CloudFormation.`);
    if (!isFinalStackStatus(live.status) || /FAILED$|^ROLLBACK_COMPLETE$|^REVIEW_IN_PROGRESS$/.test(live.status)) {
      throw new AppError("conflict", `${found.name} is ${live.status}; adopt it once it is stable (CREATE_COMPLETE, UPDATE_COMPLETE or UPDATE_ROLLBACK_COMPLETE).`);
    }
    const reason = templateMismatch(parseBody(await getTemplate(found.region, found.stackId), found.name), parseBody(version.body, input.template), input.template);
    if (reason) throw new AppError("conflict", `${found.name} cannot be adopted as ${input.template}. ${reason}`);
    const parameters = Object.fromEntries(Object.entries(live.parameters).filter(([key]) => key !== "EnvironmentName"));
    await db.$transaction(async (tx) => {
      const stack = await tx.stack.create({
        data: {
          name: found.name, environmentId: environment.id, templateName: input.template, region: found.region, awsStackId: live.stackId,
          status: live.status, statusReason: live.statusReason, outputs: live.outputs as object[], parameters,
        },
        select: { id: true },
      });
      await insertDeployment(tx, "succeeded", {
        stackId: stack.id, action: "create", requestedById: actor.userId, requestedByTokenId: actor.tokenId ?? null, executedById: actor.userId,
        templateVersionId: version.id, parameters, parametersHash: parametersHash(parameters), note: "Adopted: the stack existed in AWS before Stackdeck managed it.",
        resultReason: `Adopted ${found.name} as a stack of ${input.template}.`, startedAt: new Date(),
      }, { actor, meta, target: found.name, environment: environment.key, details: { template: input.template, stackId: live.stackId, accountId: found.accountId, region: found.region } });
      await tx.discoveredStack.delete({ where: { id: found.id } });
    });
    return getStackDetail(db, actor, found.name);
  });
}

function parseBody(body: string, what: string) {
  try {
    return parseTemplate(body).document;
  } catch (error) {
    if (error instanceof TemplateParseError) throw new AppError("conflict", `The template of ${what} cannot be read: ${error.message}`);
    throw error;
  }
}
