/** `<name>.yaml`, with anything a file name or header should not hold replaced (names are [A-Za-z0-9._-] anyway). */
export function downloadFileName(name: string): string {
  return `${name.replace(/[^A-Za-z0-9._-]/g, "_")}.yaml`;
}
