/** One Server-Sent Events message (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
export interface SseMessage {
  event: string; // "message" when the server named none
  data: string;
  id: string | null;
}

/**
 * An incremental SSE parser: feed it chunks as they arrive (a line may be split across chunks) and it returns the
 * messages completed so far. It keeps the last event id, which a reconnect sends back as Last-Event-ID, and the
 * server's `retry:` delay.
 */
export class SseParser {
  lastEventId: string | null = null;
  retryMs: number | null = null;
  private buffer = "";
  private data: string[] = [];
  private event = "";
  private id: string | null = null;
  private sawId = false;

  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const messages: SseMessage[] = [];
    for (;;) {
      const match = /\r\n|\n|\r/.exec(this.buffer);
      // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
      if (!match || (match[0] === "\r" && match.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const message = this.line(line);
      if (message) messages.push(message);
    }
    return messages;
  }

  private line(line: string): SseMessage | null {
    if (line === "") return this.dispatch();
    if (line.startsWith(":")) return null; // a comment (the server's heartbeat)
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id" && !value.includes("\0")) {
      this.id = value;
      this.sawId = true;
    } else if (field === "retry" && /^\d+$/.test(value)) this.retryMs = Number(value);
    return null;
  }

  private dispatch(): SseMessage | null {
    if (this.sawId) this.lastEventId = this.id;
    const message = this.data.length ? { event: this.event || "message", data: this.data.join("\n"), id: this.lastEventId } : null;
    this.data = [];
    this.event = "";
    this.sawId = false;
    return message;
  }
}
