import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';

export interface ServerProcess {
  child: ChildProcessWithoutNullStreams;
  url: string;
  /** Everything the process wrote so far (pino JSON lines). */
  output(): string;
  /** Resolves with the exit code (or the signal's name) when the process ends. */
  exited: Promise<number | string | null>;
  /** SIGKILLs it if it is still running (cleanup). */
  kill(): void;
}

/**
 * `node server/main.ts` as its own process on 127.0.0.1, port 0, with the
 * given environment; resolves once it logs the port it listens on.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['server/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      SESSION_SECRET: 'x'.repeat(40),
      LOG_LEVEL: 'info',
      WRITES_PER_MINUTE: '100000',
      REGISTRATIONS_PER_HOUR: '100000',
      ...env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<number | string | null>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? signal)),
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no port after 20 s: ${output}`)), 20_000);
    child.stdout.on('data', () => {
      const match = /"port":(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited early (${code}): ${output}`));
    });
  });
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
