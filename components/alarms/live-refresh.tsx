"use client";

import { useEffect } from "react";
import { useRouter } from "next/navigation";

/**
 * Re-renders the page (router.refresh(), a server round trip that re-reads the alarms table) when the alarm
 * refresh job announces a change in this environment over SSE. At most once a second.
 */
export function AlarmsLiveRefresh({ environment }: { environment: string }) {
  const router = useRouter();
  useEffect(() => {
    const source = new EventSource(`/api/v1/alarms/stream?environment=${encodeURIComponent(environment)}`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    source.addEventListener("alarms", () => {
      timer ??= setTimeout(() => {
        timer = null;
        router.refresh();
      }, 1_000);
    });
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [environment, router]);
  return null;
}
