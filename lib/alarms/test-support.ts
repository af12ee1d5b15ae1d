import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

// Imported FIRST by the alarm tests: the catalog and environment profiles come from this temp directory
// (lib/templates/source-files.ts reads STACKDECK_TEMPLATES_DIR when it loads), with a template that creates alarms.

export const TEMPLATE_DIR = mkdtempSync(path.join(os.tmpdir(), "stackdeck-alarm-templates-"));
process.env.STACKDECK_TEMPLATES_DIR = TEMPLATE_DIR;

export const WATCHED = `w${randomBytes(3).toString("hex")}`;

const profile = (env: string) => `name: ${env}
region: us-east-1
requiresApproval: ${env === "production"}
rollbackMonitoringMinutes: 1
stacks:
  ${WATCHED}:
    parameters: {}
    overridable:
      Message: {}
`;
mkdirSync(path.join(TEMPLATE_DIR, "environments"));
for (const env of ["staging", "production"]) writeFileSync(path.join(TEMPLATE_DIR, "environments", `${env}.yaml`), profile(env));

/**
 * A parameter and `alarms` alarms on the CPU of RDS instances that do not exist, so nothing publishes the metric
 * (INSUFFICIENT_DATA until a test sends data or forces a state): alarm 0 is `cpu` (threshold 90), the rest `a<i>`
 * (threshold 1000). Names start with the stack's name.
 */
export function watchedTemplate({ alarms = 2, message = "one" } = {}): string {
  const alarm = (i: number) => `  ${i ? `Alarm${i}` : "CpuAlarm"}:
    Type: AWS::CloudWatch::Alarm
    Properties: { AlarmName: !Sub "\${AWS::StackName}-${i ? `a${i}` : "cpu"}", Namespace: AWS/RDS, MetricName: CPUUtilization, Statistic: Average,
      Dimensions: [{ Name: DBInstanceIdentifier, Value: !Sub "\${AWS::StackName}-db${i}" }], Period: 60, EvaluationPeriods: 1,
      Threshold: ${i ? 1000 : 90}, ComparisonOperator: GreaterThanThreshold }`;
  return `AWSTemplateFormatVersion: "2010-09-09"
Metadata:
  Stackdeck: { Title: Watched, Description: test template with alarms, Category: data, DependsOn: [], UserParameters: [Message] }
Parameters:
  EnvironmentName: { Type: String, AllowedValues: [staging, production] }
  Message: { Type: String, Default: one, MaxLength: 20 }
Resources:
  Param:
    Type: AWS::SSM::Parameter
    Properties: { Type: String, Value: !Ref Message }
${Array.from({ length: alarms }, (_, i) => alarm(i)).join("\n")}
`;
}

export function writeWatchedTemplate(body = watchedTemplate()): void {
  writeFileSync(path.join(TEMPLATE_DIR, `${WATCHED}.yaml`), body);
}
