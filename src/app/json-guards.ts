import type { NextFunction, Request, Response } from 'express';
import { HttpError } from '../channels/http-error';

/** Deeper than any activity or agent request; a deeper body is an attack on a recursive reader. */
export const MAX_JSON_DEPTH = 64;

/** How deeply a parsed JSON value nests, counted without recursion (a deep value would overflow the stack). */
export function jsonDepth(value: unknown, limit = MAX_JSON_DEPTH): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** After express.json: a body nested past MAX_JSON_DEPTH is refused with 400 (thrown, for the error middleware) before anything reads it. */
export function refuseDeepJson(req: Request, _res: Response, next: NextFunction): void {
  if (req.body !== undefined && jsonDepth(req.body) > MAX_JSON_DEPTH) {
    // Direct Line clients know its own code for a bad request; everything else says BadRequest.
    const code = req.originalUrl.startsWith('/v3/directline') ? 'BadArgument' : 'BadRequest';
    throw new HttpError(400, code, `The body nests deeper than ${MAX_JSON_DEPTH} levels`);
  }
  next();
}
