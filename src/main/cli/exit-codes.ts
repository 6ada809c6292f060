/** The CLI's exit codes: 0 ok, 1 a command failed (e.g. an account failed to sync), 2 bad arguments, 3 the OS keychain is unreachable. */
export const EXIT = { ok: 0, failed: 1, usage: 2, keychain: 3 } as const;
