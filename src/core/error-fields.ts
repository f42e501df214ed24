/** What a log line keeps of an error: one line each, never a multi-line dump. */
export interface ErrorFields {
  message: string;
  name?: string;
  code?: string;
  /** The innermost frames, ' | '-joined on one line; frames only, so no message text rides along. */
  stack?: string;
}

const MAX_MESSAGE = 300;
const MAX_FRAMES = 5;
const FRAME = /^\s*at\s+/;

/**
 * An error, a string or anything else thrown, as flat fields for a JSON log line. Libraries
 * (botbuilder, jsonwebtoken) put stacks and newlines into messages; the first line is the message,
 * lines that are stack frames become `stack`, the rest is dropped. Objects that are not errors are
 * never dumped: they may hold a customer's text or a token.
 */
export function errorFields(error: unknown): ErrorFields {
  if (error instanceof Error) {
    const { message, frames } = split(error.message);
    const stackFrames = error.stack ? split(error.stack).frames : frames;
    const code = (error as { code?: unknown }).code ?? (error as { statusCode?: unknown }).statusCode;
    return {
      message: message || error.name,
      name: error.name,
      ...(typeof code === 'string' || typeof code === 'number' ? { code: String(code) } : {}),
      ...(stackFrames.length > 0 ? { stack: stackFrames.slice(0, MAX_FRAMES).join(' | ') } : {}),
    };
  }
  if (typeof error === 'string') {
    const { message, frames } = split(error);
    return { message, ...(frames.length > 0 ? { stack: frames.slice(0, MAX_FRAMES).join(' | ') } : {}) };
  }
  return { message: `(${error === null ? 'null' : typeof error})` };
}

/** The first non-empty line that is not a frame, and the frames. */
function split(text: string): { message: string; frames: string[] } {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const frames = lines.filter((line) => FRAME.test(line)).map((line) => line.replace(FRAME, ''));
  const message = lines.find((line) => !FRAME.test(line)) ?? '';
  return { message: message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message, frames };
}

/**
 * A logger call's arguments (`console.error('context', err)`, Bolt's `logger.warn(text)`) as one
 * set of fields: the first error's, led by what was said beside it; objects are left out.
 */
export function argumentFields(args: readonly unknown[]): ErrorFields {
  const error = args.find((a): a is Error => a instanceof Error);
  const said = args.filter((a): a is string => typeof a === 'string').join(' ');
  if (!error) return errorFields(said || args[0]);
  const fields = errorFields(error);
  return said ? { ...fields, message: `${errorFields(said).message}: ${fields.message}` } : fields;
}
