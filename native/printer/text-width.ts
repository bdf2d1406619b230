// Thermal printers lay text out on a fixed grid: a single-byte (ASCII) glyph takes one cell and
// every multi-byte GB18030 glyph takes two, so width is counted by encoding class, not by
// Unicode East-Asian-Width tables.

export function charWidth(ch: string): 1 | 2 {
  const cp = ch.codePointAt(0) ?? 0;
  return cp < 0x80 ? 1 : 2;
}

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

export function padEndToWidth(s: string, width: number, fill = ' '): string {
  const missing = width - displayWidth(s);
  return missing > 0 ? s + fill.repeat(missing) : s;
}

export function padStartToWidth(s: string, width: number, fill = ' '): string {
  const missing = width - displayWidth(s);
  return missing > 0 ? fill.repeat(missing) + s : s;
}

/** Longest prefix of `s` that fits in `width` columns (never cuts a character in half). */
export function truncateToWidth(s: string, width: number): string {
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out;
}

type Token = { text: string; width: number; space: boolean };

// ASCII words stay together (so "6222****1234" or an amount never breaks mid-way if it can fit on
// a line); each wide character is its own token because Chinese text may break between any two.
function tokenize(s: string): Token[] {
  const tokens: Token[] = [];
  let word = '';
  const flushWord = () => {
    if (word) tokens.push({ text: word, width: word.length, space: false });
    word = '';
  };
  for (const ch of s) {
    if (ch === ' ') {
      flushWord();
      tokens.push({ text: ch, width: 1, space: true });
    } else if (charWidth(ch) === 1) {
      word += ch;
    } else {
      flushWord();
      tokens.push({ text: ch, width: 2, space: false });
    }
  }
  flushWord();
  return tokens;
}

/**
 * Wraps `s` into lines of at most `columns` display columns. Breaks at spaces or between wide
 * characters; a run that cannot fit on any line is hard-wrapped character by character. A single
 * character wider than `columns` gets a line of its own rather than being dropped.
 */
export function wrapToWidth(s: string, columns: number): string[] {
  const max = Math.max(1, Math.floor(columns));
  const lines: string[] = [];
  let line = '';
  let width = 0;
  const breakLine = () => {
    lines.push(line.replace(/ +$/, ''));
    line = '';
    width = 0;
  };

  for (const token of tokenize(s)) {
    // Spaces left over at the start of a continuation line would only shift it to the right.
    if (token.space && width === 0 && lines.length > 0) continue;
    if (width + token.width <= max) {
      line += token.text;
      width += token.width;
      continue;
    }
    if (token.space) {
      // A space at a break point is consumed by the break.
      breakLine();
      continue;
    }
    if (width > 0) breakLine();
    if (token.width <= max) {
      line = token.text;
      width = token.width;
      continue;
    }
    for (const ch of token.text) {
      const cw = charWidth(ch);
      if (width > 0 && width + cw > max) breakLine();
      line += ch;
      width += cw;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}
