// infra-templates/bootstrap/stackdeck-roles.yaml (issue 14) is a template CloudFormation accepts: it deploys into the
// sandbox and its outputs are the two roles the console's environment settings name. It is not in the catalog.
import { readFileSync } from "node:fs";
import path from "node:path";
import { CreateStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "../testing/harness.ts";
import { waitForStack } from "../cloudformation/testing/helpers.ts";
import { readTemplateFiles } from "../../lib/templates/source-files.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
let sandbox: TestSandbox;
beforeAll(async () => void (sandbox = await startTestSandbox()));
afterAll(() => sandbox.close());

it("creates stackdeck-console and stackdeck-cloudformation in the target account", async () => {
  const target = sandbox.inAccount("222222222222");
  await target.cfn.send(new CreateStackCommand({
    StackName: "stackdeck-roles",
    TemplateBody: readFileSync(path.join(ROOT, "infra-templates/bootstrap/stackdeck-roles.yaml"), "utf8"),
    Capabilities: ["CAPABILITY_NAMED_IAM"],
    Parameters: [{ ParameterKey: "ConsolePrincipalArn", ParameterValue: "arn:aws:iam::111111111111:role/stackdeck-app" }, { ParameterKey: "ExternalId", ParameterValue: "stackdeck-prod" }],
  }));
  expect(await waitForStack(target.cfn, "stackdeck-roles")).toBe("CREATE_COMPLETE");
  const [stack] = (await target.cfn.send(new DescribeStacksCommand({ StackName: "stackdeck-roles" }))).Stacks!;
  expect(Object.fromEntries(stack.Outputs!.map((o) => [o.OutputKey, o.OutputValue]))).toEqual({
    ConsoleRoleArn: "arn:aws:iam::222222222222:role/stackdeck-console",
    CloudFormationRoleArn: "arn:aws:iam::222222222222:role/stackdeck-cloudformation",
  });
});

it("is not a catalog template", async () => {
  const names = (await readTemplateFiles(path.join(ROOT, "infra-templates"))).map((t) => t.name);
  expect(names).not.toContain("stackdeck-roles");
  expect(names).toContain("network");
});
