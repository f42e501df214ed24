import { Router } from 'express';
import type { z } from 'zod';
import { HttpError } from '../channels/http-error';
import type { Agent } from '../handoff/handoff-queue';
import type { HandoffService } from '../handoff/handoff-service';
import { fillMacro } from '../handoff/macro-fill';
import type { TeamMacros } from '../handoff/macro-schema';
import type { KnowledgeCatalog } from '../knowledge/knowledge-catalog';
import type { FilledMacrosAnswer, MacrosAnswer, WrapUpAnswer } from './wrap-up-schemas';

export interface WrapUpRoutesDeps {
  handoff: HandoffService;
  catalog: KnowledgeCatalog;
  macros: TeamMacros;
}

type Answer<T extends z.ZodType> = z.input<T>;

/**
 * The team's macros (macros/macros.json), as written and filled for one conversation, and End's
 * reasons and suggested tags (macros/wrap-up.json). Mounted after sign-in: `res.locals.agent` is set.
 */
export function wrapUpRoutes(deps: WrapUpRoutesDeps): Router {
  const router = Router();

  router.get('/macros', (_req, res) => {
    res.json({ macros: deps.macros.macros } satisfies Answer<typeof MacrosAnswer>);
  });

  router.get('/conversations/:id/macros', async (req, res) => {
    const agent = res.locals.agent as Agent;
    const owned = await deps.handoff.owned(agent, String(req.params.id));
    if (!owned.ok) {
      throw owned.status === 'forbidden'
        ? new HttpError(403, 'Forbidden', 'This conversation is with another agent')
        : new HttpError(404, 'NotFound', 'No such request is open: it was cancelled, timed out, or has ended');
    }
    const { record } = owned;
    const brandName = record.brand ? (deps.catalog.brand(record.brand)?.name ?? null) : null;
    const context = { brandName, record, agentName: agent.name };
    res.json({
      id: record.id,
      macros: deps.macros.macros.map((macro) => ({ ...macro, text: fillMacro(macro.text, context) })),
    } satisfies Answer<typeof FilledMacrosAnswer>);
  });

  router.get('/wrap-up', (_req, res) => {
    res.json({ reasons: deps.macros.reasons, tags: deps.macros.tags } satisfies Answer<typeof WrapUpAnswer>);
  });

  return router;
}
