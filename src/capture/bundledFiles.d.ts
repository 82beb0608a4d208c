/** A file's bytes as base64, bundled by scripts/bundledFiles.ts. */
declare module '*?base64' {
  const base64: string;
  export default base64;
}
