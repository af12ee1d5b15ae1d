// The provisioner for each resource type; types without a specific one get a generic provisioner whose
// attributes are the ones AWS's resource specification lists for the type.
import { attributeNames } from "../spec.ts";
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

function genericProvisioner(type: string): ResourceProvisioner {
  const [, service = "custom", kind = "resource"] = type.split("::");
  return {
    durations: { create: seconds(5), update: seconds(5), delete: seconds(5) },
    create(ctx) {
      const id = generatedName(ctx, 64, 12);
      const attributes: Record<string, unknown> = {};
      for (const name of attributeNames(type)) {
        if (/Arn$/i.test(name)) attributes[name] = arn(ctx, service.toLowerCase(), `${kind.toLowerCase()}/${id}`);
        else if (/(Id|Name)$/.test(name)) attributes[name] = id;
        else attributes[name] = `${id}-${name}`;
      }
      return { physicalId: id, attributes };
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
