/** Unix seconds as an ISO time, or null (the key lists say when a key was last used). */
export function isoFromUnix(seconds: number | null | undefined): string | null {
  return seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString();
}
