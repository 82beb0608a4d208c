import { createContext } from 'react';

/**
 * What a failed quality check does (DESIGN.md, "Quality gate"): `'warn'` names what is wrong and
 * lets the person keep the photo anyway; `'strict'` asks for another one; `'off'` checks nothing.
 */
export type QualityGate = 'warn' | 'strict' | 'off';

export const DEFAULT_QUALITY_GATE: QualityGate = 'warn';

/** Set once by the widget from its `qualityGate` option; read by the steps that take photos. */
export const QualityGateContext = createContext<QualityGate>(DEFAULT_QUALITY_GATE);
