/**
 * The schema, one entry a version: entry i takes the file from user_version i to i + 1. Append new
 * versions; never edit a released one, files in the field have already run it.
 */
export const MIGRATIONS: readonly string[] = [
  `
  -- Counters shared by every connection to the file: state eTags, handoff ids.
  CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;

  -- botbuilder Storage: the document without its eTag; the eTag is the counter value of the last write.
  CREATE TABLE state (key TEXT PRIMARY KEY, doc TEXT NOT NULL, etag INTEGER NOT NULL);

  CREATE TABLE transcript_activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel_id TEXT NOT NULL,
    conversation_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    json TEXT NOT NULL
  );
  CREATE INDEX transcript_by_conversation ON transcript_activities (channel_id, conversation_id, id);
  CREATE INDEX transcript_by_conversation_id ON transcript_activities (conversation_id);
  CREATE INDEX transcript_by_time ON transcript_activities (at);

  CREATE TABLE handoff_requests (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    state TEXT NOT NULL,
    queued_at INTEGER NOT NULL,
    agent_id TEXT,
    record TEXT NOT NULL
  );
  CREATE INDEX handoff_by_state ON handoff_requests (state, queued_at, n);
  CREATE INDEX handoff_by_agent ON handoff_requests (agent_id, state);
  CREATE INDEX handoff_by_conversation ON handoff_requests (conversation_id);
  -- One open request a conversation, whichever process files it.
  CREATE UNIQUE INDEX handoff_one_open ON handoff_requests (conversation_id) WHERE state IN ('waiting', 'active', 'external');

  CREATE TABLE record_log (
    n INTEGER PRIMARY KEY AUTOINCREMENT,
    log TEXT NOT NULL,
    conversation_id TEXT,
    at TEXT,
    entry TEXT NOT NULL
  );
  CREATE INDEX record_log_by_log ON record_log (log, n);
  CREATE INDEX record_log_by_conversation ON record_log (conversation_id, log);

  CREATE TABLE directline_conversations (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_active INTEGER NOT NULL
  );
  CREATE INDEX directline_by_last_active ON directline_conversations (last_active);
  CREATE TABLE directline_activities (
    conversation_id TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (conversation_id, seq)
  );
  CREATE TABLE directline_client_ids (
    conversation_id TEXT NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    PRIMARY KEY (conversation_id, client_id)
  ) WITHOUT ROWID;
  `,
  `
  -- A conversation is a channel and an id: the same id on another channel is someone else (issue 12).
  -- Requests filed before keep their channel in the record; it is copied out into its own column.
  ALTER TABLE handoff_requests ADD COLUMN channel TEXT NOT NULL DEFAULT '';
  UPDATE handoff_requests SET channel = COALESCE(json_extract(record, '$.channel'), '');
  DROP INDEX handoff_one_open;
  CREATE UNIQUE INDEX handoff_one_open_on_channel ON handoff_requests (channel, conversation_id) WHERE state IN ('waiting', 'active', 'external');
  `,
  `
  -- Closed conversations with people (issue 15): the entry as JSON, the fields searched in columns.
  CREATE TABLE archive (
    n INTEGER PRIMARY KEY,
    handoff_id TEXT NOT NULL UNIQUE,
    conversation_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    user_id TEXT,
    brand TEXT,
    agent_id TEXT,
    reason TEXT,
    closed_at INTEGER NOT NULL,
    entry TEXT NOT NULL
  );
  CREATE INDEX archive_by_closed ON archive (closed_at);
  CREATE INDEX archive_by_conversation ON archive (conversation_id);
  CREATE INDEX archive_by_user ON archive (channel, user_id, closed_at);
  -- Full-text search over the summary and transcript, rowid = archive.n. It indexes archiveWords()
  -- of the text joined by spaces, so SQLite finds the same words as the memory and Redis stores.
  CREATE VIRTUAL TABLE archive_text USING fts5(words, tokenize = 'unicode61 remove_diacritics 0');
  `,
];
