import { getMetricData, type MetricSeries } from "./cloudwatch.ts";
import type { MetricPoint } from "./ecs-types.ts";

// CPU and memory utilisation of one ECS service (AWS/ECS, ClusterName + ServiceName), both in one GetMetricData
// call through the shared CloudWatch adapter.

export interface ServiceUtilisation {
  cpu: MetricPoint[];
  memory: MetricPoint[];
}

export async function getServiceUtilisation(
  region: string,
  input: { cluster: string; service: string; start: Date; end: Date; periodSeconds: number },
): Promise<ServiceUtilisation> {
  const dimensions = [{ name: "ClusterName", value: input.cluster }, { name: "ServiceName", value: input.service }];
  const query = (id: string, metricName: string) => ({ id, namespace: "AWS/ECS", metricName, dimensions, statistic: "Average", period: input.periodSeconds });
  const series = await getMetricData(region, {
    queries: [query("cpu", "CPUUtilization"), query("memory", "MemoryUtilization")],
    start: input.start,
    end: input.end,
  });
  const points = (id: string) => (series.find((s: MetricSeries) => s.id === id)?.points ?? []).map((p) => ({ at: p.t, value: p.v }));
  return { cpu: points("cpu"), memory: points("memory") };
}
