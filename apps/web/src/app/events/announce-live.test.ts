import { describe, expect, it } from "vitest";
import { announceLive } from "./announce-live";

async function run(chunks: string[]): Promise<string> {
  const encoder = new TextEncoder();
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(encoder.encode(c));
      controller.close();
    },
  });
  return new Response(source.pipeThrough(announceLive())).text();
}

describe("announceLive", () => {
  it("passes events through and adds one live event after the API's live comment", async () => {
    const out = await run(["retry: 3000\n: connected\n\n", ": live\n\n", "event: change\nid: 1\ndata: {}\n\n", ": live\n\n"]);
    expect(out).toBe("retry: 3000\n: connected\n\n: live\n\nevent: live\ndata: {}\n\nevent: change\nid: 1\ndata: {}\n\n: live\n\n");
  });

  it("finds the comment when it is split across chunks", async () => {
    const out = await run([": connected\n\n: li", "ve\n\n"]);
    expect(out.endsWith("event: live\ndata: {}\n\n")).toBe(true);
  });

  it("adds nothing to a stream that never goes live", async () => {
    expect(await run(["retry: 5000\n: not now\n\n"])).toBe("retry: 5000\n: not now\n\n");
  });
});
