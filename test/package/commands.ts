import { spawn, type ChildProcess } from 'node:child_process';

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

export interface Finished {
  code: number | null;
  stdout: string;
  /** stdout and stderr interleaved, for failure messages. */
  output: string;
}

/** Runs `npm ARGS` (or another command) to its end. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command === 'npm' ? NPM : command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, output }));
  });
}

/** Like {@link run}, but a non-zero exit is an error that carries the command's last lines; resolves to its stdout. */
export async function runOrThrow(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const { code, stdout, output } = await run(command, args, options);
  if (code !== 0) throw new Error(`\`${command} ${args.join(' ')}\` exited with ${code}:\n${output.split('\n').slice(-40).join('\n')}`);
  return stdout;
}

export interface Started {
  /** The first match of `ready`'s first group, e.g. the URL the server printed. */
  found: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts a long-running command as a newcomer would (`npm run serve`) and resolves once its output
 * matches `ready`; it fails with the output if the command exits or stays silent for `timeoutMs`.
 */
export function start(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; ready: RegExp; timeoutMs?: number }): Promise<Started> {
  // Its own process group, so that stopping `npm run x` also stops the node process npm started.
  // No colours: under CI=true Vite paints its URL's port bold, which no pattern should have to know.
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  delete env.FORCE_COLOR;
  const child: ChildProcess = spawn(command === 'npm' ? NPM : command, args, { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('close', () => resolve());
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop().then(() => reject(new Error(`\`${command} ${args.join(' ')}\` ${why}:\n${output}`)));
    };
    const timer = setTimeout(() => fail(`printed nothing matching ${options.ready} within ${options.timeoutMs ?? 60_000} ms`), options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString().replace(ANSI, '');
      const match = options.ready.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ found: match[1] ?? match[0], output: () => output, stop });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
}
