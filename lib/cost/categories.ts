// The service a cost line belongs to, for "where does the money go" summaries.
const CATEGORIES: [RegExp, string][] = [
  [/^AWS::RDS::/, "RDS (PostgreSQL)"],
  [/^AWS::ElastiCache::/, "ElastiCache (Redis)"],
  [/^AWS::(ECS|ApplicationAutoScaling)::/, "ECS Fargate"],
  [/^AWS::ElasticLoadBalancingV2::/, "Load balancing"],
  [/^AWS::EC2::/, "Networking (NAT, IPv4, VPC)"],
  [/^AWS::(Logs|CloudWatch)::/, "CloudWatch"],
  [/^AWS::(KMS|SecretsManager|IAM)::/, "Security (KMS, secrets)"],
];

export function serviceCategory(resourceType: string): string {
  return CATEGORIES.find(([pattern]) => pattern.test(resourceType))?.[1] ?? "Other";
}

/** Sums amounts by a key, largest first. */
export function totalsBy<T>(items: T[], key: (item: T) => string, amount: (item: T) => number): { key: string; monthly: number }[] {
  const totals = new Map<string, number>();
  for (const item of items) totals.set(key(item), (totals.get(key(item)) ?? 0) + amount(item));
  return [...totals].map(([k, monthly]) => ({ key: k, monthly })).sort((a, b) => b.monthly - a.monthly);
}
