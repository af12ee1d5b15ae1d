// Dynamic references, checked against the user guide's "Get a secret or secret value from Secrets Manager"
// ({{resolve:secretsmanager:secret-id:SecretString:json-key:version-stage:version-id}}, secret-id a name or an ARN;
// "neither Secrets Manager nor CloudFormation logs should persist any resolved secret value") and "Get a plaintext
// value from Systems Manager Parameter Store" ({{resolve:ssm:name[:version]}}). A missing secret fails the resource
// with Secrets Manager's ResourceNotFoundException message; a missing parameter refuses the call
// ("Parameters: [ssm:<name>] cannot be found.").
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CreateStackCommand, DescribeStackResourcesCommand, DescribeStacksCommand, GetTemplateCommand,
} from "@aws-sdk/client-cloudformation";
import { DescribeTaskDefinitionCommand } from "@aws-sdk/client-ecs";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { allEvents, resourceStatuses, waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
const PASSWORD = "s3cr3t-Value-42";

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "vault", TemplateBody: `
Resources:
  Credentials:
    Type: AWS::SecretsManager::Secret
    Properties: { Name: app/db, SecretString: '{"username":"app","password":"${PASSWORD}"}' }
  Generated:
    Type: AWS::SecretsManager::Secret
    Properties:
      GenerateSecretString: { SecretStringTemplate: '{"username":"svc"}', GenerateStringKey: password, PasswordLength: 20, ExcludePunctuation: true }
  Host: { Type: AWS::SSM::Parameter, Properties: { Name: /app/host, Type: String, Value: db.internal } }
Outputs:
  GeneratedArn: { Value: !Ref Generated, Export: { Name: vault-generated } }
` }));
  expect(await waitForStack(sandbox.cfn, "vault")).toBe("CREATE_COMPLETE");
});
afterAll(() => sandbox.close());

const consumer = `
Resources:
  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      Family: consumer
      ContainerDefinitions:
        - Name: app
          Image: app:1
          Environment:
            - { Name: DB_URL, Value: "postgres://{{resolve:secretsmanager:app/db:SecretString:username}}:{{resolve:secretsmanager:app/db:SecretString:password}}@{{resolve:ssm:/app/host}}" }
            - { Name: WHOLE, Value: "{{resolve:secretsmanager:app/db}}" }
            - Name: GENERATED
              Value: !Sub ["{{resolve:secretsmanager:\${Arn}:SecretString:password::}}", { Arn: !ImportValue vault-generated }]
`;

describe("dynamic references", () => {
  it("resolves secrets and parameters of other stacks, by name or ARN, for the resource only", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "consumer", TemplateBody: consumer }));
    expect(await waitForStack(sandbox.cfn, "consumer")).toBe("CREATE_COMPLETE");
    const { taskDefinition } = await sandbox.ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: "consumer" }));
    const env = Object.fromEntries(taskDefinition!.containerDefinitions![0].environment!.map((e) => [e.name, e.value]));
    expect(env.DB_URL).toBe(`postgres://app:${PASSWORD}@db.internal`);
    expect(JSON.parse(env.WHOLE!)).toEqual({ username: "app", password: PASSWORD });
    expect(env.GENERATED).toMatch(/^[A-Za-z0-9]{20}$/);
    // CloudFormation itself never shows a resolved value: events, resources, template and stack stay literal.
    const answers = JSON.stringify([
      await allEvents(sandbox.cfn, "consumer"),
      await sandbox.cfn.send(new DescribeStackResourcesCommand({ StackName: "consumer" })),
      await sandbox.cfn.send(new GetTemplateCommand({ StackName: "consumer" })),
      await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "consumer" })),
    ]);
    for (const value of [PASSWORD, env.GENERATED!, "db.internal"]) expect(answers).not.toContain(value);
  });

  it("fails the resource when the secret does not exist, and refuses a missing parameter", async () => {
    await sandbox.cfn.send(new CreateStackCommand({ StackName: "orphan", TemplateBody: `
Resources:
  Param: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: "{{resolve:secretsmanager:no/such:SecretString:password}}" } }
` }));
    expect(await waitForStack(sandbox.cfn, "orphan")).toBe("ROLLBACK_COMPLETE");
    expect(await resourceStatuses(sandbox.cfn, "orphan", "Param")).toEqual([
      "CREATE_IN_PROGRESS",
      "CREATE_FAILED: Secrets Manager can't find the specified secret. (Service: AWSSecretsManager; Status Code: 400; Error Code: ResourceNotFoundException)",
    ]);
    const missing = sandbox.cfn.send(new CreateStackCommand({ StackName: "lost", TemplateBody: `
Resources:
  Param: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: "{{resolve:ssm:/no/such}}" } }
` }));
    await expect(missing).rejects.toMatchObject({ name: "ValidationError", message: "Parameters: [ssm:/no/such] cannot be found." });
  });
});
