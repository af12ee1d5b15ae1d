import type { JsonService, QueryService } from "../core/contracts.ts";
import { CLOUDWATCH_QUERY_ERROR_SHAPES } from "../cloudwatch/errors.ts";
import type { DispatchOptions } from "./aws-dispatch.ts";

export interface SandboxServices {
  cloudformation: QueryService;
  cloudwatch: JsonService;
  ecs: JsonService;
}

/** How each service is reached on the wire (see FACTS.md "AWS SDK v3 wire protocols"). */
export function protocolBindings(services: SandboxServices): Omit<DispatchOptions, "shouldThrottle"> {
  return {
    query: {
      name: "cloudformation",
      version: "2010-05-15",
      xmlns: "http://cloudformation.amazonaws.com/doc/2010-05-15/",
      service: services.cloudformation,
    },
    json: [
      {
        name: "cloudwatch",
        targetPrefix: "GraniteServiceVersion20100801",
        contentType: "application/x-amz-json-1.0",
        errorNamespace: "com.amazonaws.cloudwatch",
        queryCompatibleShapes: CLOUDWATCH_QUERY_ERROR_SHAPES,
        service: services.cloudwatch,
      },
      {
        name: "ecs",
        targetPrefix: "AmazonEC2ContainerServiceV20141113",
        contentType: "application/x-amz-json-1.1",
        service: services.ecs,
      },
    ],
  };
}
