/** Words a question starts with, after any "and", "also" or "oh and". */
const OPENER = /^(?:(?:and|also|plus|oh|oh and|and also|another thing|one more thing)[,:]?\s+)*(?:how|what|whats|where|when|why|who|which|can|could|will|would|does|do|did|is|are|should|may)\b/i;
const MIN_WORDS = 3;

/**
 * Two questions in one message ("how do I check the balance? and does it expire?"): the first and
 * the rest, each a question of at least three words; null for one question, or a question and a
 * remark. Only a question mark, or a new sentence that opens like a question, separates them.
 */
export function splitQuestions(text: string): [string, string] | null {
  const cut = /\?+\s+|[.!]\s+(?=\S)/g;
  for (let match = cut.exec(text); match; match = cut.exec(text)) {
    const first = text.slice(0, match.index + match[0].trimEnd().length).trim();
    const rest = text.slice(match.index + match[0].length).trim();
    const asked = first.endsWith('?') || OPENER.test(first);
    if (asked && OPENER.test(rest) && words(first) >= MIN_WORDS && words(rest) >= MIN_WORDS) return [first, rest];
  }
  return null;
}

function words(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;
}
