/**
 * The most descriptor text the editor pages send: the API's limit for one entity (PUT, its
 * 512kb body parser). Register files could be larger for the API (its ingest limit), but in the
 * browser they travel through a server action (1 MB by default) and live in an editor: 512 KB
 * keeps both comfortable, and the page says so before anything is sent.
 */
export const MAX_DESCRIPTOR_BYTES = 512 * 1024;

export const tooLarge = (bytes?: number) =>
  `${bytes !== undefined ? `This is ${Math.ceil(bytes / 1024)} KB; ` : ""}a descriptor file may be at most 512 KB. Split it into smaller files.`;
