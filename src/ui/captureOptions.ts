import { createContext, useContext } from 'react';
import type { QualityResultEvent } from './events.ts';

/** How strictly the still review holds back a photo that failed a check. */
export type QualityGate = 'warn' | 'strict' | 'off';

/** The merchant's camera options, handed from `Onboarding` to every camera screen. */
export interface CaptureOptions {
  autoCapture: boolean;
  qualityGate: QualityGate;
  onQualityResult?: ((event: QualityResultEvent) => void) | undefined;
}

export const DEFAULT_CAPTURE_OPTIONS: CaptureOptions = { autoCapture: true, qualityGate: 'warn' };

export const CaptureOptionsContext = createContext<CaptureOptions>(DEFAULT_CAPTURE_OPTIONS);

export const useCaptureOptions = (): CaptureOptions => useContext(CaptureOptionsContext);

/** In `strict` mode, "Use it anyway" appears after this many retakes that still failed, so nobody is locked out. */
export const STRICT_RETAKES = 2;
