/** Starts `tsx test/harness/main.ts` as its own process and waits for its one "Spendwatch UI:" line. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface HarnessProcess {
  url: string;
  lines: string[];
  /** What it wrote on stderr so far (warnings such as TimeoutOverflowWarning land there). */
  stderr: () => string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export function startHarnessProcess(env: NodeJS.ProcessEnv = {}): Promise<HarnessProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['test/harness/main.ts'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    let buffer = '';
    let stderr = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start: ${stderr}`)), 60_000);
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.on('data', (d) => {
      buffer += d;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      lines.push(...parts);
      const ready = lines.find((l) => l.startsWith('Spendwatch UI: '));
      if (ready) {
        clearTimeout(timer);
        resolve({
          url: ready.slice('Spendwatch UI: '.length),
          lines,
          stderr: () => stderr,
          child,
          stop: () =>
            new Promise((done) => {
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`harness exited (${code}): ${stderr}`)));
  });
}
