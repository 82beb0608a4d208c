/**
 * The few W3C WebDriver (classic) commands the tests use, over fetch: enough to drive WebKitGTK's
 * WebKitWebDriver without a client library (webdriverio would try to fetch drivers of its own).
 */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export interface ElementRef {
  [ELEMENT]: string;
}

export class WebDriverError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export class WebDriverSession {
  private constructor(
    private readonly base: string,
    readonly id: string,
    readonly capabilities: Record<string, unknown>,
  ) {}

  static async create(base: string, capabilities: Record<string, unknown>): Promise<WebDriverSession> {
    const value = await command<{ sessionId: string; capabilities: Record<string, unknown> }>(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new WebDriverSession(base, value.sessionId, value.capabilities);
  }

  private send<T>(method: string, path: string, body?: unknown): Promise<T> {
    return command<T>(this.base, method, `/session/${this.id}${path}`, body);
  }

  navigate(url: string): Promise<void> {
    return this.send('POST', '/url', { url });
  }

  /** Runs `script` as a function body; `arguments` holds `args`. Elements come back as {@link ElementRef}. */
  execute<T>(script: string, args: unknown[] = []): Promise<T> {
    return this.send('POST', '/execute/sync', { script, args });
  }

  async click(element: ElementRef): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT]}/click`, {});
  }

  async sendKeys(element: ElementRef, text: string): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT]}/value`, { text });
  }

  async clear(element: ElementRef): Promise<void> {
    await this.send('POST', `/element/${element[ELEMENT]}/clear`, {});
  }

  async screenshot(): Promise<Buffer> {
    return Buffer.from(await this.send<string>('GET', '/screenshot'), 'base64');
  }

  async setWindowSize(width: number, height: number): Promise<void> {
    await this.send('POST', '/window/rect', { width, height });
  }

  async setTimeouts(timeouts: { script?: number; pageLoad?: number; implicit?: number }): Promise<void> {
    await this.send('POST', '/timeouts', timeouts);
  }

  async delete(): Promise<void> {
    await this.send('DELETE', '');
  }
}

export function isElementRef(value: unknown): value is ElementRef {
  return typeof value === 'object' && value !== null && ELEMENT in value;
}

/** No command may hang a test forever (a page stuck in a dialog answers nothing). */
const COMMAND_TIMEOUT_MS = Number(process.env.WEBDRIVER_COMMAND_TIMEOUT_MS) || 300_000;

async function command<T>(base: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    signal: AbortSignal.timeout(COMMAND_TIMEOUT_MS),
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const payload = (await response.json()) as { value: T | { error: string; message: string } };
  if (!response.ok) {
    const error = payload.value as { error?: string; message?: string };
    throw new WebDriverError(error.error ?? String(response.status), error.message ?? JSON.stringify(payload));
  }
  return payload.value as T;
}
