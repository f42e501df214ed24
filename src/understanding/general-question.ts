/**
 * A question about scams in general ("does the IRS ever ask for gift cards?", "what should I do if
 * someone asks me to pay with gift cards?") rather than a story of one happening now. It shares the
 * scam's words, so the cue phrases and the model both fire on it; the customer asking it needs an
 * answer, not a warning that stops what they were doing. `normalized` is normalizeText's output.
 */
const IN_GENERAL = /\b(?:(?:does|do|would|will|can|could|is|are) (?:the |a |an |any |your |my )?[\w ]{1,30}? ever\b|is it true (?:that )?|what (?:should|do|would) i do if|what if someone|how (?:do|can|would) i (?:know|tell|spot)|just (?:curious|wondering|checking)|(?:want|wanted|trying) to be (?:prepared|sure|careful)|(?:want|wanted) to (?:double )?check|in general\b|hypothetically)/;
/** Something happening to them: a call, a message, a demand, money already gone. */
const STORY = /\b(?:called|texted|emailed|messaged|dmed|contacted|told|asked|wants|needs|sent) (?:me|us|my)\b|\b(?:i|we) (?:got|received|just got|had) (?:a |an )?(?:call|text|email|message|letter)\b|\b(?:is|are|keeps?) (?:asking|telling|saying|demanding|calling|texting)\b|\b(?:right now|on the phone|on the line|today|yesterday|this morning|last night)\b|\b(?:i|we) (?:already|just) (?:bought|sent|gave|read)\b/;

export function asksInGeneral(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '');
  return IN_GENERAL.test(said) && !STORY.test(said);
}
