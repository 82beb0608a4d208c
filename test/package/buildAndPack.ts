import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { runOrThrow } from './commands.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The `npm pack` tarball of the freshly built package. */
    tarball: string;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The package project's set-up, once per run: `npm run build` exactly as the README names it, then
 * `npm pack`. A build that fails fails every test of the project with the build's own message.
 */
export default async function buildAndPack(project: TestProject): Promise<void> {
  await runOrThrow('npm', ['run', 'build'], { cwd: root });
  const destination = await mkdtemp(join(tmpdir(), 'markid-pack-'));
  const packed = JSON.parse(await runOrThrow('npm', ['pack', '--json', '--pack-destination', destination], { cwd: root })) as Array<{ filename: string }>;
  project.provide('tarball', join(destination, packed[0]!.filename));
}
