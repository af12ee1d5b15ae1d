import { describeAlarmsByName, putMetricData, type CloudWatchAlarm, type MetricDatum } from "../aws/cloudwatch.ts";

// The demo's traffic: the staging load balancer reports the backend's 5xx answers, as an ALB publishes
// HTTPCode_Target_5XX_Count once a minute. Three hours of history (a stray error now and then, then a burst over
// the last twenty minutes), then one point a minute for as long as npm run dev runs, so the alarm on it evaluates
// into ALARM by itself and stays there, with a graph that shows why. Points go out a couple of minutes before
// their time (CloudWatch accepts timestamps up to two hours ahead), so no evaluation ever finds a period empty
// just because the minute's point was not sent yet.

const MINUTE = 60_000;
const HISTORY_MINUTES = 180;
const BURST_MINUTES = 20;
const LEAD_MINUTES = 2;

/** Errors in one minute: quiet before the burst, then 25-45 a minute (the alarm fires above 10 in 5 minutes). */
export function errorsAt(minute: number, burstStart: number): number {
  const wobble = (Math.sin(minute / 7) + 1) / 2; // 0..1, smooth and the same for the same minute
  if (minute >= burstStart) return Math.round(25 + 20 * wobble);
  return minute % 9 === 0 ? 1 + Math.round(wobble) : 0;
}

export async function findDemoAlarm(region: string, name: string): Promise<CloudWatchAlarm> {
  const { alarms } = await describeAlarmsByName(region, [name]);
  const alarm = alarms[0];
  if (!alarm?.namespace || !alarm.metricName) throw new Error(`the demo alarm ${name} does not exist in CloudWatch`);
  return alarm;
}

export class ErrorTraffic {
  /** The next minute (epoch minutes) without a published point. */
  private next: number;
  private readonly burstStart: number;

  constructor(
    private readonly region: string,
    private readonly alarm: CloudWatchAlarm,
    now = Date.now(),
  ) {
    const minute = Math.floor(now / MINUTE);
    this.next = minute;
    this.burstStart = minute - BURST_MINUTES;
  }

  /** The last three hours up to now (the seed calls this once). */
  async publishHistory(now = Date.now()): Promise<void> {
    this.next = Math.floor(now / MINUTE) - HISTORY_MINUTES;
    await this.publishUntil(now);
  }

  /** Every point up to LEAD_MINUTES ahead of `now` that is not out yet. */
  async publishUntil(now = Date.now()): Promise<number> {
    const last = Math.floor(now / MINUTE) + LEAD_MINUTES;
    const data: MetricDatum[] = [];
    for (let minute = this.next; minute <= last; minute++) {
      data.push({ metricName: this.alarm.metricName!, dimensions: this.alarm.dimensions, timestamp: new Date(minute * MINUTE), value: errorsAt(minute, this.burstStart), unit: "Count" });
    }
    if (data.length) await putMetricData(this.region, { namespace: this.alarm.namespace!, data });
    this.next = last + 1;
    return data.length;
  }

  /** Keeps publishing until `signal` aborts; a failed call is logged and retried on the next round. */
  async run(signal: AbortSignal, log: (line: string) => void): Promise<void> {
    while (!signal.aborted) {
      await this.publishUntil().catch((error) => log(`could not publish the demo's 5xx count: ${(error as Error).message}`));
      await new Promise((r) => setTimeout(r, 20_000));
    }
  }
}
