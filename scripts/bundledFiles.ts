import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';

/**
 * `import weights from './model.bin?base64'`: the file's bytes, as a base64 string, inside the
 * chunk that imports it. For the face model and TensorFlow.js's WebAssembly: as a separate asset,
 * Vite's library build would inline them as `data:` URLs (which a strict `connect-src` refuses to
 * fetch) and a host's bundler would have to find and serve them; inside the lazy chunk they come
 * from wherever the chunk came from, in every build. Vite's own `?inline` does not take these file
 * types.
 */
export function bundledFiles(): Plugin {
  return {
    name: 'markid-bundled-files',
    enforce: 'pre',
    async load(id) {
      const [path, query] = id.split('?');
      if (query !== 'base64' || !path) return null;
      this.addWatchFile(path);
      const bytes = await readFile(path);
      return { code: `export default ${JSON.stringify(bytes.toString('base64'))};`, map: null };
    },
  };
}
