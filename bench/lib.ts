import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** Clock ticks per second of /proc/<pid>/stat times (getconf CLK_TCK; 100 on Linux). */
const TICK_US = 10_000;

/** utime + stime of a process, in microseconds (0 when it is gone). */
export function cpuUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces; the fields after it are space separated.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_US;
  } catch {
    return 0;
  }
}

/** Resident set size of a process, in bytes. */
export function rssBytes(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

export const median = (values: number[]): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};

export interface Started {
  child: ChildProcess;
  pid: number;
  port: number;
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `node <script>` pinned to `cpu` (taskset execs node, so the pid is
 * node's) and waits for it to print `LISTENING <port>`.
 */
export async function startPinned(
  script: string,
  env: Record<string, string>,
  cpu: number,
  nodeArgs: string[] = [],
): Promise<Started> {
  const child = spawn('taskset', ['-c', String(cpu), process.execPath, ...nodeArgs, script], {
    env: { ...withoutDatabase(process.env), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script}: no port in 60 s\n${output}`)),
      60_000,
    );
    const check = () => {
      // Our bench servers print LISTENING <port>; server/main.ts logs "port":<port>.
      const match = /LISTENING (\d+)|"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1] ?? match[2]));
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code})\n${output}`));
    });
  });
  return {
    child,
    pid: child.pid as number,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}

/** Runs a child to completion, pinned, with `input` on stdin; resolves with its stdout. */
export function runPinned(
  command: string,
  args: string[],
  cpu: number,
  options: { input?: string; env?: Record<string, string>; onSpawn?: (pid: number) => void } = {},
): Promise<{ stdout: string; stderr: string; code: number | null; pid: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn('taskset', ['-c', String(cpu), command, ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ stdout, stderr, code, pid: child.pid as number }));
    if (child.pid) options.onSpawn?.(child.pid);
    child.stdin.end(options.input ?? '');
  });
}

/** The bench's own environment, less what would point a server at another database or Redis. */
function withoutDatabase(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...rest } = env;
  return rest;
}
