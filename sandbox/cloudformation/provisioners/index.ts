// The provisioner for each resource type; types without a specific one get a generic provisioner whose
// attributes are the ones AWS's resource specification lists for the type.
import { arnTemplate, attributeNames, refIdentifier } from "../spec.ts";
import { dataProvisioners } from "./data.ts";
import { ecsProvisioners } from "./ecs.ts";
import { identityProvisioners } from "./identity.ts";
import { loadBalancingProvisioners } from "./load-balancing.ts";
import { monitoringProvisioners } from "./monitoring.ts";
import { networkProvisioners } from "./network.ts";
import { arn, generatedName, seconds, type ResourceProvisioner } from "./types.ts";

const specific: Record<string, ResourceProvisioner> = {
  ...networkProvisioners,
  ...identityProvisioners,
  ...dataProvisioners,
  ...loadBalancingProvisioners,
  ...ecsProvisioners,
  ...monitoringProvisioners,
};

/**
 * A type without a provisioner of its own: a generated name (or the one the template gives), ARNs in the format the
 * specification documents for the type, and a physical id that is what `Ref` returns per the specification (the
 * ARN for a type such as AWS::SNS::Topic whose Ref is its ARN attribute, else the name).
 */
function genericProvisioner(type: string): ResourceProvisioner {
  const [, service = "custom", kind = "resource"] = type.split("::");
  const [ref, ...more] = refIdentifier(type);
  return {
    durations: { create: seconds(5), update: seconds(5), delete: seconds(5) },
    create(ctx, props) {
      const nameProperty = ref && /Name$/.test(ref) && props[ref] !== undefined ? ref : Object.keys(props).find((p) => p === `${kind}Name`);
      const id = nameProperty ? String(props[nameProperty]) : generatedName(ctx, 64, 12);
      const template = arnTemplate(type);
      const formattedArn = template?.replace(/\$\{(\w+)\}/g, (_all, part: string) => ({ Partition: "aws", Region: ctx.region, Account: ctx.accountId })[part] ?? id);
      const attributes: Record<string, unknown> = {};
      for (const name of attributeNames(type)) {
        if (/Arn$/i.test(name)) attributes[name] = formattedArn ?? arn(ctx, service.toLowerCase(), `${kind.toLowerCase()}/${id}`);
        else if (/(Id|Name)$/.test(name)) attributes[name] = id;
        else attributes[name] = `${id}-${name}`;
      }
      const refIsArn = !!ref && !more.length && /Arn$/.test(ref) && typeof attributes[ref] === "string";
      return { physicalId: refIsArn ? (attributes[ref] as string) : id, attributes };
    },
  };
}

const cache = new Map<string, ResourceProvisioner>();

export function provisionerFor(type: string): ResourceProvisioner {
  const known = specific[type];
  if (known) return known;
  let generic = cache.get(type);
  if (!generic) cache.set(type, (generic = genericProvisioner(type)));
  return generic;
}
