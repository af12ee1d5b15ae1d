import { freeLine } from "../lines.ts";
import type { Pricer } from "./context.ts";

/** Resource types AWS does not bill for by themselves. The value is a note shown on the $0 line when the free
 * resource drives a cost that is priced (or deliberately not priced) elsewhere. */
const FREE_TYPES: Record<string, string | null> = {
  "AWS::EC2::VPC": null,
  "AWS::EC2::Subnet": null,
  "AWS::EC2::InternetGateway": null,
  "AWS::EC2::VPCGatewayAttachment": null,
  "AWS::EC2::RouteTable": null,
  "AWS::EC2::Route": null,
  "AWS::EC2::SubnetRouteTableAssociation": null,
  "AWS::EC2::NetworkAcl": null,
  "AWS::EC2::NetworkAclEntry": null,
  "AWS::EC2::SubnetNetworkAclAssociation": null,
  "AWS::EC2::SecurityGroup": null,
  "AWS::EC2::SecurityGroupIngress": null,
  "AWS::EC2::SecurityGroupEgress": null,
  "AWS::EC2::FlowLog": "the flow log's data is priced on the log group it writes to",
  "AWS::IAM::Role": null,
  "AWS::IAM::Policy": null,
  "AWS::IAM::ManagedPolicy": null,
  "AWS::IAM::InstanceProfile": null,
  "AWS::IAM::OIDCProvider": null,
  "AWS::ElasticLoadBalancingV2::TargetGroup": null,
  "AWS::ElasticLoadBalancingV2::Listener": null,
  "AWS::ElasticLoadBalancingV2::ListenerRule": null,
  "AWS::ElasticLoadBalancingV2::ListenerCertificate": null,
  "AWS::ECS::TaskDefinition": "priced through the ECS services that run it",
  "AWS::ECS::ClusterCapacityProviderAssociations": null,
  "AWS::ApplicationAutoScaling::ScalableTarget": "scaling above the desired count is not estimated",
  "AWS::ApplicationAutoScaling::ScalingPolicy": null,
  "AWS::RDS::DBSubnetGroup": null,
  "AWS::RDS::DBParameterGroup": null,
  "AWS::ElastiCache::SubnetGroup": null,
  "AWS::ElastiCache::ParameterGroup": null,
  "AWS::KMS::Alias": null,
  "AWS::SecretsManager::SecretTargetAttachment": null,
  "AWS::SecretsManager::RotationSchedule": "rotation Lambda invocations are not estimated",
  "AWS::CertificateManager::Certificate": "public ACM certificates are free",
  "AWS::Logs::SubscriptionFilter": null,
  "AWS::Logs::MetricFilter": null,
  "AWS::CloudFormation::WaitConditionHandle": null,
};

export function isFreeType(type: string): boolean {
  return type in FREE_TYPES;
}

export const priceFree: Pricer = (resource) => [
  freeLine(resource, "No charge for this resource", FREE_TYPES[resource.type] ?? undefined),
];

/** AWS::ECS::Cluster is free; Container Insights, when on, bills CloudWatch custom metrics we do not estimate. */
export const priceEcsCluster: Pricer = (resource) => {
  const settings = Array.isArray(resource.properties.ClusterSettings) ? resource.properties.ClusterSettings : [];
  const insights = settings.some((s) => {
    const setting = s as Record<string, unknown>;
    return setting?.Name === "containerInsights" && (setting.Value === "enabled" || setting.Value === "enhanced");
  });
  return [
    freeLine(
      resource,
      "No charge for the cluster",
      insights ? "Container Insights metrics are billed as CloudWatch custom metrics and are not estimated" : undefined,
    ),
  ];
};
