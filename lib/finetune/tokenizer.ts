// Text to token ids, the same way in training (Node) and in the browser demo:
// lowercase words, vocab line number = id, unknown words to [UNK], zero padding.
export function tokenizer(vocab: string[], seqLen: number): (text: string) => number[] {
  const index = new Map<string, number>();
  vocab.forEach((w, i) => { if (w && !index.has(w)) index.set(w, i); });
  const unk = index.get("[UNK]") ?? index.get("<unk>") ?? 1;
  return (text) => {
    const ids = words(text).slice(0, seqLen).map((w) => index.get(w) ?? unk);
    while (ids.length < seqLen) ids.push(0);
    return ids;
  };
}

/** Multi-hot over the vocab: 1 where a word occurs (ids 0 and 1, padding and unknown, stay 0). */
export function bagOfWords(vocab: string[]): (text: string) => number[] {
  const index = new Map<string, number>();
  vocab.forEach((w, i) => { if (w && i > 1 && !index.has(w)) index.set(w, i); });
  return (text) => {
    const v = new Array<number>(vocab.length).fill(0);
    for (const w of words(text)) {
      const i = index.get(w);
      if (i !== undefined) v[i] = 1;
    }
    return v;
  };
}

export function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}']+/u).filter(Boolean);
}
