import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy… and waitFor wait for what a person would wait for; under the whole suite on a loaded
// 2-core machine a screen (its language chunk, i18next, a photo read slice by slice) took over a
// second, Testing Library's default. A wait is not a speed goal: bench/ measures speed.
configure({ asyncUtilTimeout: 10_000 });
