/** The API's limit on a descriptor body (its body parser's 512kb). */
export const MAX_DESCRIPTOR_BYTES = 512 * 1024;

export const tooLarge = (bytes?: number) =>
  `${bytes !== undefined ? `This is ${Math.ceil(bytes / 1024)} KB; ` : ""}a descriptor file may be at most 512 KB. Split it into smaller files.`;
