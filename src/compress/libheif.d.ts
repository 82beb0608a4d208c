/**
 * The part of libheif-js's ES-module build (libheif compiled to WebAssembly, the .wasm embedded in
 * the module) that ./heicDecoder.ts uses. The package ships typings for the raw C API only.
 */
declare module 'libheif-js/libheif-wasm/libheif-bundle.mjs' {
  export interface HeifImage {
    /** Size after the file's rotation/mirroring (irot, imir) is applied. */
    get_width(): number;
    get_height(): number;
    is_primary(): boolean;
    has_alpha_channel(): boolean;
    /** Decodes into RGBA `target.data`; calls back with `target`, or `null` on failure. */
    display(target: { data: Uint8ClampedArray; width: number; height: number }, done: (result: unknown) => void): void;
    free(): void;
  }

  export interface HeifDecoder {
    /** The heif_context pointer of the last decode. */
    decoder: number | null;
    /** Every top-level image of the file; empty if it could not be parsed. */
    decode(data: Uint8Array): HeifImage[];
  }

  export interface Libheif {
    HeifDecoder: new () => HeifDecoder;
    heif_context_free(context: number): void;
  }

  const createLibheif: (options?: Record<string, unknown>) => Promise<Libheif>;
  export default createLibheif;
}
