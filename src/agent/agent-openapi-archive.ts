import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { errorResponses, json } from './agent-openapi-errors';
import { AGENT_API_BASE } from './agent-openapi-paths';
import { ArchiveExportAnswer, ArchiveExportQuery, ArchiveParams, ArchiveSearchAnswer, ArchiveSearchQuery } from './archive-schemas';

/** Past conversations: search and export (archive-routes.ts). */
export function registerArchivePaths(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/archive`,
    operationId: 'searchArchive',
    tags: ['archive'],
    summary: 'Search past conversations with people',
    description:
      'Closed handoffs (ended, cancelled, timed out, external done), newest closed first. Every given filter must hold; `q` matches conversations holding all its words. Answers each without its transcript (a short `preview` instead). Any signed-in agent.',
    request: { query: ArchiveSearchQuery },
    responses: { 200: json('The conversations found.', ArchiveSearchAnswer), ...errorResponses([400]) },
  });
  registry.registerPath({
    method: 'get',
    path: `${AGENT_API_BASE}/archive/{handoffId}/transcript`,
    operationId: 'exportArchivedTranscript',
    tags: ['archive'],
    summary: 'One past conversation’s transcript, as a download',
    description:
      'The redacted transcript (card codes were hidden when kept), for chargeback and fraud evidence, with Content-Disposition: attachment. `format=text`: a heading, then one "time  who: words" line a message. `format=json`: the conversation and its lines. Internal notes are not included.',
    request: { params: ArchiveParams, query: ArchiveExportQuery },
    responses: {
      200: {
        description: 'The transcript (Content-Disposition: attachment).',
        content: { 'text/plain': { schema: z.string() }, 'application/json': { schema: ArchiveExportAnswer } },
      },
      ...errorResponses([400, 404], { 404: 'NotFound: no archived conversation has that id.' }),
    },
  });
}
