/** The two parts together: the rest adds its own blocks and its errors and rules to the start's. */
export function mergeWords(start: object, rest: object): object {
  const words: Record<string, unknown> = { ...start };
  for (const [key, block] of Object.entries(rest))
    words[key] =
      typeof words[key] === 'object' && typeof block === 'object'
        ? { ...(words[key] as object), ...(block as object) }
        : block;
  return words;
}
