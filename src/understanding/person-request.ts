/**
 * A request for a person, found by its shape rather than learned: recall here must be total (a
 * customer who asks for a human and doesn't get one is the worst failure), so this catches the
 * wordings the classifier might rank second. `normalized` is normalizeText's output.
 */
const WEAK = /^(?:get|need|want|wanna|see)$/;
const ASKING = /\b(?:talk|talking|speak|speaking|chat|chatting|connect|transfer|put me|get|need|want|wanna|see|reach|contact|call|escalate|send me)\b/;
/** Every asking verb of a message, in order: built once, not per message. */
const ASKING_ALL = new RegExp(ASKING.source, 'g');
/** A call back is a person. */
const CALL_ME = /\b(?:call ?back|call me|phone me|ring me|give me a call|someone (?:to )?call|(?:arrange|schedule|book|set up|request) (?:a |an )?(?:phone )?call)\b/;
/** "would amazon ever call me?" asks about a call, it does not ask for one. */
const WOULD_CALL = /\b(?:ever|would|will|does|do|did|why would|if) (?:\w+ ){0,2}(?:call|phone|ring) me\b/;
/** "can someone help me", "is there anybody who can help": a person to help is a person. */
const SOMEONE_TO_HELP = /\b(?:can|could|would|will|need|want|get|is there|isnt there)\b[^.?!]{0,20}\b(?:somebody|someone|anybody|anyone|a person|a human|a real person)\b[^.?!]{0,30}\b(?:help|assist|sort)\b/;
/** "give me an actual human", "get me somebody real". */
const GIVE_ME = /\b(?:give|get|find|bring|send)\s(?:me|us)\s(?:(?:a|an|the|one|some|actual|real|live|proper|damn|freaking|fucking)\s){0,3}(?:human|humans|human being|person|people|agent|someone|somebody|representative|rep|operator|manager|supervisor)\b/;
/** "somebody I could chat with", "a person we can speak to". */
const CHAT_WITH = /\b(?:somebody|someone|anybody|anyone|person|human|agent|specialist|expert|advisor|adviser|consultant|rep|representative|a member of (?:your|the) (?:team|staff))\s(?:i|we)\s(?:can|could|might)\s(?:talk|speak|chat)\b|\ba member of (?:your|the) (?:team|staff|support)\b/;
/** Someone from the team, the staff, the company. */
const FROM_THE_TEAM = /\b(?:somebody|someone|anybody|anyone|a person|people)\s(?:from|on|at|in)\s(?:your|the)\s(?:team|staff|company|support|office|end)\b/;
/** Asking for a way to reach the team is asking for a person too. */
const REACH_US = /\b(?:your|a|the) (?:phone number|number to call|email address|contact (?:number|details|info))\b|\b(?:is )?(?:there )?(?:any ?one|any ?body|someone|somebody) (?:(?:actually|even|really|still) )?(?:there|here|available|around|real|reading|listening|watching|working)\b(?! (?:called|texted|said|asked))/;
/** "put a real person on", "put me through to someone". */
const PUT_ON = /\bput (?:(?:a|an|the|some|real|actual|live|proper)\s){0,3}(?:human|person|agent|someone|somebody|manager|supervisor|representative|rep)\s(?:on|through)\b|\bput me (?:through|over)\b/;
/** "who do I ring about this", "this bot can't help, who can?": asking whom to turn to. */
const WHO_TO = /\bwho (?:do|can|should|shall) (?:i|we) (?:call|ring|phone|talk to|speak to|speak with|talk with|contact|email|write to|complain to|reach)\b|\bwho can\s*\?|\bwho can (?:help|assist|sort)\b/;
/** "do you have a support email?", "is there a helpdesk number": a way to reach the team. */
const A_WAY_TO_REACH = /\b(?:do you (?:guys )?have|is there|have you got|whats|what is|give me|send me|need) (?:a |an |any |your )?(?:support |customer service |help ?desk |uk |us |direct |toll free )?(?:e ?mail(?: address)?|phone line|phone number|hotline|help ?desk(?: number)?|1[ -]?800 number|office i can (?:call|visit))\b|\bcan i (?:email|call|phone|ring) (?:your|the) (?:team|staff|support|office)\b/;
/** "can a person look at this", "could a staff member check my balance". */
const LOOK_AT_IT = /\b(?:can|could|would|will) (?:a |an |one of your |your )?(?:real )?(?:person|human|staff member|member of staff|agent|specialist|employee|someone|somebody|team|fraud team|support team)\s(?:please\s)?(?:look at|look into|check|review|see|handle|deal with|contact me|get in touch|reach out)\b/;
/** "does anyone even work there". */
const ANYONE_WORKS = /\b(?:does|do|is) (?:any ?one|any ?body|someone|somebody|people|a human|a person) (?:even |actually |still |really )?(?:work|working) (?:there|here|at)\b/;
/** The same request in the other languages giftbot meets (the reply offers a person who speaks English). */
const OTHER_LANGUAGE = /\b(?:hablar con (?:un|una|el|la|alguien)|parler (?:a|à) (?:un|une|quelqu)|mit (?:einem|einer) (?:menschen|mitarbeiter|agenten|person) sprechen|falar com (?:um|uma|alguem|alguém))\b/;
/** Wanting the bot out of the way is wanting a person: "stop the bot", "bypass this robot". */
const NO_BOT = /\b(?:stop|skip|bypass|enough with|enough of|done with|no more|turn off|get rid of|get past|over) (?:the |this |your |you )?(?:stupid |damn |useless )?(?:bot|robot|chatbot|machine|automated (?:thing|system|chat)|ai)\b/;
const A_PERSON = /\b(?:human|humans|person|people|agent|agents|someone|somebody|some one|anyone|anybody|representative|rep|operator|manager|supervisor|staff|staff member|employee|team member|colleague|specialist|consultant|advisor|adviser|executive|expert|live (?:agent|chat|support|help)|customer (?:service|support|care)|(?:support|fraud|help) (?:team|desk))\b/;
const ALONE = /^(?:(?:a|an|the|real|live|actual)\s)*(?:human|person|agent|operator|representative|rep|live chat|someone|somebody|customer (?:service|support|care)|support|(?:phone|1[ -]?800|toll free|support|contact|helpdesk) (?:number|line|email))(?:\s(?:please|pls|plz|now|asap|thanks))*\s*[!.?]*$/;
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
  // The what-word close to the start: "is it ok to text someone a code" asks nothing about the bot; "is there a human" asks for one.
  return /^(?:is|are|am|r) (?:this|u|you|it|someone|somebody|anyone|i)(?: \w+){0,3} (?:bot|robot|machine|ai|automated|human|person|real)\b/.test(said) && !/\b(?:can|could|may) i (?:talk|speak|chat|get)\b|\bi can (?:talk|speak|chat)\b/.test(said);
}

