// EC2 networking resources: ids in AWS's formats (vpc-0abc..., 17 hex digits) and their GetAtt attributes.
import { randomHex, seconds, simple, stringProp, type ResourceProvisioner } from "./types.ts";

const ec2Id = (prefix: string) => `${prefix}-0${randomHex(16)}`;
const quick = { create: seconds(5), update: seconds(5), delete: seconds(5) };

/** us-east-1 -> use1, as in zone ids like use1-az1. */
function zoneIdPrefix(region: string): string {
  const [country, direction, number] = region.split("-");
  return `${country}${direction?.[0] ?? ""}${number ?? ""}`;
}

function publicIp(): string {
  const bytes = randomHex(6).match(/../g)!.map((h) => parseInt(h, 16));
  return `3.${bytes[0]}.${bytes[1]}.${(bytes[2] % 254) + 1}`;
}

export const networkProvisioners: Record<string, ResourceProvisioner> = {
  "AWS::EC2::VPC": simple({ create: seconds(15), update: seconds(10), delete: seconds(10) }, (_ctx, props) => {
    const id = ec2Id("vpc");
    return {
      physicalId: id,
      attributes: {
        VpcId: id,
        CidrBlock: stringProp(props, "CidrBlock") ?? "10.0.0.0/16",
        CidrBlockAssociations: [`vpc-cidr-assoc-0${randomHex(16)}`],
        DefaultNetworkAcl: ec2Id("acl"),
        DefaultSecurityGroup: ec2Id("sg"),
        Ipv6CidrBlocks: [],
      },
    };
  }),
  "AWS::EC2::Subnet": simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (ctx, props) => {
    const id = ec2Id("subnet");
    const zone = stringProp(props, "AvailabilityZone") ?? `${ctx.region}a`;
    return {
      physicalId: id,
      attributes: {
        SubnetId: id,
        AvailabilityZone: zone,
        AvailabilityZoneId: `${zoneIdPrefix(ctx.region)}-az${"abcdef".indexOf(zone.slice(-1)) + 1}`,
        CidrBlock: stringProp(props, "CidrBlock") ?? "",
        Ipv6CidrBlocks: [],
        NetworkAclAssociationId: ec2Id("aclassoc"),
        OutpostArn: "",
        VpcId: stringProp(props, "VpcId") ?? "",
      },
    };
  }),
  "AWS::EC2::RouteTable": simple(quick, () => {
    const id = ec2Id("rtb");
    return { physicalId: id, attributes: { RouteTableId: id } };
  }),
  "AWS::EC2::Route": simple({ create: seconds(3), update: seconds(3), delete: seconds(3) }, (_ctx, props) => {
    const destination = stringProp(props, "DestinationCidrBlock") ?? stringProp(props, "DestinationIpv6CidrBlock") ?? "0.0.0.0/0";
    return { physicalId: `${stringProp(props, "RouteTableId")}|${destination}`, attributes: { CidrBlock: destination } };
  }),
  "AWS::EC2::SubnetRouteTableAssociation": simple(quick, () => {
    const id = ec2Id("rtbassoc");
    return { physicalId: id, attributes: { Id: id } };
  }),
  "AWS::EC2::InternetGateway": simple(quick, () => {
    const id = ec2Id("igw");
    return { physicalId: id, attributes: { InternetGatewayId: id } };
  }),
  "AWS::EC2::VPCGatewayAttachment": simple({ create: seconds(15), update: seconds(15), delete: seconds(15) }, (_ctx, props) => ({
    physicalId: `IGW|${stringProp(props, "VpcId")}`,
    attributes: {},
  })),
  "AWS::EC2::NatGateway": simple({ create: seconds(110), update: seconds(10), delete: seconds(60) }, () => {
    const id = ec2Id("nat");
    return { physicalId: id, attributes: { NatGatewayId: id } };
  }),
  "AWS::EC2::EIP": simple(quick, () => {
    const ip = publicIp();
    return { physicalId: ip, attributes: { AllocationId: `eipalloc-0${randomHex(16)}`, PublicIp: ip } };
  }),
  "AWS::EC2::VPCEndpoint": simple({ create: seconds(60), update: seconds(30), delete: seconds(60) }, () => {
    const id = ec2Id("vpce");
    return { physicalId: id, attributes: { Id: id, CreationTimestamp: new Date().toISOString(), DnsEntries: [], NetworkInterfaceIds: [] } };
  }),
  "AWS::EC2::FlowLog": simple(quick, () => {
    const id = ec2Id("fl");
    return { physicalId: id, attributes: { Id: id } };
  }),
  "AWS::EC2::SecurityGroup": simple(quick, (_ctx, props) => {
    const id = ec2Id("sg");
    return { physicalId: id, attributes: { GroupId: id, VpcId: stringProp(props, "VpcId") ?? "" } };
  }),
  "AWS::EC2::SecurityGroupIngress": simple({ create: seconds(3), update: seconds(3), delete: seconds(3) }, () => {
    const id = ec2Id("sgr");
    return { physicalId: id, attributes: { Id: id } };
  }),
  "AWS::EC2::SecurityGroupEgress": simple({ create: seconds(3), update: seconds(3), delete: seconds(3) }, () => {
    const id = ec2Id("sgr");
    return { physicalId: id, attributes: { Id: id } };
  }),
};
