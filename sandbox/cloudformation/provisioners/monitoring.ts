// CloudWatch alarms (created through the sandbox's CloudWatch service) and Application Auto Scaling.
import type { PutMetricAlarmInput } from "../../core/contracts.ts";
import { arn, generatedName, randomUUID, seconds, simple, stringProp, type ProvisionContext, type Props, type ResourceProvisioner } from "./types.ts";

const optionalNumber = (value: unknown) => (value === undefined ? undefined : Number(value));
const stringList = (value: unknown) => (Array.isArray(value) ? value.map(String) : undefined);

function alarmInput(name: string, props: Props): PutMetricAlarmInput {
  const dimensions = Array.isArray(props.Dimensions) ? (props.Dimensions as { Name: unknown; Value: unknown }[]) : [];
  return {
    AlarmName: name,
    AlarmDescription: stringProp(props, "AlarmDescription"),
    Namespace: stringProp(props, "Namespace") ?? "",
    MetricName: stringProp(props, "MetricName") ?? "",
    Dimensions: dimensions.map((d) => ({ Name: String(d.Name), Value: String(d.Value) })),
    Statistic: stringProp(props, "Statistic"),
    ExtendedStatistic: stringProp(props, "ExtendedStatistic"),
    Period: Number(props.Period ?? 60),
    EvaluationPeriods: Number(props.EvaluationPeriods ?? 1),
    DatapointsToAlarm: optionalNumber(props.DatapointsToAlarm),
    Threshold: Number(props.Threshold ?? 0),
    ComparisonOperator: stringProp(props, "ComparisonOperator") ?? "GreaterThanThreshold",
    TreatMissingData: stringProp(props, "TreatMissingData"),
    Unit: stringProp(props, "Unit"),
    ActionsEnabled: props.ActionsEnabled === undefined ? undefined : String(props.ActionsEnabled) === "true",
    AlarmActions: stringList(props.AlarmActions),
    OKActions: stringList(props.OKActions),
    InsufficientDataActions: stringList(props.InsufficientDataActions),
    Tags: Array.isArray(props.Tags) ? (props.Tags as { Key: string; Value: string }[]) : undefined,
  };
}

const alarm: ResourceProvisioner = {
  durations: { create: seconds(3), update: seconds(3), delete: seconds(3) },
  create(ctx, props) {
    const name = stringProp(props, "AlarmName") ?? generatedName(ctx, 255, 12);
    const { alarmArn } = ctx.cloudwatch.putMetricAlarm(ctx.region, alarmInput(name, props));
    return { physicalId: name, attributes: { Arn: alarmArn } };
  },
  update(ctx, props, current) {
    const { alarmArn } = ctx.cloudwatch.putMetricAlarm(ctx.region, alarmInput(current.physicalId, props));
    return { Arn: alarmArn };
  },
  delete(ctx, current) {
    ctx.cloudwatch.deleteAlarms(ctx.region, [current.physicalId]);
  },
};

function scalableTargetId(props: Props): string {
  return `${stringProp(props, "ResourceId")}|${stringProp(props, "ScalableDimension")}|${stringProp(props, "ServiceNamespace")}`;
}

function scalingPolicyArn(ctx: ProvisionContext, props: Props): string {
  const [resourceId, , namespace] = (stringProp(props, "ScalingTargetId") ?? scalableTargetId(props)).split("|");
  const name = stringProp(props, "PolicyName") ?? ctx.logicalId;
  return arn(ctx, "autoscaling", `scalingPolicy:${randomUUID()}:resource/${namespace ?? "ecs"}/${resourceId ?? ""}:policyName/${name}`);
}

export const monitoringProvisioners: Record<string, ResourceProvisioner> = {
  "AWS::CloudWatch::Alarm": alarm,
  "AWS::ApplicationAutoScaling::ScalableTarget": simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (_ctx, props) => {
    const id = scalableTargetId(props);
    return { physicalId: id, attributes: { Id: id } };
  }),
  "AWS::ApplicationAutoScaling::ScalingPolicy": simple({ create: seconds(3), update: seconds(3), delete: seconds(3) }, (ctx, props) => {
    const policyArn = scalingPolicyArn(ctx, props);
    return { physicalId: policyArn, attributes: { Arn: policyArn } };
  }),
};
