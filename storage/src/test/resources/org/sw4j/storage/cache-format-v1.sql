-- A cache database of schema version 1, written by hand as the format describes it (see
-- SqliteCacheStore's Javadoc). SqliteFormatTest opens it with the current code: any change of a
-- stored spelling, a column or an encoding that comes without a migration breaks that test.
CREATE TABLE storage_keys (
  storage_key TEXT PRIMARY KEY NOT NULL,
  persisted INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE caches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  storage_key TEXT NOT NULL,
  name TEXT NOT NULL,
  creation_order INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX caches_live_name ON caches (storage_key, name) WHERE deleted = 0;
CREATE INDEX caches_creation ON caches (storage_key, creation_order);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  cache_id INTEGER NOT NULL REFERENCES caches (id) ON DELETE CASCADE,
  url_no_query TEXT NOT NULL,
  query TEXT NOT NULL,
  has_query INTEGER NOT NULL,
  method TEXT NOT NULL,
  mode TEXT NOT NULL,
  credentials TEXT NOT NULL,
  cache_mode TEXT NOT NULL,
  redirect TEXT NOT NULL,
  referrer TEXT NOT NULL,
  referrer_policy TEXT NOT NULL,
  integrity TEXT NOT NULL,
  destination TEXT NOT NULL,
  response_type TEXT NOT NULL,
  status INTEGER NOT NULL,
  status_text TEXT NOT NULL,
  url_list TEXT NOT NULL,
  cors_exposed_header_names TEXT NOT NULL,
  range_requested INTEGER NOT NULL,
  request_includes_credentials INTEGER NOT NULL,
  body_id INTEGER NOT NULL,
  body_size INTEGER NOT NULL,
  row_size INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX entries_url ON entries (cache_id, url_no_query, query);
CREATE TABLE request_headers (
  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE TABLE response_headers (
  entry_id INTEGER NOT NULL REFERENCES entries (id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  name_lower TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (entry_id, position)
) WITHOUT ROWID;
CREATE INDEX response_headers_name ON response_headers (name_lower, entry_id);

INSERT INTO storage_keys (storage_key, persisted) VALUES ('https://example.com', 1), ('https://other.example', 0);
INSERT INTO caches (id, storage_key, name, creation_order, created_at, deleted) VALUES
  (7, 'https://example.com', 'v2', 2, 1700000001000, 0),
  (5, 'https://example.com', 'v1', 1, 1700000000000, 0),
  (9, 'https://example.com', 'v1', 0, 1690000000000, 1),
  (11, 'https://other.example', 'x', 3, 1700000002000, 0);
INSERT INTO entries VALUES
  (100, 5, 'https://cdn.example/app.js', '', 0, 'GET', 'no-cors', 'include', 'no-store', 'manual',
   'https://example.com/page', 'no-referrer', 'sha256-abc=', 'script', 'opaque', 0, '',
   '["https://cdn.example/app.js","https://cdn.example/app.js?r=\"1\""]', '[]', 0, 1, 42, 14, 100, 1700000000500),
  (101, 5, 'https://example.com/api', 'q=1', 1, 'GET', 'cors', 'same-origin', 'default', 'follow',
   'about:client', '', '', '', 'cors', 200, 'OK', '[]', '["X-Custom","x-other"]', 1, 0, -1, 0, 200, 1700000000600),
  (102, 5, 'https://example.com/api', '', 1, 'GET', 'navigate', 'omit', 'reload', 'error',
   '', 'unsafe-url', '', 'document', 'basic', 404, 'Not Found', '[]', '[]', 0, 0, -1, 0, 300, 1700000000700),
  (103, 9, 'https://example.com/old', '', 0, 'GET', 'cors', 'same-origin', 'default', 'follow',
   'about:client', '', '', '', 'basic', 200, 'OK', '[]', '[]', 0, 0, 43, 3, 50, 1690000000500),
  (104, 11, 'https://other.example/', '', 0, 'GET', 'cors', 'same-origin', 'default', 'follow',
   'about:client', '', '', '', 'default', 200, '', '[]', '[]', 0, 0, -1, 0, 7, 1700000002500);
INSERT INTO request_headers (entry_id, position, name, value) VALUES
  (101, 0, 'Accept', 'application/json'),
  (101, 1, 'X-Token', 'a'),
  (101, 2, 'x-token', 'b');
INSERT INTO response_headers (entry_id, position, name, name_lower, value) VALUES
  (100, 0, 'Content-Type', 'content-type', 'text/javascript'),
  (101, 0, 'Vary', 'vary', 'Accept'),
  (101, 1, 'Content-Type', 'content-type', 'application/json');
PRAGMA user_version = 1;
