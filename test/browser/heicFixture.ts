/**
 * Builds a real HEIC file (ISO-BMFF `heic` brand, one `hvc1` item coded in HEVC Main profile) from
 * RGBA pixels, so tests and the bench need no binary fixture and no encoder package (libheif-js
 * ships decoders only, Chromium has no HEIC encoder).
 *
 * The HEVC stream is a single IDR picture whose every 16×16 coding unit is sent as I_PCM: the
 * samples are written raw, so the encoder needs no transform or prediction, only the few CABAC bins
 * around each PCM block. It is a conforming stream that any HEVC decoder (libde265 in libheif-js,
 * Apple's, ffmpeg) reads back bit-exact, with the orientation carried by an `irot` property as
 * cameras do. What it is not is small: PCM is 1.5 bytes a pixel, about 5× a camera's HEIC.
 *
 * Reference: ITU-T H.265 (v4) §7.3 syntax, §9.3 CABAC; ISO/IEC 23008-12 (HEIF) and 14496-15 (hvcC).
 */

export interface HeicOptions {
  /** Counter-clockwise rotation a reader must apply (`irot`), in quarter turns. */
  quarterTurns?: 0 | 1 | 2 | 3;
}

/** CTB = minimum CU = PCM block: no split flags and one `part_mode` bin per CU. */
const LOG2_CU = 4;
const CU = 1 << LOG2_CU;

export function encodeHeic(rgba: Uint8ClampedArray | Uint8Array, width: number, height: number, options: HeicOptions = {}): Uint8Array<ArrayBuffer> {
  if (width < 1 || height < 1 || rgba.length !== width * height * 4) throw new RangeError('rgba must hold width × height pixels');
  // 4:2:0 crop offsets count pairs of pixels.
  if (width % 2 || height % 2) throw new RangeError('width and height must be even');
  const codedWidth = Math.ceil(width / CU) * CU;
  const codedHeight = Math.ceil(height / CU) * CU;
  const planes = toYCbCr420(rgba, width, height, codedWidth, codedHeight);
  const level = levelFor(codedWidth * codedHeight);
  const vps = nal(32, videoParameterSet(level));
  const sps = nal(33, sequenceParameterSet(level, width, height, codedWidth, codedHeight));
  const pps = nal(34, pictureParameterSet());
  const slice = nal(19, sliceSegment(planes, codedWidth, codedHeight));
  return container({ vps, sps, pps, slice, width, height, level, quarterTurns: options.quarterTurns ?? 0 });
}

// ---------------------------------------------------------------------------------------------
// Pixels: full-range BT.601 Y'CbCr 4:2:0, padded to whole coding units by repeating the edge.

interface Planes {
  y: Uint8Array;
  cb: Uint8Array;
  cr: Uint8Array;
}

