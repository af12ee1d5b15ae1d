import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

// Imported FIRST by the environment tests: profiles with AWS targets as the dev defaults have them (staging in the
// sandbox's default account, production in 222222222222, each with a console role and a CloudFormation service role)
// and a small template, from a temp directory (lib/templates/source-files.ts reads STACKDECK_TEMPLATES_DIR).

export const TEMPLATE_DIR = mkdtempSync(path.join(os.tmpdir(), "stackdeck-env-templates-"));
process.env.STACKDECK_TEMPLATES_DIR = TEMPLATE_DIR;

export const APP = `e${randomBytes(3).toString("hex")}`;
export const ACCOUNTS = { staging: "000000000000", production: "222222222222" } as const;
export const consoleRole = (env: keyof typeof ACCOUNTS) => `arn:aws:iam::${ACCOUNTS[env]}:role/stackdeck-console`;
export const serviceRole = (env: keyof typeof ACCOUNTS) => `arn:aws:iam::${ACCOUNTS[env]}:role/stackdeck-cloudformation`;

const profile = (env: keyof typeof ACCOUNTS) => `name: ${env}
region: us-east-1
accountId: "${ACCOUNTS[env]}"
roleArn: ${consoleRole(env)}
sessionDurationSeconds: 900
serviceRoleArn: ${serviceRole(env)}
requiresApproval: ${env === "production"}
stacks:
  ${APP}:
    parameters: {}
    overridable:
      Message: {}
`;

mkdirSync(path.join(TEMPLATE_DIR, "environments"));
for (const env of ["staging", "production"] as const) writeFileSync(path.join(TEMPLATE_DIR, "environments", `${env}.yaml`), profile(env));

/** A parameter and a log group: the catalog template `APP`. */
export const appTemplate = (extra = "") => `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Stackdeck: { Title: App, Description: test template, Category: data, DependsOn: [], UserParameters: [Message] }
Parameters:
  EnvironmentName: { Type: String, AllowedValues: [staging, production] }
  Message: { Type: String, Default: one, MaxLength: 20 }
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Message }
  Group:
    Type: AWS::Logs::LogGroup
    Properties: { RetentionInDays: 7 }
${extra}Outputs:
  ParamName:
    Value: !Ref Param
`;
writeFileSync(path.join(TEMPLATE_DIR, `${APP}.yaml`), appTemplate());
