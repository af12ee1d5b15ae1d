// Which alarms the bench stacks created, as CloudWatch reports them (ListStackResources for the names, then
// DescribeAlarms 100 at a time), so the seeded alarm rows match what the refresh job would have stored.
import { CloudFormationClient, ListStackResourcesCommand } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DescribeAlarmsCommand } from "@aws-sdk/client-cloudwatch";
import { sandboxClientConfig } from "../../sandbox/testing/client-config.ts";

export interface SandboxAlarm {
  stack: string;
  logicalId: string;
  name: string;
  arn: string | null;
  state: string;
  stateReason: string | null;
  stateUpdatedAt: Date | null;
  namespace: string | null;
  metricName: string | null;
  dimensions: { name: string; value: string }[];
  statistic: string | null;
  period: number | null;
  evaluationPeriods: number | null;
  threshold: number | null;
  comparisonOperator: string | null;
  treatMissingData: string | null;
}

export async function readSandboxAlarms(sandboxUrl: string, stackNames: string[]): Promise<SandboxAlarm[]> {
  const config = sandboxClientConfig(sandboxUrl, { maxAttempts: 5 });
  const cfn = new CloudFormationClient(config);
  const cw = new CloudWatchClient(config);
  try {
    const owners = new Map<string, { stack: string; logicalId: string }>();
    for (const stack of stackNames) {
      let token: string | undefined;
      do {
        const page = await cfn.send(new ListStackResourcesCommand({ StackName: stack, NextToken: token }));
        for (const r of page.StackResourceSummaries ?? []) {
          if (r.ResourceType === "AWS::CloudWatch::Alarm" && r.PhysicalResourceId) owners.set(r.PhysicalResourceId, { stack, logicalId: r.LogicalResourceId! });
        }
        token = page.NextToken;
      } while (token);
    }
    const names = [...owners.keys()];
    const alarms: SandboxAlarm[] = [];
    for (let i = 0; i < names.length; i += 100) {
      const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: names.slice(i, i + 100), MaxRecords: 100 }));
      for (const a of out.MetricAlarms ?? []) {
        alarms.push({
          ...owners.get(a.AlarmName!)!, name: a.AlarmName!, arn: a.AlarmArn ?? null, state: a.StateValue ?? "INSUFFICIENT_DATA", stateReason: a.StateReason ?? null,
          stateUpdatedAt: a.StateTransitionedTimestamp ?? a.StateUpdatedTimestamp ?? null, namespace: a.Namespace ?? null, metricName: a.MetricName ?? null,
          dimensions: (a.Dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" })), statistic: a.Statistic ?? null, period: a.Period ?? null,
          evaluationPeriods: a.EvaluationPeriods ?? null, threshold: a.Threshold ?? null, comparisonOperator: a.ComparisonOperator ?? null, treatMissingData: a.TreatMissingData ?? null,
        });
      }
    }
    return alarms;
  } finally {
    cfn.destroy();
    cw.destroy();
  }
}
