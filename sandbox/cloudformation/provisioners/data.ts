// Data stores and storage: RDS, ElastiCache, S3, SSM parameters and log groups, with their endpoints and ARNs.
import { randomPassword } from "./secrets.ts";
import { arn, generatedName, randomAlphanumeric, randomUUID, seconds, simple, stringProp, type ProvisionContext, type Props, type ResourceProvisioner } from "./types.ts";

const lowerName = (ctx: ProvisionContext, props: Props, property: string, maxLength: number) =>
  (stringProp(props, property) ?? generatedName(ctx, maxLength, 12)).toLowerCase();

function enginePort(engine: string | undefined): number {
  if (!engine) return 3306;
  if (engine.includes("postgres")) return 5432;
  if (engine.includes("sqlserver")) return 1433;
  if (engine.includes("oracle")) return 1521;
  return 3306;
}

function regionCode(region: string): string {
  const [country, direction, number] = region.split("-");
  return `${country}${direction?.[0] ?? ""}${number ?? ""}`;
}

const dbInstance: ResourceProvisioner = {
  durations: { create: seconds(540), update: seconds(300), delete: seconds(300) },
  create(ctx, props) {
    const id = lowerName(ctx, props, "DBInstanceIdentifier", 63);
    const address = `${id}.c${randomAlphanumeric(11).toLowerCase()}.${ctx.region}.rds.amazonaws.com`;
    const port = stringProp(props, "Port") ?? String(enginePort(stringProp(props, "Engine")));
    const attributes: Record<string, unknown> = {
      "Endpoint.Address": address,
      "Endpoint.Port": port,
      "Endpoint.HostedZoneId": "Z2R2ITUGPM61AM",
      DBInstanceArn: arn(ctx, "rds", `db:${id}`),
      DbiResourceId: `db-${randomAlphanumeric(26)}`,
    };
    if (String(props.ManageMasterUserPassword) === "true") {
      // RDS keeps the master user's credentials in a secret it manages: {"username": ..., "password": ...}.
      const name = `rds!db-${randomUUID()}`;
      const secretArn = arn(ctx, "secretsmanager", `secret:${name}-${randomAlphanumeric(6)}`);
      ctx.secrets[secretArn] = { name, value: JSON.stringify({ username: stringProp(props, "MasterUsername") ?? "", password: randomPassword() }) };
      attributes["MasterUserSecret.SecretArn"] = secretArn;
    }
    return { physicalId: id, attributes };
  },
  delete(ctx, current) {
    // RDS DeleteDBInstance refuses a protected instance with InvalidParameterCombination and this message.
    if (String(current.properties.DeletionProtection) === "true") {
      throw new Error("Cannot delete protected DB Instance, please disable deletion protection and try again.");
    }
    const secretArn = current.attributes["MasterUserSecret.SecretArn"];
    if (typeof secretArn === "string") delete ctx.secrets[secretArn];
  },
};

const replicationGroup: ResourceProvisioner = {
  durations: { create: seconds(420), update: seconds(300), delete: seconds(300) },
  create(ctx, props) {
    const id = lowerName(ctx, props, "ReplicationGroupId", 40);
    const host = `${id}.${randomAlphanumeric(6).toLowerCase()}.${regionCode(ctx.region)}.cache.amazonaws.com`;
    const port = stringProp(props, "Port") ?? "6379";
    return {
      physicalId: id,
      attributes: {
        "PrimaryEndPoint.Address": `master.${host}`,
        "PrimaryEndPoint.Port": port,
        "ReaderEndPoint.Address": `replica.${host}`,
        "ReaderEndPoint.Port": port,
        "ConfigurationEndPoint.Address": `clustercfg.${host}`,
        "ConfigurationEndPoint.Port": port,
        "ReadEndPoint.Addresses": `${id}-001.${host}`,
        "ReadEndPoint.Ports": port,
        "ReadEndPoint.Addresses.List": [`${id}-001.${host}`],
        "ReadEndPoint.Ports.List": [port],
      },
    };
  },
};

const bucket = simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (ctx, props) => {
  const name = lowerName(ctx, props, "BucketName", 63);
  return {
    physicalId: name,
    attributes: {
      Arn: `arn:aws:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${ctx.region}.amazonaws.com`,
    },
  };
});

const ssmParameter: ResourceProvisioner = {
  durations: { create: seconds(3), update: seconds(3), delete: seconds(3) },
  create(ctx, props) {
    const name = stringProp(props, "Name") ?? `CFN-${ctx.logicalId}-${randomAlphanumeric(12)}`;
    const value = Array.isArray(props.Value) ? props.Value.join(",") : stringProp(props, "Value") ?? "";
    ctx.ssmParameters[name] = value;
    return { physicalId: name, attributes: { Type: stringProp(props, "Type") ?? "String", Value: value } };
  },
  update(ctx, props, current) {
    const value = stringProp(props, "Value") ?? "";
    ctx.ssmParameters[current.physicalId] = value;
    return { ...current.attributes, Type: stringProp(props, "Type") ?? "String", Value: value };
  },
  delete(ctx, current) {
    delete ctx.ssmParameters[current.physicalId];
  },
};

export const dataProvisioners: Record<string, ResourceProvisioner> = {
  "AWS::RDS::DBInstance": dbInstance,
  "AWS::RDS::DBSubnetGroup": simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (ctx, props) => ({
    physicalId: lowerName(ctx, props, "DBSubnetGroupName", 255),
    attributes: {},
  })),
  "AWS::RDS::DBParameterGroup": simple({ create: seconds(5), update: seconds(10), delete: seconds(5) }, (ctx, props) => {
    const name = lowerName(ctx, props, "DBParameterGroupName", 255);
    return { physicalId: name, attributes: { DBParameterGroupName: name } };
  }),
  "AWS::ElastiCache::ReplicationGroup": replicationGroup,
  "AWS::ElastiCache::SubnetGroup": simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (ctx, props) => ({
    physicalId: lowerName(ctx, props, "CacheSubnetGroupName", 255),
    attributes: {},
  })),
  "AWS::ElastiCache::ParameterGroup": simple({ create: seconds(5), update: seconds(10), delete: seconds(5) }, (ctx, props) => ({
    physicalId: lowerName(ctx, props, "CacheParameterGroupName", 255),
    attributes: {},
  })),
  "AWS::S3::Bucket": bucket,
  "AWS::SSM::Parameter": ssmParameter,
  "AWS::Logs::LogGroup": simple({ create: seconds(2), update: seconds(2), delete: seconds(2) }, (ctx, props) => {
    const name = stringProp(props, "LogGroupName") ?? generatedName(ctx, 512, 12);
    return { physicalId: name, attributes: { Arn: arn(ctx, "logs", `log-group:${name}:*`) } };
  }),
};
