import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { z } from 'zod';
import type { Logger } from '../core/logger';
import { AgentStatusSchema } from '../handoff/agent-presence';
import type { Agent } from '../handoff/handoff-queue';
import type { AgentEvent, HandoffService } from '../handoff/handoff-service';
import type { AgentAuth } from './agent-auth';
import type { AgentViews } from './agent-views';
import { startHeartbeat } from '../channels/websocket-heartbeat';

export const AGENT_STREAM_PATH = '/api/agent/stream';
/** A socket that hasn't signed in by then is closed. */
const AUTH_TIMEOUT_MS = 10_000;
/** How long an available agent's console may be gone (a reload, a blip) before they are set offline; AGENT_OFFLINE_GRACE_SECONDS. */
export const OFFLINE_GRACE_MS = 60_000;
/** Close code for a failed sign-in (4000–4999 are the application's). */
export const CLOSE_UNAUTHORIZED = 4401;

const ClientFrame = z.discriminatedUnion('type', [
  // status: the console signs in as available (or as the agent last chose); left out, the stored status stands.
  z.object({ type: z.literal('auth'), token: z.string().min(1).max(20_000), status: AgentStatusSchema.optional() }),
  z.object({ type: z.literal('typing'), id: z.string().min(1).max(200) }),
  z.object({ type: z.literal('ping') }),
]);

export interface AgentStream {
  /** Takes the upgrade if it is for the agent stream; false leaves it to others. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  close(): void;
}

/**
 * Live events for agents' consoles over a WebSocket. Browsers can't put a header on a WebSocket,
 * so the first frame signs in (`{type:"auth", token}`) — the token never goes in a URL or a log.
 * Every agent hears queue changes; only the agent holding a conversation hears its messages.
 */
export function createAgentStream(deps: { auth: AgentAuth; handoff: HandoffService; views: AgentViews; log: Logger; offlineGraceMs?: number }): AgentStream {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const agents = new Map<WebSocket, Agent>();
  /** Sockets signed in as supervisors: they also hear internal notes on chats they don't hold (they may read them all). */
  const supervisors = new Set<WebSocket>();
  const heartbeat = startHeartbeat(wss);

  const send = (ws: WebSocket, frame: object) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const queueFrame = async () => ({ type: 'queue', waiting: deps.views.queue(await deps.handoff.waiting()) });

  const unsubscribe = deps.handoff.subscribe((agentId, event) => {
    if (event.type === 'status') {
      const { agent, status, since } = event.presence;
      void deps.handoff.assignedTo(agent).then((mine) => {
        const frame = { type: 'status', agent, status, since: new Date(since).toISOString(), load: mine.length };
        for (const ws of agents.keys()) send(ws, frame);
      }, (err: unknown) => deps.log.error('agent-stream-status-failed', { reason: err instanceof Error ? err.message : String(err) }));
      return;
    }
    if (event.type === 'queue-changed') {
      void queueFrame().then((frame) => {
        for (const ws of agents.keys()) send(ws, frame);
      }, (err: unknown) => deps.log.error('agent-stream-queue-failed', { reason: err instanceof Error ? err.message : String(err) }));
      return;
    }
    const frame = toFrame(event, deps.views);
    const hears = (ws: WebSocket, agent: Agent) => agent.id === agentId || (event.type === 'note' && supervisors.has(ws));
    for (const [ws, agent] of agents) if (hears(ws, agent)) send(ws, frame);
  });

  const onFrame = async (ws: WebSocket, data: RawData) => {
    let frame: z.infer<typeof ClientFrame>;
    try {
      // Text frames arrive as one Buffer (binaryType is left at its default, 'nodebuffer').
      frame = ClientFrame.parse(JSON.parse((data as Buffer).toString('utf8')));
    } catch {
      return send(ws, { type: 'error', message: 'Frames are JSON: {type:"auth",token}, {type:"typing",id} or {type:"ping"}' });
    }
    const agent = agents.get(ws);
    switch (frame.type) {
      case 'auth': {
        const signIn = await deps.auth.signIn(frame.token);
        if (!signIn.ok) return ws.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
        agents.set(ws, signIn.agent);
        if (signIn.role === 'supervisor') supervisors.add(ws);
        else supervisors.delete(ws);
        if (frame.status) await deps.handoff.setStatus(signIn.agent, frame.status);
        send(ws, { type: 'ready', agent: signIn.agent });
        return send(ws, await queueFrame());
      }
      case 'typing':
        if (!agent) return ws.close(CLOSE_UNAUTHORIZED, 'Sign in first');
        await deps.handoff.agentTyping(agent, frame.id);
        return;
      case 'ping':
        return send(ws, { type: 'pong' });
      default: {
        const unknown: never = frame;
        return unknown;
      }
    }
  };

  const connected = (ws: WebSocket) => {
    heartbeat.watch(ws);
    const deadline = setTimeout(() => {
      if (!agents.has(ws)) ws.close(CLOSE_UNAUTHORIZED, 'Sign in within 10 seconds');
    }, AUTH_TIMEOUT_MS);
    deadline.unref();
    ws.on('message', (data) => {
      onFrame(ws, data).catch((err: unknown) => {
        deps.log.error('agent-stream-frame-failed', { reason: err instanceof Error ? err.message : String(err) });
        send(ws, { type: 'error', message: 'That could not be done; try again' });
      });
    });
    const gone = () => {
      clearTimeout(deadline);
      const agent = agents.get(ws);
      agents.delete(ws);
      supervisors.delete(ws);
      if (agent && ![...agents.values()].some((a) => a.id === agent.id)) void offlineLater(agent);
    };
    ws.on('close', gone);
    ws.on('error', gone);
  };


  /**
   * The agent's last console here closed: unless they come back (here or on another instance: the
   * status's `since` changes when the console signs in again) they are set offline after the grace.
   */
  const offlineLater = async (agent: Agent) => {
    try {
      const presence = await deps.handoff.statusOf(agent.id);
      if (presence?.status !== 'available') return;
      const timer = setTimeout(() => {
        if ([...agents.values()].some((a) => a.id === agent.id)) return;
        void deps.handoff.setStatusIf(agent, presence.since, 'offline').catch((err: unknown) => deps.log.error('agent-offline-failed', { reason: err instanceof Error ? err.message : String(err) }));
      }, deps.offlineGraceMs ?? OFFLINE_GRACE_MS);
      timer.unref();
    } catch (err) {
      deps.log.error('agent-offline-failed', { reason: err instanceof Error ? err.message : String(err) });
    }
  };

  return {
    upgrade(req, socket, head) {
      if (new URL(req.url ?? '/', 'http://localhost').pathname !== AGENT_STREAM_PATH) return false;
      wss.handleUpgrade(req, socket, head, connected);
      return true;
    },
    close() {
      heartbeat.stop();
      unsubscribe();
      for (const ws of wss.clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}

function toFrame(event: Exclude<AgentEvent, { type: 'queue-changed' | 'status' }>, views: AgentViews): object {
  switch (event.type) {
    case 'message':
      return { type: 'message', id: event.id, line: event.line };
    case 'typing':
      return { type: 'typing', id: event.id };
    case 'assigned':
      return { type: 'assigned', conversation: views.conversation(event.record) };
    case 'ended':
      return { type: 'ended', id: event.id, by: event.by };
    case 'note':
      return { type: 'note', id: event.id, note: event.note };
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
