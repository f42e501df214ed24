/**
 * A request for a person, found by its shape rather than learned: recall here must be total (a
 * customer who asks for a human and doesn't get one is the worst failure), so this catches the
 * wordings the classifier might rank second. `normalized` is normalizeText's output.
 */
const ASKING = /\b(?:talk|talking|speak|speaking|chat|chatting|connect|transfer|put|get|need|want|wanna|see|reach|contact|call|escalate|send)\b/;
/** Asking for a way to reach the team is asking for a person too. */
const REACH_US = /\b(?:your|a|the) (?:phone number|number to call|email address|contact (?:number|details|info))\b|\b(?:is )?(?:there )?(?:any ?one|any ?body|someone|somebody) (?:there|here|available|around|real)\b(?! (?:called|texted|said|asked))/;
const A_PERSON = /\b(?:human|humans|person|people|agent|agents|someone|somebody|some one|anyone|anybody|representative|rep|operator|manager|supervisor|staff|employee|live (?:agent|chat|support|help)|customer (?:service|support|care))\b/;
const ALONE = /^(?:(?:a|an|the|real|live|actual)\s)*(?:human|person|agent|operator|representative|rep|live chat|someone|somebody|customer (?:service|support|care)|support)(?:\s(?:please|pls|plz|now|asap|thanks))*\s*[!.?]*$/;
/** "am I talking to a real person?" asks what the bot is; it is not a request. */
const ASKS_WHAT_THE_BOT_IS = /\b(?:am i (?:talking|speaking|chatting) (?:to|with)|is this an? (?:real|actual|live)?\s?(?:person|human|bot|robot|ai)|are you (?:a |an )?(?:real|human|person|bot|robot|ai)|is this (?:automated|a machine))\b/;
/**
 * A question about what is answering ("is this a bot?", "is a person reading this?"). Asking to be
 * put through to one ("is there a human I can talk to?") is a request, not this question.
 */
export function asksWhatTheBotIs(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '').replace(/\s+/g, ' ').trim();
  if (/\b(?:live chat|talk to|speak to|speak with|talk with|chat with)\b/.test(said) && !/\bam i (?:talking|speaking|chatting)\b/.test(said)) return false;
  if (ASKS_WHAT_THE_BOT_IS.test(said)) return !/\b(?:can|could|may) i (?:talk|speak|chat|get)\b|\b(?:talk|speak|chat) (?:to|with) (?:a|an|the|someone|somebody|anyone)\b.*\b(?:please|instead|now)\b/.test(said);
  return /^(?:is|are|am|r) (?:this|u|you|there|it|a|an|someone|somebody|anyone|i)\b/.test(said) && /\b(?:bot|robot|machine|ai|automated|human|person|someone|somebody|real)\b/.test(said) && !/\b(?:can|could|may) i (?:talk|speak|chat|get)\b|\bi can (?:talk|speak|chat)\b/.test(said);
}

/** "someone" in a story ("someone called me") is no request: the asking verb must come before the person. */
export function isPersonRequest(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '').replace(/\s+/g, ' ').trim();
  if (ASKS_WHAT_THE_BOT_IS.test(said)) return false;
  if (ALONE.test(said) || REACH_US.test(said)) return true;
  const verb = ASKING.exec(said);
  if (!verb) return false;
  const after = said.slice(verb.index, verb.index + 60);
  return A_PERSON.test(after) && !/\b(?:someone|somebody|anyone) (?:called|texted|emailed|asked|told|said|sent|messaged)\b/.test(after);
}
