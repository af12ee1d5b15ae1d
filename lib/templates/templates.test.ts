import { describe, expect, it } from "vitest";
import { parseTemplate, TemplateParseError } from "./parse.ts";
import { validateTemplate } from "./validate.ts";
import { checkParameter, checkParameters } from "./parameters.ts";
import { resolveTemplate } from "./resolve.ts";
import { layoutResourceGraph } from "./graph.ts";

const META = `
Metadata:
  Stackdeck: { Title: T, Description: D, Category: data, DependsOn: [], UserParameters: [Size] }`;

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
${META}
Parameters:
  Env: { Type: String, AllowedValues: [staging, production] }
  Size: { Type: Number, Default: 20, MinValue: 20, MaxValue: 100 }
Conditions:
  IsProd: !Equals [!Ref Env, production]
  NotProd: !Not [!Condition IsProd]
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties: { Description: !Sub "\${Env} key in \${AWS::Region}" }
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      AllocatedStorage: !Ref Size
      MultiAZ: !If [IsProd, true, false]
      KmsKeyId: !GetAtt Key.Arn
      DBInstanceClass: !If [IsProd, db.t3.small, !Ref AWS::NoValue]
  Replica:
    Type: AWS::RDS::DBInstance
    Condition: IsProd
    DependsOn: Db
    Properties: { SourceDBInstanceIdentifier: !Ref Db, Tags: [ { Key: env, Value: !Join ["-", [!Ref Env, x]] } ] }
Outputs:
  Endpoint: { Value: !GetAtt Db.Endpoint.Address, Export: { Name: !Sub "\${Env}-db-Endpoint" } }
`;

describe("parseTemplate", () => {
  it("turns CloudFormation short forms into long forms", () => {
    const { document } = parseTemplate(TEMPLATE);
    expect(document.Resources.Db!.Properties).toMatchObject({
      AllocatedStorage: { Ref: "Size" },
      MultiAZ: { "Fn::If": ["IsProd", true, false] },
      KmsKeyId: { "Fn::GetAtt": ["Key", "Arn"] },
    });
    expect(document.Conditions!.NotProd).toEqual({ "Fn::Not": [{ Condition: "IsProd" }] });
    expect(document.Outputs!.Endpoint!.Value).toEqual({ "Fn::GetAtt": ["Db", "Endpoint.Address"] });
  });

  it("reports YAML errors with their line and refuses oversized or resource-less templates", () => {
    const broken = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n   Properties: [\n";
    expect(() => parseTemplate(broken)).toThrow(TemplateParseError);
    try {
      parseTemplate(broken);
    } catch (error) {
      expect((error as TemplateParseError).issue.line).toBeGreaterThanOrEqual(3);
    }
    expect(() => parseTemplate("Description: nothing")).toThrow("At least one Resources member must be defined.");
    expect(() => parseTemplate(`Resources: {}\n#${"x".repeat(52_000)}`)).toThrow("51200-byte limit");
  });
});

describe("validateTemplate", () => {
  it("accepts a good template", async () => {
    expect(await validateTemplate(parseTemplate(TEMPLATE))).toEqual([]);
  });

  it("reports unknown types, unresolved references, missing metadata and cycles with lines", async () => {
    const bad = `Parameters: { Size: { Type: Number, Default: 5, MinValue: 20 } }
Resources:
  A:
    Type: AWS::Nope::Thing
  B:
    Type: AWS::S3::Bucket
    Properties: { BucketName: !Ref Missing, Tags: [ { Key: k, Value: !GetAtt C.Arn } ] }
  C:
    Type: AWS::SNS::Topic
    Properties: { TopicName: !GetAtt B.Arn }
`;
    const issues = await validateTemplate(parseTemplate(bad));
    const messages = issues.map((i) => i.message);
    expect(messages).toContain("Missing Metadata.Stackdeck block (Title, Description, Category, DependsOn, UserParameters).");
    expect(messages).toContain("Template format error: Unrecognized resource types: [AWS::Nope::Thing]");
    expect(messages).toContain("Template format error: Unresolved resource dependencies [Missing] in the Resources block of the template");
    expect(messages).toContain("Template error: Circular dependency between resources: [B, C]");
    expect(messages).toContain("Default value of parameter 'Size' must be a number not less than 20");
    expect(issues.find((i) => i.message.includes("Unrecognized"))).toMatchObject({ line: 3, path: "Resources.A" });
  });
});

