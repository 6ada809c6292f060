/** Runs the built `spendwatch` CLI as a real process (async, so an in-process fake server can answer it). */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function ensureCliBuilt(): void {
  if (!existsSync('out/cli/spendwatch.cjs')) {
    const build = spawnSync('node', ['scripts/build-cli.mjs'], { stdio: 'inherit' });
    if (build.status !== 0) throw new Error('CLI build failed');
  }
}

export function runCli(
  args: string[],
  options: { home: string; input?: string; env?: NodeJS.ProcessEnv },
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn('node', ['bin/spendwatch.cjs', ...args], {
      env: { ...process.env, SPENDWATCH_HOME: options.home, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
