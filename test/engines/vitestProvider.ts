import { defineBrowserProvider } from '@vitest/browser';
import type { BrowserProvider, TestProject } from 'vitest/node';
import { requireEngine } from './binaries.ts';
import { launchEngine, type Engine, type EngineName, type EnginePage } from './driver.ts';

/**
 * Vitest browser mode in WebKit and Firefox through test/engines/driver.ts: Vitest serves the
 * test page and talks to it over its own WebSocket, so a provider only has to open that page.
 * No provider commands (userEvent, page.screenshot…): the suites run here use none.
 */
export function engines() {
  return defineBrowserProvider({
    name: 'engines',
    supportedBrowser: ['webkit', 'firefox'],
    options: {},
    providerFactory: (project: TestProject) => new EngineProvider(project.config.browser.name as EngineName),
  });
}

class EngineProvider implements BrowserProvider {
  readonly name = 'engines';
  readonly supportsParallelism = false;
  private engine: Promise<Engine> | undefined;
  private readonly pages = new Map<string, EnginePage>();

  constructor(private readonly engineName: EngineName) {
    requireEngine(engineName);
  }

  getCommandsContext(): Record<string, unknown> {
    return {};
  }

  async openPage(sessionId: string, url: string): Promise<void> {
    this.engine ??= launchEngine(this.engineName);
    const engine = await this.engine;
    await this.pages.get(sessionId)?.close();
    const page = await engine.newPage({ viewport: { width: 1280, height: 800 } });
    this.pages.set(sessionId, page);
    await page.goto(url);
  }

  async close(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    for (const page of this.pages.values()) await page.close().catch(() => undefined);
    this.pages.clear();
    await (await engine)?.close();
  }
}
