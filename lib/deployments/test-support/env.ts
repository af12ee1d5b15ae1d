import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

// Imported FIRST by the deployment tests: the catalog and the environment profiles are read from this temp
// directory (lib/templates/source-files.ts reads STACKDECK_TEMPLATES_DIR when it loads), so the tests deploy small
// templates of their own, with unique names, without touching infra-templates/.

export const TEMPLATE_DIR = mkdtempSync(path.join(os.tmpdir(), "stackdeck-deploy-templates-"));
process.env.STACKDECK_TEMPLATES_DIR = TEMPLATE_DIR;

/** Unique per run, so stacks and templates never collide with other test files sharing the database. */
export const P = `t${randomBytes(3).toString("hex")}`;
export const names = { app: `${P}app`, consumer: `${P}consumer`, stuck: `${P}stuck`, kept: `${P}kept`, secret: `${P}secret`, fault: `${P}fault`, chain: `${P}chain` };

const profile = (env: string) => `name: ${env}
region: us-east-1
requiresApproval: ${env === "production"}
stacks:
  ${names.app}:
    parameters: {}
    overridable:
      Message: {}
  ${names.secret}:
    parameters: {}
    overridable:
      Message: {}
      Secret: {}
  ${names.fault}:
    parameters: {}
    overridable:
      Message: {}
  ${names.chain}:
    parameters: {}
    overridable:
      Message: {}
`;

mkdirSync(path.join(TEMPLATE_DIR, "environments"));
for (const env of ["staging", "production"]) writeFileSync(path.join(TEMPLATE_DIR, "environments", `${env}.yaml`), profile(env));

const meta = (title: string, userParameters: string[] = []) => `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Stackdeck: { Title: ${title}, Description: test template, Category: data, DependsOn: [], UserParameters: [${userParameters.join(", ")}] }
`;

export const fault = (operation: string, reason: string) => `
    Metadata:
      SandboxFault: { Operation: ${operation}, Reason: "${reason}" }`;

/** The app template: a parameter store value and a log group, exporting the parameter's name. */
export function appTemplate({ paramFault = "", description = "v1" } = {}): string {
  return `${meta("App", ["Message"])}
Parameters:
  EnvironmentName: { Type: String, AllowedValues: [staging, production] }
  Message: { Type: String, Default: one, MaxLength: 20 }
Resources:
  Param:
    Type: AWS::SSM::Parameter${paramFault}
    Properties: { Type: String, Value: !Ref Message, Description: ${description} }
  Group:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 7 }
Outputs:
  ParamName:
    Value: !Ref Param
    Export: { Name: !Sub "\${EnvironmentName}-${names.app}-param" }
`;
}

export const consumerTemplate = () => `${meta("Consumer")}
Resources:
  Copy:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !ImportValue staging-${names.app}-param }
`;

/** Two resources; faults on demand (the sandbox's Metadata.SandboxFault). */
export const pairTemplate = ({ bucketFault = "", value = "one", paramFault = "" } = {}) => `${meta("Pair")}
Resources:
  Bucket:
    Type: AWS::S3::Bucket${bucketFault}
    Properties: { Tags: [{ Key: v, Value: ${value} }] }
  Param:
    Type: AWS::SSM::Parameter${paramFault}
    Properties: { Type: String, Value: ${value} }
`;

/** A NoEcho parameter next to a plain one. */
export const secretTemplate = () => `${meta("Secret", ["Message", "Secret"])}
Parameters:
  Message: { Type: String, Default: one }
  Secret: { Type: String, NoEcho: true, Default: initial-secret }
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Message }
  Hidden:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Secret }
`;

/** `count` parameters created one after the other, each holding Message: an update changes them all, slowly. */
export const chainOfParameters = (count: number) => `${meta("Chain", ["Message"])}
Parameters:
  Message: { Type: String, Default: one }
Resources:
${Array.from({ length: count }, (_, i) => `  P${i}:
    Type: AWS::SSM::Parameter${i ? `\n    DependsOn: P${i - 1}` : ""}
    Properties: { Type: String, Value: !Sub "\${Message}-${i}" }`).join("\n")}
`;

export function writeTemplate(name: string, body: string): void {
  writeFileSync(path.join(TEMPLATE_DIR, `${name}.yaml`), body);
}
