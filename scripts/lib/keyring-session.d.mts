export function canStartKeyringSession(): boolean;
export function runInKeyringSession(script: string, args: string[], env?: Record<string, string>): Promise<number>;
