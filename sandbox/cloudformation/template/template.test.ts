import { beforeAll, describe, expect, it } from "vitest";
import { loadResourceSpec } from "../spec.ts";
import { updateMethod, replacementOf } from "../diff/classify.ts";
import { evaluateConditions, resolveValue, type EvaluationContext } from "./intrinsics.ts";
import { parseTemplateBody } from "./parse.ts";
import { resolveParameters } from "./parameters.ts";
import { validateTemplate } from "./validate.ts";
import type { Template } from "./types.ts";

beforeAll(() => loadResourceSpec(), 30_000);

function context(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    region: "eu-west-1", accountId: "000000000000", stackName: "app", stackId: "arn:aws:cloudformation:eu-west-1:000000000000:stack/app/1",
    notificationArns: [], parameters: new Map<string, string | string[]>([["Env", "prod"], ["Subnets", ["a", "b"]]]),
    mappings: { Sizes: { prod: { Class: "db.t3.large" } } }, conditions: { IsProd: true },
    resource: (id) => (id === "Db" ? { ref: "mydb", attributes: { "Endpoint.Address": "mydb.abc.eu-west-1.rds.amazonaws.com" } } : undefined),
    importValue: (name) => (name === "shared-vpc" ? "vpc-123" : undefined),
    ...overrides,
  };
}

function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}

describe("parseTemplateBody", () => {
  it("reads YAML short-form tags into their long forms", () => {
    const template = parseTemplateBody(`Resources:
  R:
    Type: AWS::S3::Bucket
    Properties:
      A: !Ref Env
      B: !GetAtt Db.Endpoint.Address
      C: !Sub "\${AWS::Region}-x"
      D: !If [IsProd, !Join ["-", [a, b]], !Ref "AWS::NoValue"]
      E: !Select [0, !GetAZs ""]
      F: !Base64 { "Fn::Sub": "x" }
      G: !Equals [!Condition IsProd, true]
`);
    expect(template.Resources.R.Properties).toEqual({
      A: { Ref: "Env" },
      B: { "Fn::GetAtt": ["Db", "Endpoint.Address"] },
      C: { "Fn::Sub": "${AWS::Region}-x" },
      D: { "Fn::If": ["IsProd", { "Fn::Join": ["-", ["a", "b"]] }, { Ref: "AWS::NoValue" }] },
      E: { "Fn::Select": [0, { "Fn::GetAZs": "" }] },
      F: { "Fn::Base64": { "Fn::Sub": "x" } },
      G: { "Fn::Equals": [{ Condition: "IsProd" }, true] },
    });
  });

  it("refuses bodies over 51,200 bytes and malformed JSON", () => {
    expect(errorOf(() => parseTemplateBody(`{"Resources": {}, "x": "${"a".repeat(51_200)}"}`))).toContain("Member must have length less than or equal to 51200");
    expect(errorOf(() => parseTemplateBody('{"Resources": '))).toMatch(/^Template format error: JSON not well-formed/);
  });
});

describe("resolveValue", () => {
  it("evaluates every intrinsic function and pseudo parameter", () => {
    const value = resolveValue({
      sub: { "Fn::Sub": "${AWS::StackName}-${Env}-${Db.Endpoint.Address}-${!Literal}-${AWS::Partition}.${AWS::URLSuffix}" },
      subVars: { "Fn::Sub": ["${Name}-${AWS::AccountId}", { Name: { Ref: "Env" } }] },
      join: { "Fn::Join": [",", { Ref: "Subnets" }] },
      select: { "Fn::Select": ["1", { "Fn::GetAZs": "" }] },
      split: { "Fn::Split": ["|", "a|b"] },
      ifNoValue: { "Fn::If": ["IsProd", { Ref: "AWS::NoValue" }, "x"] },
      map: { "Fn::FindInMap": ["Sizes", { Ref: "Env" }, "Class"] },
      base64: { "Fn::Base64": "hi" },
      cidr: { "Fn::Cidr": ["10.0.0.0/16", 3, 8] },
      imported: { "Fn::ImportValue": "shared-vpc" },
      ref: { Ref: "Db" },
      region: { Ref: "AWS::Region" },
    }, context());
    expect(value).toEqual({
      sub: "app-prod-mydb.abc.eu-west-1.rds.amazonaws.com-${Literal}-aws.amazonaws.com",
      subVars: "prod-000000000000",
      join: "a,b",
      select: "eu-west-1b",
      split: ["a", "b"],
      map: "db.t3.large",
      base64: "aGk=",
      cidr: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"],
      imported: "vpc-123",
      ref: "mydb",
      region: "eu-west-1",
    });
  });

  it("evaluates conditions that refer to each other", () => {
    const conditions = evaluateConditions({
      IsProd: { "Fn::Equals": [{ Ref: "Env" }, "prod"] },
      IsBig: { "Fn::And": [{ Condition: "IsProd" }, { "Fn::Not": [{ "Fn::Equals": ["a", "b"] }] }] },
      Either: { "Fn::Or": [{ Condition: "IsBig" }, false] },
    }, context());
    expect(conditions).toEqual({ IsProd: true, IsBig: true, Either: true });
  });

  it("reports a missing export and an unsupported attribute with AWS's messages", () => {
    expect(errorOf(() => resolveValue({ "Fn::ImportValue": "nope" }, context()))).toBe("No export named nope found");
    expect(errorOf(() => resolveValue({ "Fn::GetAtt": ["Db", "Nope"] }, context()))).toBe("Template error: resource Db does not support attribute type Nope in Fn::GetAtt");
  });
});

