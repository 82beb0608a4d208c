/**
 * `npm run bench:quality`: the quality checks on the drawn, labelled set (test/quality), as a
 * confusion matrix per check, then the cost of analysing one 640×480 frame next to the baseline
 * of copying it (what handing a frame to the worker costs at least), side by side in one run.
 * Exits non-zero when a check's precision or recall is under 0.95.
 */
import { analyseFrame, NO_HISTORY, type FrameHistory } from '../src/quality/analyseFrame.ts';
import { confusionMatrices, runLabelledSet } from '../test/quality/labelled.ts';
import { drawScene } from '../test/quality/scenes.ts';

const PER_KIND = Number(process.env.QUALITY_PER_KIND ?? 20);
const SEQUENCES = Number(process.env.QUALITY_SEQUENCES ?? 10);
const TARGET = 0.95;
const TIMED_FRAMES = 60;

function accuracy(): boolean {
  const started = performance.now();
  const results = runLabelledSet(PER_KIND, SEQUENCES);
  console.log(`\nLabelled set: ${results.length} cases (${PER_KIND} per scene kind, ${SEQUENCES} steady and ${SEQUENCES} moving sequences), ${((performance.now() - started) / 1000).toFixed(0)} s to draw and analyse\n`);
  console.log('| check | TP | FP | FN | TN | precision | recall | ≥ 0.95 |');
  console.log('|---|---:|---:|---:|---:|---:|---:|:---:|');
  let ok = true;
  for (const c of confusionMatrices(results)) {
    const pass = c.precision >= TARGET && c.recall >= TARGET;
    ok &&= pass;
    console.log(`| ${c.fault} | ${c.truePositive} | ${c.falsePositive} | ${c.falseNegative} | ${c.trueNegative} | ${c.precision.toFixed(3)} | ${c.recall.toFixed(3)} | ${pass ? 'yes' : '**no**'} |`);
  }
  const misses = results.filter((r) => r.report.failures.map((f) => f.code).join() !== r.expected.join());
  if (misses.length > 0) {
    console.log(`\nCases whose faults differ from their label (${misses.length}):`);
    for (const miss of misses.slice(0, 20)) console.log(`  ${miss.label}: expected [${miss.expected.join(', ')}], got [${miss.report.failures.map((f) => f.code).join(', ')}]`);
  }
  return ok;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function cost(): void {
  const frames = [1, 2, 3, 4].map((noiseSeed) => drawScene('sharp', 7, { noiseSeed }).frame);
  const copy: number[] = [];
  const analyse: number[] = [];
  let history: FrameHistory = NO_HISTORY;
  let sink = 0;
  // Interleaved, so a busy machine slows both alike.
  for (let i = 0; i < TIMED_FRAMES + 10; i += 1) {
    const frame = frames[i % frames.length]!;
    let t = performance.now();
    const copied = new Uint8ClampedArray(frame.rgba);
    sink += copied[i]!;
    const copyMs = performance.now() - t;
    t = performance.now();
    const result = analyseFrame(frame, { kind: 'idDocument' }, history);
    history = result.history;
    const analyseMs = performance.now() - t;
    // The first frames warm the JIT up.
    if (i >= 10) (copy.push(copyMs), analyse.push(analyseMs));
  }
  const c = median(copy);
  const a = median(analyse);
  console.log(`\nPer 640×480 frame (Node ${process.versions.node}, median of ${TIMED_FRAMES}, interleaved):\n`);
  console.log('| | median ms | p90 ms | frames/s on one core |');
  console.log('|---|---:|---:|---:|');
  const p90 = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length * 0.9)]!;
  console.log(`| baseline: copy the RGBA frame | ${c.toFixed(2)} | ${p90(copy).toFixed(2)} | ${(1000 / c).toFixed(0)} |`);
  console.log(`| analyseFrame (all checks) | ${a.toFixed(2)} | ${p90(analyse).toFixed(2)} | ${(1000 / a).toFixed(0)} |`);
  if (sink < 0) console.log(sink);
}

const ok = accuracy();
cost();
if (!ok) {
  console.error(`\nA check is under ${TARGET} precision or recall.`);
  process.exitCode = 1;
}