/** "someone" in a story ("someone called me") is no request: the asking verb must come before the person. */
export function isPersonRequest(normalized: string): boolean {
  const said = normalized.replace(/[’']/g, '').replace(/\s+/g, ' ').trim();
  if (ASKS_WHAT_THE_BOT_IS.test(said)) return false;
  // "who do I contact, Target or you?" asks which of two, and the knowledge answers it.
  if (WHO_TO.test(said) && !/\bwho \w+ \w+ \w+\b.*\bor\b/.test(said)) return true;
  if ([A_WAY_TO_REACH, LOOK_AT_IT, ANYONE_WORKS, OTHER_LANGUAGE].some((shape) => shape.test(said))) return true;
  if (REACH_US.test(said) || PUT_ON.test(said) || NO_BOT.test(said) || SOMEONE_TO_HELP.test(said) || FROM_THE_TEAM.test(said) || GIVE_ME.test(said) || CHAT_WITH.test(said)) return true;
  // "useless bot. real human. now.": any sentence that is a person on its own.
  if (said.split(/[.!?;,]+\s*/).some((sentence) => ALONE.test(sentence.trim()))) return true;
  if (CALL_ME.test(said) && !WOULD_CALL.test(said)) return true;
  // "please contact customer service" is what an error message says, not what the customer asks.
  const asking = said.replace(/\bplease contact\b/g, '');
  for (const verb of asking.matchAll(ASKING_ALL)) {
    // A plain "want"/"need" reaches less far: "want to order 40 cards for employee appreciation" asks for no one.
    const after = asking.slice(verb.index, verb.index + (WEAK.test(verb[0]) ? 30 : 60));
    if (A_PERSON.test(after) && !/\b(?:someone|somebody|anyone) (?:called|texted|emailed|asked|told|said|sent|messaged)\b/.test(after)) return true;
  }
  return false;
}
