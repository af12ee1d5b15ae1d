import type { JsonService, QueryService } from "../core/contracts.ts";
import { CLOUDWATCH_QUERY_ERROR_SHAPES } from "../cloudwatch/errors.ts";
import type { DispatchOptions } from "./aws-dispatch.ts";

export interface SandboxServices {
  cloudformation: QueryService;
  cloudwatch: JsonService;
  ecs: JsonService;
}

export interface SandboxAccounts {
  /** The services of one account (created on first use). */
  servicesFor(accountId: string): SandboxServices;
  sts: QueryService;
  identify: DispatchOptions["identify"];
}

/** How each service is reached on the wire (see FACTS.md "AWS SDK v3 wire protocols"). */
export function protocolBindings(accounts: SandboxAccounts): Omit<DispatchOptions, "shouldThrottle"> {
  return {
    identify: accounts.identify,
    query: [
      {
        name: "cloudformation",
        version: "2010-05-15",
        xmlns: "http://cloudformation.amazonaws.com/doc/2010-05-15/",
        service: (accountId) => accounts.servicesFor(accountId).cloudformation,
      },
      {
        name: "sts",
        version: "2011-06-15",
        xmlns: "https://sts.amazonaws.com/doc/2011-06-15/",
        service: () => accounts.sts,
      },
    ],
    json: [
      {
        name: "cloudwatch",
        targetPrefix: "GraniteServiceVersion20100801",
        contentType: "application/x-amz-json-1.0",
        errorNamespace: "com.amazonaws.cloudwatch",
        queryCompatibleShapes: CLOUDWATCH_QUERY_ERROR_SHAPES,
        service: (accountId) => accounts.servicesFor(accountId).cloudwatch,
      },
      {
        name: "ecs",
        targetPrefix: "AmazonEC2ContainerServiceV20141113",
        contentType: "application/x-amz-json-1.1",
        service: (accountId) => accounts.servicesFor(accountId).ecs,
      },
    ],
  };
}
