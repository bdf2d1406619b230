import { describe, expect, it } from 'vitest';
import {
  COMPLETION_PERCENT,
  completionCeilingFen,
} from '../../../../../main/services/cards/preauth-service';

describe('pre-auth completion ceiling', () => {
  it('is 115 % of the hold, rounded down to whole fen', () => {
    expect(COMPLETION_PERCENT).toBe(115);
    expect(completionCeilingFen(50_000)).toBe(57_500);
    expect(completionCeilingFen(1)).toBe(1); // 1.15 fen → 1
    expect(completionCeilingFen(7)).toBe(8); // 8.05 fen → 8
    expect(completionCeilingFen(99_999_999)).toBe(114_999_998);
  });
});