function toYCbCr420(rgba: ArrayLike<number>, width: number, height: number, cw: number, ch: number): Planes {
  const y = new Uint8Array(cw * ch);
  const cb = new Uint8Array((cw / 2) * (ch / 2));
  const cr = new Uint8Array((cw / 2) * (ch / 2));
  const at = (x: number, row: number): number => (Math.min(row, height - 1) * width + Math.min(x, width - 1)) * 4;
  for (let row = 0; row < ch; row++) {
    for (let x = 0; x < cw; x++) {
      const i = at(x, row);
      y[row * cw + x] = clamp8(0.299 * rgba[i]! + 0.587 * rgba[i + 1]! + 0.114 * rgba[i + 2]!);
    }
  }
  for (let row = 0; row < ch / 2; row++) {
    for (let x = 0; x < cw / 2; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const i = at(2 * x + dx, 2 * row + dy);
        r += rgba[i]!;
        g += rgba[i + 1]!;
        b += rgba[i + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      cb[row * (cw / 2) + x] = clamp8(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
      cr[row * (cw / 2) + x] = clamp8(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
    }
  }
  return { y, cb, cr };
}

function clamp8(value: number): number {
  return Math.max(0, Math.min(255, Math.round(value)));
}

/** general_level_idc (×30) by luma picture size, H.265 Table A.8. */
function levelFor(lumaSamples: number): number {
  if (lumaSamples <= 2_228_224) return 120; // 4
  if (lumaSamples <= 8_912_896) return 153; // 5.1
  return 186; // 6.2: up to 35,651,584 luma samples
}

// ---------------------------------------------------------------------------------------------
// Parameter sets.

function profileTierLevel(w: BitWriter, level: number): void {
  w.u(0, 2); // general_profile_space
  w.u(0, 1); // general_tier_flag: Main tier
  w.u(1, 5); // general_profile_idc: Main
  for (let j = 0; j < 32; j++) w.u(j === 1 || j === 2 ? 1 : 0, 1); // compatible with Main and Main 10
  w.u(1, 1); // general_progressive_source_flag
  w.u(0, 1); // general_interlaced_source_flag
  w.u(0, 1); // general_non_packed_constraint_flag
  w.u(1, 1); // general_frame_only_constraint_flag
  w.u(0, 32); // 43 reserved bits + general_inbld_flag/reserved
  w.u(0, 12);
  w.u(level, 8);
}

function videoParameterSet(level: number): Uint8Array {
  const w = new BitWriter();
  w.u(0, 4); // vps_video_parameter_set_id
  w.u(3, 2); // vps_base_layer_internal_flag, vps_base_layer_available_flag
  w.u(0, 6); // vps_max_layers_minus1
  w.u(0, 3); // vps_max_sub_layers_minus1
  w.u(1, 1); // vps_temporal_id_nesting_flag
  w.u(0xffff, 16);
  profileTierLevel(w, level);
  w.u(1, 1); // vps_sub_layer_ordering_info_present_flag
  w.ue(0); // vps_max_dec_pic_buffering_minus1
  w.ue(0); // vps_max_num_reorder_pics
  w.ue(0); // vps_max_latency_increase_plus1
  w.u(0, 6); // vps_max_layer_id
  w.ue(0); // vps_num_layer_sets_minus1
  w.u(0, 1); // vps_timing_info_present_flag
  w.u(0, 1); // vps_extension_flag
  return w.trailing();
}

function sequenceParameterSet(level: number, width: number, height: number, cw: number, ch: number): Uint8Array {
  const w = new BitWriter();
  w.u(0, 4); // sps_video_parameter_set_id
  w.u(0, 3); // sps_max_sub_layers_minus1
  w.u(1, 1); // sps_temporal_id_nesting_flag
  profileTierLevel(w, level);
  w.ue(0); // sps_seq_parameter_set_id
  w.ue(1); // chroma_format_idc: 4:2:0
  w.ue(cw); // pic_width_in_luma_samples
  w.ue(ch); // pic_height_in_luma_samples
  const cropped = cw !== width || ch !== height;
  w.u(cropped ? 1 : 0, 1); // conformance_window_flag
  if (cropped) {
    // Offsets count chroma samples (SubWidthC = SubHeightC = 2).
    w.ue(0);
    w.ue((cw - width) / 2);
    w.ue(0);
    w.ue((ch - height) / 2);
  }
  w.ue(0); // bit_depth_luma_minus8
  w.ue(0); // bit_depth_chroma_minus8
  w.ue(0); // log2_max_pic_order_cnt_lsb_minus4
  w.u(1, 1); // sps_sub_layer_ordering_info_present_flag
  w.ue(0);
  w.ue(0);
  w.ue(0);
  w.ue(LOG2_CU - 3); // log2_min_luma_coding_block_size_minus3
  w.ue(0); // log2_diff_max_min_luma_coding_block_size: CTB = min CB
  w.ue(0); // log2_min_luma_transform_block_size_minus2
  w.ue(LOG2_CU - 2); // log2_diff_max_min_luma_transform_block_size
  w.ue(0); // max_transform_hierarchy_depth_inter
  w.ue(0); // max_transform_hierarchy_depth_intra
  w.u(0, 1); // scaling_list_enabled_flag
  w.u(0, 1); // amp_enabled_flag
  w.u(0, 1); // sample_adaptive_offset_enabled_flag
  w.u(1, 1); // pcm_enabled_flag
  w.u(7, 4); // pcm_sample_bit_depth_luma_minus1: 8 bits
  w.u(7, 4); // pcm_sample_bit_depth_chroma_minus1
  w.ue(LOG2_CU - 3); // log2_min_pcm_luma_coding_block_size_minus3
  w.ue(0); // log2_diff_max_min_pcm_luma_coding_block_size
  w.u(1, 1); // pcm_loop_filter_disabled_flag
  w.ue(0); // num_short_term_ref_pic_sets
  w.u(0, 1); // long_term_ref_pics_present_flag
  w.u(0, 1); // sps_temporal_mvp_enabled_flag
  w.u(0, 1); // strong_intra_smoothing_enabled_flag
  w.u(0, 1); // vui_parameters_present_flag (colour is signalled by the `colr` box)
  w.u(0, 1); // sps_extension_present_flag
  return w.trailing();
}

function pictureParameterSet(): Uint8Array {
  const w = new BitWriter();
  w.ue(0); // pps_pic_parameter_set_id
  w.ue(0); // pps_seq_parameter_set_id
  w.u(0, 1); // dependent_slice_segments_enabled_flag
  w.u(0, 1); // output_flag_present_flag
  w.u(0, 3); // num_extra_slice_header_bits
  w.u(0, 1); // sign_data_hiding_enabled_flag
  w.u(0, 1); // cabac_init_present_flag
  w.ue(0); // num_ref_idx_l0_default_active_minus1
  w.ue(0); // num_ref_idx_l1_default_active_minus1
  w.se(0); // init_qp_minus26
  w.u(0, 1); // constrained_intra_pred_flag
  w.u(0, 1); // transform_skip_enabled_flag
  w.u(0, 1); // cu_qp_delta_enabled_flag
  w.se(0); // pps_cb_qp_offset
  w.se(0); // pps_cr_qp_offset
  w.u(0, 1); // pps_slice_chroma_qp_offsets_present_flag
  w.u(0, 1); // weighted_pred_flag
  w.u(0, 1); // weighted_bipred_flag
  w.u(0, 1); // transquant_bypass_enabled_flag
  w.u(0, 1); // tiles_enabled_flag
  w.u(0, 1); // entropy_coding_sync_enabled_flag
  w.u(0, 1); // pps_loop_filter_across_slices_enabled_flag
  w.u(1, 1); // deblocking_filter_control_present_flag
  w.u(0, 1); // deblocking_filter_override_enabled_flag
  w.u(1, 1); // pps_deblocking_filter_disabled_flag
  w.u(0, 1); // pps_scaling_list_data_present_flag
  w.u(0, 1); // lists_modification_present_flag
  w.ue(0); // log2_parallel_merge_level_minus2
  w.u(0, 1); // slice_segment_header_extension_present_flag
  w.u(0, 1); // pps_extension_present_flag
  return w.trailing();
}

// ---------------------------------------------------------------------------------------------
// The slice: header, then per coding unit part_mode = 2N×2N, pcm_flag = 1, raw samples.

function sliceSegment(planes: Planes, cw: number, ch: number): Uint8Array {
  const w = new BitWriter();
  w.u(1, 1); // first_slice_segment_in_pic_flag
  w.u(0, 1); // no_output_of_prior_pics_flag (IRAP)
  w.ue(0); // slice_pic_parameter_set_id
  w.ue(2); // slice_type: I
  w.se(0); // slice_qp_delta: SliceQpY = 26
  w.u(1, 1); // byte_alignment(): alignment_bit_equal_to_one …
  w.align();

  const cabac = new CabacEncoder(w);
  // part_mode, initType 0, initValue 184 at SliceQpY 26 → pStateIdx 0, valMps 1 (§9.3.2.2).
  const partMode = { state: 0, mps: 1 };
  const columns = cw / CU;
  const rows = ch / CU;
  for (let ctb = 0; ctb < columns * rows; ctb++) {
    const x0 = (ctb % columns) * CU;
    const y0 = Math.floor(ctb / columns) * CU;
    cabac.decision(partMode, 1); // PART_2Nx2N
    cabac.terminate(1); // pcm_flag, then the encoder flushes
    w.align(); // pcm_alignment_zero_bit
    for (let y = 0; y < CU; y++) w.bytes(planes.y.subarray((y0 + y) * cw + x0, (y0 + y) * cw + x0 + CU));
    const cx = x0 / 2;
    const cy = y0 / 2;
    for (const plane of [planes.cb, planes.cr]) {
      for (let y = 0; y < CU / 2; y++) w.bytes(plane.subarray((cy + y) * (cw / 2) + cx, (cy + y) * (cw / 2) + cx + CU / 2));
    }
    cabac.restart(); // §9.3.2.5: the arithmetic engine starts afresh after PCM samples
    cabac.terminate(ctb === columns * rows - 1 ? 1 : 0); // end_of_slice_segment_flag
  }
  // The flush's final 1 bit is rbsp_stop_one_bit; pad to the byte boundary.
  w.align();
  return w.finish();
}

/** rangeTabLps[pStateIdx][qRangeIdx], H.265 Table 9-52. */
const RANGE_TAB_LPS: readonly (readonly number[])[] = [
  [128, 176, 208, 240], [128, 167, 197, 227], [128, 158, 187, 216], [123, 150, 178, 205], [116, 142, 169, 195],
  [111, 135, 160, 185], [105, 128, 152, 175], [100, 122, 144, 166], [95, 116, 137, 158], [90, 110, 130, 150],
  [85, 104, 123, 142], [81, 99, 117, 135], [77, 94, 111, 128], [73, 89, 105, 122], [69, 85, 100, 116],
  [66, 80, 95, 110], [62, 76, 90, 104], [59, 72, 86, 99], [56, 69, 81, 94], [53, 65, 77, 89],
  [51, 62, 73, 85], [48, 59, 69, 80], [46, 56, 66, 76], [43, 53, 63, 72], [41, 50, 59, 69],
  [39, 48, 56, 65], [37, 45, 54, 62], [35, 43, 51, 59], [33, 41, 48, 56], [32, 39, 46, 53],
  [30, 37, 43, 50], [29, 35, 41, 48], [27, 33, 39, 45], [26, 31, 37, 43], [24, 30, 35, 41],
  [23, 28, 33, 39], [22, 27, 32, 37], [21, 26, 30, 35], [20, 24, 29, 33], [19, 23, 27, 31],
  [18, 22, 26, 30], [17, 21, 25, 28], [16, 20, 23, 27], [15, 19, 22, 25], [14, 18, 21, 24],
  [14, 17, 20, 23], [13, 16, 19, 22], [12, 15, 18, 21], [12, 14, 17, 20], [11, 14, 16, 19],
  [11, 13, 15, 18], [10, 12, 15, 17], [10, 12, 14, 16], [9, 11, 13, 15], [9, 11, 12, 14],
  [8, 10, 12, 14], [8, 9, 11, 13], [7, 9, 11, 12], [7, 9, 10, 12], [7, 8, 10, 11],
  [6, 8, 9, 11], [6, 7, 9, 10], [6, 7, 8, 9], [2, 2, 2, 2],
];
const TRANS_IDX_LPS = [
  0, 0, 1, 2, 2, 4, 4, 5, 6, 7, 8, 9, 9, 11, 11, 12, 13, 13, 15, 15, 16, 16, 18, 18, 19, 19, 21, 21, 22, 22, 23, 24,
  24, 25, 26, 26, 27, 27, 28, 29, 29, 30, 30, 30, 31, 32, 32, 33, 33, 33, 34, 34, 35, 35, 35, 36, 36, 36, 37, 37, 37, 38, 38, 63,
];

/** The CABAC arithmetic encoder of H.265 §9.3.5 (same engine as H.264's). */
class CabacEncoder {
  private low = 0;
  private range = 510;
  private firstBit = true;
  private outstanding = 0;

  constructor(private readonly out: BitWriter) {}

  restart(): void {
    this.low = 0;
    this.range = 510;
    this.firstBit = true;
    this.outstanding = 0;
  }

  decision(context: { state: number; mps: number }, bin: number): void {
    const lps = RANGE_TAB_LPS[context.state]![(this.range >> 6) & 3]!;
    this.range -= lps;
    if (bin !== context.mps) {
      this.low += this.range;
      this.range = lps;
      if (context.state === 0) context.mps = 1 - context.mps;
      context.state = TRANS_IDX_LPS[context.state]!;
    } else {
      context.state = Math.min(context.state + 1, 62);
    }
    this.renormalize();
  }

  terminate(bin: number): void {
    this.range -= 2;
    if (bin) {
      this.low += this.range;
      // EncodeFlush: its last written bit is 1 (rbsp_stop_one_bit at the end of a slice).
      this.range = 2;
      this.renormalize();
      this.put((this.low >> 9) & 1);
      this.out.u(((this.low >> 7) & 3) | 1, 2);
    } else {
      this.renormalize();
    }
  }

  private renormalize(): void {
    while (this.range < 256) {
      if (this.low < 256) {
        this.put(0);
      } else if (this.low >= 512) {
        this.low -= 512;
        this.put(1);
      } else {
        this.low -= 256;
        this.outstanding++;
      }
      this.range <<= 1;
      this.low <<= 1;
    }
  }

  private put(bit: number): void {
    if (this.firstBit) this.firstBit = false;
    else this.out.u(bit, 1);
    for (; this.outstanding > 0; this.outstanding--) this.out.u(1 - bit, 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Bits and NAL units.

class BitWriter {
  private buffer = new Uint8Array(1024);
  private length = 0;
  private current = 0;
  private filled = 0;

  u(value: number, bits: number): void {
    for (let i = bits - 1; i >= 0; i--) {
      this.current = (this.current << 1) | (Math.floor(value / 2 ** i) & 1);
      if (++this.filled === 8) this.flushByte();
    }
  }

  ue(value: number): void {
    const code = value + 1;
    const bits = Math.floor(Math.log2(code)) + 1;
    this.u(0, bits - 1);
    this.u(code, bits);
  }

  se(value: number): void {
    this.ue(value <= 0 ? -2 * value : 2 * value - 1);
  }

  align(): void {
    while (this.filled !== 0) this.u(0, 1);
  }

  /** Whole bytes at a byte boundary. */
  bytes(data: Uint8Array): void {
    if (this.filled !== 0) throw new Error('not byte aligned');
    this.reserve(data.length);
    this.buffer.set(data, this.length);
    this.length += data.length;
  }

  /** rbsp_trailing_bits() and the payload. */
  trailing(): Uint8Array {
    this.u(1, 1);
    this.align();
    return this.finish();
  }

  finish(): Uint8Array {
    if (this.filled !== 0) throw new Error('not byte aligned');
    return this.buffer.slice(0, this.length);
  }

  private flushByte(): void {
    this.reserve(1);
    this.buffer[this.length++] = this.current;
    this.current = 0;
    this.filled = 0;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/** NAL header (layer 0, temporal id 0) + payload with emulation prevention bytes. */
function nal(type: number, rbsp: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + rbsp.length + Math.ceil(rbsp.length / 2) + 1);
  out[0] = type << 1;
  out[1] = 1;
  let n = 2;
  let zeros = 0;
  for (const byte of rbsp) {
    if (zeros >= 2 && byte <= 3) {
      out[n++] = 3;
      zeros = 0;
    }
    out[n++] = byte;
    zeros = byte === 0 ? zeros + 1 : 0;
  }
  return out.slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// The HEIF container.

interface ContainerParts {
  vps: Uint8Array;
  sps: Uint8Array;
  pps: Uint8Array;
  slice: Uint8Array;
  width: number;
  height: number;
  level: number;
  quarterTurns: number;
}

function container(parts: ContainerParts): Uint8Array<ArrayBuffer> {
  const { vps, sps, pps, slice, width, height, level, quarterTurns } = parts;
  const ftyp = box('ftyp', ascii('heic'), u32(0), ascii('mif1'), ascii('heic'));
  const hdlr = fullBox('hdlr', 0, 0, u32(0), ascii('pict'), u32(0), u32(0), u32(0), [0]);
  const pitm = fullBox('pitm', 0, 0, u16(1));
  const infe = fullBox('infe', 2, 0, u16(1), u16(0), ascii('hvc1'), [0]);
  const iinf = fullBox('iinf', 0, 0, u16(1), infe);
  const hvcC = box(
    'hvcC',
    [1, 0x01], // configurationVersion; profile space 0, tier 0, profile Main
    [0x60, 0, 0, 0], // compatibility flags: Main, Main 10
    [0x90, 0, 0, 0, 0, 0], // progressive, frame only
    [level, 0xf0, 0x00, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 3],
    ...[vps, sps, pps].map((unit) => [0x80 | (unit[0]! >> 1), ...u16(1), ...u16(unit.length), ...unit]),
  );
  const ispe = fullBox('ispe', 0, 0, u32(width), u32(height));
  // sRGB primaries and transfer, BT.601 matrix, full range: what the pixels above were made with.
  const colr = box('colr', ascii('nclx'), u16(1), u16(13), u16(6), [0x80]);
  const properties = [hvcC, ispe, colr];
  if (quarterTurns) properties.push(box('irot', [quarterTurns & 3]));
  const ipco = box('ipco', ...properties);
  // Property indices are 1-based; hvcC is essential, as is irot (a reader must apply it).
  const associations = properties.map((_, i) => (i === 0 || i === 3 ? 0x80 : 0) | (i + 1));
  const ipma = fullBox('ipma', 0, 0, u32(1), u16(1), [associations.length], associations);
  const iprp = box('iprp', ipco, ipma);
  const data = concat([...u32(slice.length)], slice);
  // iloc with 32-bit offsets; the offset is patched once the meta box's size is known.
  const iloc = (offset: number): Uint8Array => fullBox('iloc', 0, 0, [0x44, 0x00], u16(1), u16(1), u16(0), u16(1), u32(offset), u32(data.length));
  const metaWith = (offset: number): Uint8Array => fullBox('meta', 0, 0, hdlr, pitm, iloc(offset), iinf, iprp);
  const metaLength = metaWith(0).length;
  const mdatHeader = 8;
  const offset = ftyp.length + metaLength + mdatHeader;
  return concat(ftyp, metaWith(offset), [...u32(mdatHeader + data.length)], ascii('mdat'), data);
}

type Part = Uint8Array | readonly number[];

function box(type: string, ...parts: Part[]): Uint8Array {
  const body = concat(...parts);
  return concat(u32(8 + body.length), ascii(type), body);
}

function fullBox(type: string, version: number, flags: number, ...parts: Part[]): Uint8Array {
  return box(type, [version, (flags >> 16) & 255, (flags >> 8) & 255, flags & 255], ...parts);
}

function concat(...parts: Part[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function u16(n: number): number[] {
  return [(n >>> 8) & 255, n & 255];
}

function u32(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}
