// Security and identity resources: KMS, IAM, Secrets Manager and ACM, named and identified as AWS does.
import { secretProvisioner } from "./secrets.ts";
import { arn, generatedName, randomAlphanumeric, randomUUID, seconds, simple, stringProp, type ResourceProvisioner } from "./types.ts";

const iamPath = (props: Record<string, unknown>) => stringProp(props, "Path") ?? "/";

export const identityProvisioners: Record<string, ResourceProvisioner> = {
  "AWS::KMS::Key": simple({ create: seconds(10), update: seconds(5), delete: seconds(5) }, (ctx) => {
    const keyId = randomUUID();
    return { physicalId: keyId, attributes: { KeyId: keyId, Arn: arn(ctx, "kms", `key/${keyId}`) } };
  }),
  "AWS::KMS::Alias": simple({ create: seconds(3), update: seconds(3), delete: seconds(3) }, (_ctx, props) => ({
    physicalId: stringProp(props, "AliasName") ?? "alias/unnamed",
    attributes: {},
  })),
  "AWS::IAM::Role": simple({ create: seconds(15), update: seconds(10), delete: seconds(10) }, (ctx, props) => {
    const name = stringProp(props, "RoleName") ?? generatedName(ctx, 64, 12);
    return {
      physicalId: name,
      attributes: { Arn: arn(ctx, "iam", `role${iamPath(props)}${name}`, { global: true }), RoleId: `AROA${randomAlphanumeric(17)}` },
    };
  }),
  "AWS::IAM::Policy": simple({ create: seconds(15), update: seconds(10), delete: seconds(10) }, (ctx) => {
    const id = `${ctx.stackName.slice(0, 5)}-${ctx.logicalId.slice(0, 5)}-${randomAlphanumeric(12)}`;
    return { physicalId: id, attributes: { Id: id } };
  }),
  "AWS::IAM::ManagedPolicy": simple({ create: seconds(10), update: seconds(10), delete: seconds(10) }, (ctx, props) => {
    const name = stringProp(props, "ManagedPolicyName") ?? generatedName(ctx, 128, 12);
    const policyArn = arn(ctx, "iam", `policy${iamPath(props)}${name}`, { global: true });
    return { physicalId: policyArn, attributes: { PolicyArn: policyArn, PolicyId: `ANPA${randomAlphanumeric(17)}` } };
  }),
  "AWS::IAM::OIDCProvider": simple({ create: seconds(5), update: seconds(5), delete: seconds(5) }, (ctx, props) => {
    const url = (stringProp(props, "Url") ?? "https://oidc.example.com").replace(/^https:\/\//, "");
    const providerArn = arn(ctx, "iam", `oidc-provider/${url}`, { global: true });
    return { physicalId: providerArn, attributes: { Arn: providerArn } };
  }),
  "AWS::IAM::InstanceProfile": simple({ create: seconds(120), update: seconds(10), delete: seconds(10) }, (ctx, props) => {
    const name = stringProp(props, "InstanceProfileName") ?? generatedName(ctx, 128, 12);
    return { physicalId: name, attributes: { Arn: arn(ctx, "iam", `instance-profile${iamPath(props)}${name}`, { global: true }) } };
  }),
  "AWS::SecretsManager::Secret": secretProvisioner,
  "AWS::CertificateManager::Certificate": simple({ create: seconds(90), update: seconds(5), delete: seconds(5) }, (ctx) => {
    const certificateArn = arn(ctx, "acm", `certificate/${randomUUID()}`);
    return { physicalId: certificateArn, attributes: { Id: certificateArn } };
  }),
};
