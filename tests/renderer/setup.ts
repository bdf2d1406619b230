import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy*/waitFor wait for what the screen shows, not a clock: on a loaded CI box
// a screen on the real core can take seconds to settle (1 s default was seen
// failing at load 17 on 2 cores). The test's own 30 s guard still catches hangs.
configure({ asyncUtilTimeout: 10_000 });

afterEach(() => {
  cleanup();
  localStorage.clear();
});