describe("parameter checks (CloudFormation's rules and wording)", () => {
  it("checks type, allowed values, pattern, lengths and ranges", () => {
    expect(checkParameter("N", { Type: "Number" }, "abc")).toBe("Parameter 'N' must be a number");
    expect(checkParameter("E", { Type: "String", AllowedValues: ["a", "b"] }, "c")).toBe("Parameter 'E' must be one of AllowedValues");
    expect(checkParameter("P", { Type: "String", AllowedPattern: "[a-z]+" }, "A1")).toBe("Parameter 'P' must match pattern [a-z]+");
    expect(checkParameter("P", { Type: "String", AllowedPattern: "[a-z]+", ConstraintDescription: "must be lower case" }, "A")).toBe("Parameter 'P' must be lower case");
    expect(checkParameter("L", { Type: "String", MinLength: 3 }, "ab")).toBe("Parameter 'L' must contain at least 3 characters");
    expect(checkParameter("L", { Type: "String", MaxLength: 3 }, "abcd")).toBe("Parameter 'L' must contain at most 3 characters");
    expect(checkParameter("V", { Type: "Number", MinValue: 7 }, "6")).toBe("Parameter 'V' must be a number not less than 7");
    expect(checkParameter("V", { Type: "Number", MaxValue: 35 }, "36")).toBe("Parameter 'V' must be a number not greater than 35");
    expect(checkParameter("R", { Type: "String" }, undefined)).toBe("Parameters: [R] must have values");
    expect(checkParameter("D", { Type: "Number", Default: 3 }, undefined)).toBeNull();
    expect(checkParameter("C", { Type: "CommaDelimitedList", AllowedValues: ["a", "b"] }, "a,b")).toBeNull();
  });

  it("applies the environment's narrower bounds and refuses unknown parameters", () => {
    expect(checkParameter("B", { Type: "Number", MinValue: 1, MaxValue: 35 }, "3", { min: 7, max: 30 })).toBe("Parameter 'B' must be at least 7 in this environment");
    expect(checkParameters({ A: { Type: "String", Default: "x" } }, { Z: "1" })).toEqual({ Z: "Parameters: [Z] do not exist in the template" });
  });
});

describe("resolveTemplate", () => {
  it("evaluates conditions, Fn::If, Sub, Join and AWS::NoValue for given values", () => {
    const { document } = parseTemplate(TEMPLATE);
    const staging = resolveTemplate(document, { Env: "staging" }, { region: "eu-west-1", stackName: "staging-db" });
    expect(staging.map((r) => r.logicalId)).toEqual(["Key", "Db"]);
    expect(staging[0]!.properties.Description).toBe("staging key in eu-west-1");
    expect(staging[1]!.properties).toEqual({ AllocatedStorage: 20, MultiAZ: false, KmsKeyId: { "Fn::GetAtt": ["Key", "Arn"] } });
    const production = resolveTemplate(document, { Env: "production", Size: "50" }, { region: "us-east-1", stackName: "production-db" });
    expect(production.map((r) => r.logicalId)).toEqual(["Key", "Db", "Replica"]);
    expect(production[1]!.properties).toMatchObject({ AllocatedStorage: 50, MultiAZ: true, DBInstanceClass: "db.t3.small" });
    expect(production[2]!.properties.Tags).toEqual([{ Key: "env", Value: "production-x" }]);
  });
});

describe("layoutResourceGraph", () => {
  it("places each resource right of what it depends on", () => {
    const graph = layoutResourceGraph(parseTemplate(TEMPLATE).document);
    const x = Object.fromEntries(graph.nodes.map((n) => [n.id, n.x]));
    expect(x.Key).toBeLessThan(x.Db!);
    expect(x.Db).toBeLessThan(x.Replica!);
    expect(graph.edges).toEqual(expect.arrayContaining([{ from: "Db", to: "Key" }, { from: "Replica", to: "Db" }]));
  });
});

describe("checkRules", () => {
  const RULES = `${META}
Parameters:
  Env: { Type: String }
  Cert: { Type: String, Default: "" }
  Zones: { Type: CommaDelimitedList, Default: "a,b" }
Rules:
  HttpsOutsideStaging:
    RuleCondition: !Not [!Equals [!Ref Env, staging]]
    Assertions:
      - Assert: !Not [!Equals [!Ref Cert, ""]]
        AssertDescription: HTTPS is required outside staging
  KnownZones:
    Assertions:
      - Assert: !EachMemberIn [!Ref Zones, [a, b, c]]
Resources:
  B: { Type: AWS::S3::Bucket }
`;
  it("refuses values that break an assertion whose condition holds, with the AssertDescription", async () => {
    const { checkRules } = await import("./rules.ts");
    const { document } = parseTemplate(RULES);
    expect(checkRules(document, { Env: "staging" })).toEqual({});
    expect(checkRules(document, { Env: "production" })).toEqual({ Cert: "HTTPS is required outside staging" });
    expect(checkRules(document, { Env: "production", Cert: "arn:aws:acm:x" })).toEqual({});
    expect(checkRules(document, { Env: "staging", Zones: "a,d" })).toEqual({ Zones: "Assertion of rule KnownZones failed" });
  });
});