describe("validateTemplate", () => {
  const base = (resources: Template["Resources"]): Template => ({ Resources: resources });
  it("gives AWS's messages for broken templates", () => {
    expect(errorOf(() => validateTemplate(base({ A: { Type: "AWS::S3::Bucket", Properties: { X: { Ref: "Missing" } } } }))))
      .toBe("Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template");
    expect(errorOf(() => validateTemplate(base({ A: { Type: "AWS::Nope::Thing" } }))))
      .toBe("Template format error: Unrecognized resource types: [AWS::Nope::Thing]");
    expect(errorOf(() => validateTemplate(base({ A: { Type: "AWS::S3::Bucket", Properties: { X: { "Fn::GetAtt": ["Ghost", "Arn"] } } } }))))
      .toBe("Template error: instance of Fn::GetAtt references undefined resource Ghost");
    expect(errorOf(() => validateTemplate(base({
      A: { Type: "AWS::S3::Bucket", DependsOn: "B" },
      B: { Type: "AWS::S3::Bucket", Properties: { X: { Ref: "A" } } },
      C: { Type: "AWS::S3::Bucket", DependsOn: "A" },
    })))).toBe("Circular dependency between resources: [A, B]");
  });
});

describe("resolveParameters", () => {
  const template: Template = {
    Parameters: {
      Env: { Type: "String", AllowedValues: ["dev", "prod"] },
      Size: { Type: "Number", MinValue: 1, MaxValue: 5, Default: 2 },
      Secret: { Type: "String", NoEcho: true },
    },
    Resources: { A: { Type: "AWS::S3::Bucket" } },
  };
  const ctx = { readSsmParameter: () => undefined };
  it("checks values and constraints with AWS's messages", () => {
    expect(errorOf(() => resolveParameters(template, [{ ParameterKey: "Env", ParameterValue: "dev" }], ctx))).toBe("Parameters: [Secret] must have values");
    expect(errorOf(() => resolveParameters(template, [{ ParameterKey: "Env", ParameterValue: "qa" }, { ParameterKey: "Secret", ParameterValue: "s" }], ctx)))
      .toBe("Parameter 'Env' must be one of AllowedValues");
    expect(errorOf(() => resolveParameters(template, [{ ParameterKey: "Env", ParameterValue: "dev" }, { ParameterKey: "Secret", ParameterValue: "s" }, { ParameterKey: "Size", ParameterValue: "x" }], ctx)))
      .toBe("Parameter 'Size' must be a number.");
    expect(errorOf(() => resolveParameters(template, [{ ParameterKey: "Nope", ParameterValue: "1" }], ctx))).toBe("Parameters: [Nope] do not exist in the template");
    expect(resolveParameters(template, [{ ParameterKey: "Env", ParameterValue: "dev" }, { ParameterKey: "Secret", ParameterValue: "s" }], ctx))
      .toEqual([{ key: "Env", value: "dev", noEcho: false }, { key: "Size", value: "2", noEcho: false }, { key: "Secret", value: "s", noEcho: true }]);
  });
});

describe("update classification from AWS's resource specification", () => {
  it("replaces, updates in place or reports conditional replacement as AWS does", () => {
    expect(updateMethod("AWS::Logs::LogGroup", { LogGroupName: "a" }, { LogGroupName: "b" })).toBe("replace");
    expect(updateMethod("AWS::Logs::LogGroup", { RetentionInDays: 7 }, { RetentionInDays: "14" })).toBe("in-place");
    expect(updateMethod("AWS::ECS::Service", { LaunchType: "FARGATE" }, { LaunchType: "EC2" })).toBe("replace");
    expect(updateMethod("AWS::ECS::Service", { DesiredCount: 1 }, { DesiredCount: 2 })).toBe("in-place");
    expect(updateMethod("AWS::RDS::DBInstance", { Engine: "mysql" }, { Engine: "postgres" })).toBe("replace");
    expect(updateMethod("AWS::RDS::DBInstance", { MultiAZ: false }, { MultiAZ: true })).toBe("in-place");
    expect(updateMethod("AWS::S3::Bucket", { A: "1" }, { A: 1 })).toBe("none");
    expect(replacementOf([{ requiresRecreation: "Conditionally", evaluation: "Static" }])).toBe("Conditional");
    expect(replacementOf([{ requiresRecreation: "Always", evaluation: "Dynamic" }])).toBe("Conditional");
    expect(replacementOf([{ requiresRecreation: "Never", evaluation: "Static" }, { requiresRecreation: "Always", evaluation: "Static" }])).toBe("True");
  });
});
