/*
 * The agent API: GET/POST /api/agent/* with `Authorization: Bearer <token>`, JSON both ways.
 * Errors come back as ApiError with the server's `{error: {code, message}}`.
 */
import { state } from './state.js';
import { refreshTeamsToken } from './teams.js';

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export async function api(method, path, body, retried = false) {
  const headers = { Accept: 'application/json', Authorization: `Bearer ${state.token}` };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res;
  try {
    res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'Network', 'Cannot reach the server. Check your connection and try again.');
  }
  // Teams SSO tokens expire; a fresh one is one call away, so try once before giving up.
  if (res.status === 401 && state.sso && !retried && (await refreshTeamsToken())) return api(method, path, body, true);
  const data = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data && data.error) || {};
    throw new ApiError(res.status, error.code || 'Error', error.message || `The request failed (${res.status}).`);
  }
  return data;
}

/**
 * GET an answer that isn't JSON (a CSV) or is read by the caller (the reports): the Response when
 * ok, else an ApiError with the server's message, as api() throws; a Teams token is refreshed once.
 */
export async function apiResponse(path, retried = false) {
  let res;
  try {
    res = await fetch(path, { headers: { Authorization: `Bearer ${state.token}` }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'Network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (res.status === 401 && state.sso && !retried && (await refreshTeamsToken())) return apiResponse(path, true);
  if (res.ok) return res;
  const error = (await res.json().catch(() => null))?.error || {};
  throw new ApiError(res.status, error.code || 'Error', error.message || `The request failed (${res.status}).`);
}

export const convPath = (id, action) => `/api/agent/conversations/${encodeURIComponent(id)}/${action}`;
