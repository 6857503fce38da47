/**
 * Passes the stream through chunk by chunk, unchanged, and adds a `live` event after the API's
 * `: live` comment (sent once every later change will reach this stream): comments are invisible
 * to EventSource, and a page must know when it can no longer miss a change.
 */
export function announceLive(): TransformStream<Uint8Array, Uint8Array> {
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let partial = "";
  let announced = false;
  return new TransformStream({
    transform(chunk, controller) {
      controller.enqueue(chunk);
      if (announced) return;
      const lines = (partial + decoder.decode(chunk, { stream: true })).split(/\r\n|\r|\n/);
      partial = (lines.pop() ?? "").slice(-64);
      if (lines.includes(": live")) {
        announced = true;
        controller.enqueue(encoder.encode("event: live\ndata: {}\n\n"));
      }
    },
  });
}
