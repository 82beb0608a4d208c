import { spawn, type ChildProcess } from 'node:child_process';
import { findBinary } from './binaries.ts';

export interface Display {
  /** e.g. ":3", for DISPLAY. */
  name: string;
  stop(): Promise<void>;
}

/**
 * A virtual X display for MiniBrowser, which has no headless mode. Xvfb picks a free display
 * number itself and writes it to the pipe given with -displayfd, so parallel runs never clash.
 */
export async function startXvfb(): Promise<Display> {
  const child: ChildProcess = spawn(findBinary('xvfb'), ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  const number = await new Promise<string>((resolve, reject) => {
    let text = '';
    let errors = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within 10 s: ${errors}`)), 10_000);
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.stdio[3]?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes('\n')) {
        clearTimeout(timer);
        resolve(text.trim());
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}: ${errors}`));
    });
  });
  return {
    name: `:${number}`,
    stop: () => stopProcess(child),
  };
}

/** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
export function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
