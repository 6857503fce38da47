import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

/**
 * A time-ordered UUID (RFC 9562 version 7: 48-bit Unix milliseconds, then random bits, with a
 * 12-bit counter in `rand_a` so ids made within one millisecond still ascend). Rows inserted
 * together get neighbouring ids, so every index that starts with the id (the entity's primary key,
 * its relations and search rows) grows at its right edge instead of at random pages; on a large
 * catalog that is the difference between appending and rewriting the index.
 */
export function uuidv7(now = Date.now()): string {
  if (now > lastMs) {
    lastMs = now;
    counter = 0;
  } else if (++counter > 0xfff) {
    // 4096 ids in one millisecond: borrow the next millisecond rather than repeat an id.
    lastMs += 1;
    counter = 0;
  }
  const bytes = randomBytes(16);
  const ms = lastMs;
  bytes[0] = Math.floor(ms / 2 ** 40) & 0xff;
  bytes[1] = Math.floor(ms / 2 ** 32) & 0xff;
  bytes[2] = (ms >>> 24) & 0xff;
  bytes[3] = (ms >>> 16) & 0xff;
  bytes[4] = (ms >>> 8) & 0xff;
  bytes[5] = ms & 0xff;
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
