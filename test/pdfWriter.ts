/**
 * A tiny PDF writer for tests: pages of Helvetica text lines, full-page JPEG "scans", a form field
 * with its appearance, a document script, a password, no pages at all. Pure (bytes in, bytes out),
 * so browser tests and end-to-end tests in Node make the same files. Just enough of ISO 32000 for
 * pdf.js and the sandbox to read them: a classic xref table, one object per stream.
 */

export interface PdfPageSpec {
  /** In points; A4 (595 × 842) unless given. */
  width?: number;
  height?: number;
  /** Lines of Helvetica, top to bottom. */
  text?: string[];
  /** Drawn over the whole page, as a scanner's PDF does. */
  scan?: { jpeg: Uint8Array; width: number; height: number };
  /** A filled-in text field (a widget annotation with its appearance stream). */
  field?: string;
}

export interface PdfOptions {
  /** A document-level JavaScript run on open by readers that run scripts (pdf.js must not). */
  script?: string;
  /** Needs a user password to open (a Standard security handler whose empty password does not match). */
  encrypted?: boolean;
  /** Bytes of an unreferenced stream, to make a small document as large as a scanned one. */
  padding?: number;
}

const encoder = new TextEncoder();

export function makePdf(pages: PdfPageSpec[], options: PdfOptions = {}): Uint8Array {
  const objects: (string | Uint8Array)[][] = [];
  const add = (...parts: (string | Uint8Array)[]): number => objects.push(parts);
  const stream = (dictionary: string, data: string | Uint8Array): number => {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    return add(`<<${dictionary}/Length ${bytes.length}>>\nstream\n`, bytes, '\nendstream');
  };

  const catalog = add('');
  const pagesObject = add('');
  const font = add('<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>');
  const kids: number[] = [];
  const fields: number[] = [];
  for (const spec of pages) {
    const width = spec.width ?? 595;
    const height = spec.height ?? 842;
    let content = '';
    let xobjects = '';
    if (spec.scan) {
      const image = stream(`/Type/XObject/Subtype/Image/Width ${spec.scan.width}/Height ${spec.scan.height}/ColorSpace/DeviceRGB/BitsPerComponent 8/Filter/DCTDecode`, spec.scan.jpeg);
      xobjects = `/XObject<</Scan ${image} 0 R>>`;
      content += `q ${width} 0 0 ${height} 0 0 cm /Scan Do Q\n`;
    }
    (spec.text ?? []).forEach((line, index) => {
      content += `BT /F1 11 Tf 56 ${height - 72 - index * 16} Td (${escapeText(line)}) Tj ET\n`;
    });
    const contents = stream('', content);
    const annotations: number[] = [];
    const page = add('');
    if (spec.field !== undefined) {
      const appearance = stream(`/Type/XObject/Subtype/Form/BBox[0 0 240 24]/Resources<</Font<</F1 ${font} 0 R>>>>`, `/Tx BMC BT /F1 12 Tf 4 7 Td (${escapeText(spec.field)}) Tj ET EMC`);
      const widget = add(`<</Type/Annot/Subtype/Widget/FT/Tx/T(name)/V(${escapeText(spec.field)})/Rect[56 120 296 144]/P ${page} 0 R/F 4/DA(/F1 12 Tf 0 g)/AP<</N ${appearance} 0 R>>>>`);
      annotations.push(widget);
      fields.push(widget);
    }
    objects[page - 1] = [
      `<</Type/Page/Parent ${pagesObject} 0 R/MediaBox[0 0 ${width} ${height}]/Contents ${contents} 0 R/Resources<</Font<</F1 ${font} 0 R>>${xobjects}>>` +
        (annotations.length ? `/Annots[${annotations.map((n) => `${n} 0 R`).join(' ')}]` : '') +
        '>>',
    ];
    kids.push(page);
  }
  objects[pagesObject - 1] = [`<</Type/Pages/Kids[${kids.map((n) => `${n} 0 R`).join(' ')}]/Count ${kids.length}>>`];
  let extra = '';
  if (fields.length) extra += `/AcroForm<</Fields[${fields.map((n) => `${n} 0 R`).join(' ')}]/DA(/F1 12 Tf 0 g)>>`;
  if (options.script !== undefined) {
    const action = add(`<</Type/Action/S/JavaScript/JS(${escapeText(options.script)})>>`);
    extra += `/OpenAction ${action} 0 R/Names<</JavaScript<</Names[(open) ${action} 0 R]>>>>`;
  }
  objects[catalog - 1] = [`<</Type/Catalog/Pages ${pagesObject} 0 R${extra}>>`];

  if (options.padding) stream('', Uint8Array.from({ length: options.padding }, (_, i) => (i * 7919) % 251));

  let trailerExtra = '';
  if (options.encrypted) {
    // RC4 40-bit, revision 2, with /O and /U that no password (the empty one included) produces:
    // a reader must ask for a password, and nothing in the file is actually readable without it.
    const junk = (seed: number) => `<${Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('')}>`;
    const encrypt = add(`<</Filter/Standard/V 1/R 2/Length 40/P -44/O${junk(11)}/U${junk(97)}>>`);
    trailerExtra = `/Encrypt ${encrypt} 0 R/ID[<00112233445566778899aabbccddeeff><00112233445566778899aabbccddeeff>]`;
  }

  const parts: Uint8Array[] = [encoder.encode('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0]!.length;
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(offset);
    for (const piece of [`${index + 1} 0 obj\n`, ...body, '\nendobj\n']) {
      const bytes = typeof piece === 'string' ? encoder.encode(piece) : piece;
      parts.push(bytes);
      offset += bytes.length;
    }
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  parts.push(encoder.encode(`${xref}trailer\n<</Size ${objects.length + 1}/Root ${catalog} 0 R${trailerExtra}>>\nstartxref\n${offset}\n%%EOF\n`));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function escapeText(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`);
}
