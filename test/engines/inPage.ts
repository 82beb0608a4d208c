import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * What runs inside the page for every engine alike: Testing Library's role and label queries
 * (the accessible-name rules the Playwright tests rely on) and axe-core, both from node_modules.
 */
const require = createRequire(import.meta.url);
const testingLibrary = readFileSync(require.resolve('@testing-library/dom/dist/@testing-library/dom.umd.min.js'), 'utf8');
const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** A text match: a string is exact (Testing Library's rule), a RegExp matches anywhere. */
export type TextMatch = string | RegExp;

export type Query =
  | { role: string; name?: TextMatch; level?: number }
  | { label: TextMatch }
  | { text: TextMatch }
  | { css: string };

type WireMatch = string | { regex: string; flags: string };
const wire = (match: TextMatch | undefined): WireMatch | undefined =>
  match instanceof RegExp ? { regex: match.source, flags: match.flags } : match;

/** The query as plain JSON, for the page. */
export function wireQuery(query: Query): Record<string, unknown> {
  if ('role' in query) return { role: query.role, name: wire(query.name), level: query.level };
  if ('label' in query) return { label: wire(query.label) };
  if ('text' in query) return { text: wire(query.text) };
  return { css: query.css };
}

export function describeQuery(query: Query): string {
  if ('role' in query) return `role ${query.role}${query.name === undefined ? '' : ` named ${String(query.name)}`}${query.level ? ` level ${query.level}` : ''}`;
  if ('label' in query) return `label ${String(query.label)}`;
  if ('text' in query) return `text ${String(query.text)}`;
  return `css ${query.css}`;
}

/**
 * A function body: `arguments[0]` is a wired query; returns the matching elements. Loads Testing
 * Library into the page on first use (after each navigation). Runs as automation script, so the
 * page's CSP does not apply.
 */
export const QUERY_ALL = `
  if (!window.TestingLibraryDom) { (function () { ${testingLibrary}\n }).call(window); }
  const TL = window.TestingLibraryDom;
  const q = arguments[0];
  const m = (v) => (v && typeof v === 'object' ? new RegExp(v.regex, v.flags) : v);
  if (q.role) return TL.queryAllByRole(document.body, q.role, q.level ? { name: m(q.name), level: q.level } : { name: m(q.name) });
  if (q.label) return TL.queryAllByLabelText(document.body, m(q.label));
  if (q.text) return TL.queryAllByText(document.body, m(q.text));
  return Array.from(document.querySelectorAll(q.css));
`;

/** A function body returning a promise of axe violations as "rule: targets" lines. */
export const AXE_VIOLATIONS = `
  if (!window.axe) { (function () { ${axe}\n }).call(window); }
  return window.axe.run(document, { resultTypes: ['violations'] }).then((result) =>
    result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => JSON.stringify(n.target)).join(', ')));
`;

/** What the page fetched, as Resource Timing saw it (the page's own requests; a worker's are not listed). */
export const RESOURCE_URLS = `return performance.getEntriesByType('resource').map((entry) => entry.name);`;

/**
 * For an engine whose driver reports no console (WebKit's classic WebDriver): records console
 * warnings, errors and uncaught errors in the page, from when it runs.
 */
export const CONSOLE_SHIM = `
  if (window.__engineConsole) return;
  const lines = (window.__engineConsole = []);
  const text = (args) => args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');
  for (const type of ['log', 'info', 'warn', 'error']) {
    const original = console[type].bind(console);
    console[type] = (...args) => {
      lines.push(type + ': ' + text(args));
      original(...args);
    };
  }
  addEventListener('error', (event) => lines.push('pageerror: ' + event.message));
  addEventListener('unhandledrejection', (event) => lines.push('pageerror: ' + String(event.reason && event.reason.message || event.reason)));
`;

export const CONSOLE_READ = `return (window.__engineConsole || []).slice();`;
