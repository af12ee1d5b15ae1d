// The contracts between the sandbox's parts. The HTTP server (sandbox/server.ts) owns protocols, persistence,
// stats and faults; each service (cloudformation/, cloudwatch/, ecs/) implements ServiceModule. CloudFormation
// provisions alarms and ECS objects through the CloudWatchApi and EcsApi below, exactly as AWS's resource
// handlers call those services, so a stack's alarms and services show up in the other APIs.

export const ACCOUNT_ID = "000000000000";

/** An AWS error as the wire protocols send it (code, message, HTTP status, sender or receiver fault). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    readonly fault: "Sender" | "Receiver" = "Sender",
  ) {
    super(message);
    this.name = code;
  }
}

/**
 * Thrown by a service for an operation it does not implement. The server turns it into the protocol's own error:
 * `InvalidAction` (awsQuery) or `UnknownOperationException` (JSON), both HTTP 400.
 */
export class UnknownOperationError extends Error {
  constructor(readonly operation: string) {
    super(`Unknown operation ${operation}`);
    this.name = "UnknownOperationError";
  }
}

export interface RequestContext {
  region: string;
  accountId: string;
  requestId: string;
  /** Who signed the call (sandbox/sts/sessions.ts); absent for unsigned calls. */
  caller?: { arn: string; userId: string; assumedRole: boolean };
}

/** Simulated time: realistic AWS durations scaled by SANDBOX_SPEED (1 = real time, 0.001 = a thousandth). */
export interface Clock {
  now(): Date;
  readonly speed: number;
  setSpeed(speed: number): void;
  /** Resolves after `realisticMs` of simulated AWS time, i.e. realisticMs * speed of wall time. */
  delay(realisticMs: number): Promise<void>;
}

/** Persisted state: one JSON document per service, saved to the state file (debounced) when marked dirty. */
export interface StateStore {
  /** The service's state, created with `init` the first time; the same object on every call. */
  slice<T>(service: string, init: () => T): T;
  markDirty(): void;
}

export interface ServiceDeps {
  /** The account whose state this service instance keeps (sandbox/accounts.ts); default ACCOUNT_ID. */
  accountId?: string;
  clock: Clock;
  store: StateStore;
  cloudwatch: CloudWatchApi;
  ecs: EcsApi;
}

/** awsQuery services answer with the inner XML of `<XResult>`; the server wraps it in `<XResponse>`. */
export interface QueryService {
  protocol: "query";
  handle(action: string, params: Record<string, string>, ctx: RequestContext): Promise<string>;
}

/** JSON services answer with the response object; timestamps as epoch seconds. */
export interface JsonService {
  protocol: "json";
  handle(operation: string, body: Record<string, unknown>, ctx: RequestContext): Promise<unknown>;
}

export interface Dimension {
  Name: string;
  Value: string;
}

export interface PutMetricAlarmInput {
  AlarmName: string;
  AlarmDescription?: string;
  Namespace: string;
  MetricName: string;
  Dimensions?: Dimension[];
  Statistic?: string;
  ExtendedStatistic?: string;
  Period: number;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  Unit?: string;
  ActionsEnabled?: boolean;
  AlarmActions?: string[];
  OKActions?: string[];
  InsufficientDataActions?: string[];
  Tags?: { Key: string; Value: string }[];
}

export type AlarmStateValue = "OK" | "ALARM" | "INSUFFICIENT_DATA";

/** A metric a simulated resource publishes while it exists (or, for ECS, while its tasks run). */
export interface EmittedMetric {
  Namespace: string;
  MetricName: string;
  Dimensions: Dimension[];
}

export interface CloudWatchApi {
  putMetricAlarm(region: string, input: PutMetricAlarmInput): { alarmArn: string };
  /**
   * A resource starts (true) or stops (false) publishing these metrics, as AWS's services do: datapoints exist only
   * for the minutes in which something published them. Idempotent.
   */
  emitMetrics(region: string, metrics: EmittedMetric[], emitting: boolean): void;
  deleteAlarms(region: string, alarmNames: string[]): void;
  /** By alarm name or ARN; undefined when no such alarm exists. */
  getAlarmState(region: string, nameOrArn: string): AlarmStateValue | undefined;
}

/** Inputs follow the ECS API's request shapes (CreateService, RegisterTaskDefinition, ...). */
export interface EcsApi {
  createCluster(region: string, input: Record<string, unknown>): { clusterArn: string; clusterName: string };
  deleteCluster(region: string, cluster: string): void;
  registerTaskDefinition(region: string, input: Record<string, unknown>): { taskDefinitionArn: string };
  deregisterTaskDefinition(region: string, taskDefinitionArn: string): void;
  createService(region: string, input: Record<string, unknown>): { serviceArn: string; serviceName: string };
  updateService(region: string, input: Record<string, unknown>): { serviceArn: string };
  deleteService(region: string, cluster: string, service: string): void;
}
