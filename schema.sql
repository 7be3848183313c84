-- claimtrack schema. PRAGMA user_version (set by the store, not here) is its version: 11.
-- Constraints live here, not only in Rust, so that no tool writing to the file can break them.
-- Batch `add` stores articles, claims and values with CHECKs skipped, having checked in Rust
-- what they refuse (store::claims::check_new_article, by speed9): the schema is unchanged.
-- A CHECK on a set of words is written `x = 'a' OR x = 'b' ...`, not `x IN ('a', 'b', ...)`:
-- SQLite builds a temporary b-tree for an IN list of more than two values at every insert,
-- which was 7% of `add`'s storing time (upgrade by speed4; the events table, written a row
-- at a time, keeps its IN lists).

CREATE TABLE articles (
    id               INTEGER PRIMARY KEY,
    title            TEXT    NOT NULL,
    url              TEXT,
    outlet           TEXT,
    published        TEXT    CHECK (published IS NULL OR date(published) = published),
    -- The date relative dates were resolved against, and where it came from.
    reference_date   TEXT    CHECK (reference_date IS NULL OR date(reference_date) = reference_date),
    reference_source TEXT    NOT NULL CHECK (reference_source = 'given' OR reference_source = 'text' OR reference_source = 'none'),
    added_at         TEXT    NOT NULL,
    content_hash     TEXT    NOT NULL UNIQUE
);

-- The full text of each article, exactly as read; claim offsets are byte offsets into it. Kept
-- apart from `articles` so that listing articles never reads their texts.
CREATE TABLE article_texts (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    body       TEXT    NOT NULL
);

CREATE TABLE claims (
    id                INTEGER PRIMARY KEY,
    article_id        INTEGER NOT NULL REFERENCES articles (id),
    position          INTEGER NOT NULL,
    text              TEXT    NOT NULL,
    -- Byte offsets into articles.body.
    start             INTEGER NOT NULL CHECK (start >= 0),
    end               INTEGER NOT NULL CHECK (end > start),
    kind              TEXT    NOT NULL
                      CHECK (kind = 'election' OR kind = 'quantity' OR kind = 'date' OR kind = 'quote' OR kind = 'role' OR kind = 'statement'),
    -- Every kind, most specific first, comma-separated.
    kinds             TEXT    NOT NULL,
    score             REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
    speaker           TEXT,
    -- Kept in step with the last status event in the same transaction.
    status            TEXT    NOT NULL DEFAULT 'unverified'
                      CHECK (status = 'unverified' OR status = 'in-progress' OR status = 'verified' OR status = 'false' OR status = 'misleading' OR status = 'unverifiable' OR status = 'dismissed'),
    status_changed_at TEXT    NOT NULL,
    -- The checker the claim is assigned to; kept in step with the last 'assign' event.
    assignee          TEXT,
    -- The claim's normalised figures and dates, `kind:value:unit` joined by `|`
    -- (matching::value_key): matching compares them and search finds figures by them in
    -- claims_fts (upgrade by speed2: no index of its own, which nothing read and which cost
    -- a tenth of add's writing).
    value_key         TEXT    NOT NULL DEFAULT '',
    -- 1 when a sync brought in a verdict given without knowing the one it replaced (see
    -- store::sync::derive); cleared by the next mark or note on the claim.
    conflict          INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),
    UNIQUE (article_id, position),
    UNIQUE (article_id, start, end)
);
CREATE INDEX claims_by_status ON claims (status, id);
CREATE INDEX claims_by_assignee ON claims (assignee) WHERE assignee IS NOT NULL;
CREATE INDEX claims_in_conflict ON claims (id) WHERE conflict = 1;

-- Claims per article and status, so that `status` answers at once on a million claims instead
-- of counting them. Kept in step with `claims` in the same transaction: every claim is
-- inserted 'unverified', and the store counts an article's new claims with one statement
-- (store::claims::count_new_claims; upgrade by speed2: a per-row insert trigger was a fifth
-- of add's writing); the triggers below follow status changes and deletions.
CREATE TABLE article_status_counts (
    article_id INTEGER NOT NULL REFERENCES articles (id),
    status     TEXT    NOT NULL,
    claims     INTEGER NOT NULL CHECK (claims >= 0),
    PRIMARY KEY (article_id, status)
) WITHOUT ROWID;

CREATE TRIGGER claims_counted_on_status AFTER UPDATE OF status ON claims WHEN OLD.status <> NEW.status
BEGIN
    UPDATE article_status_counts SET claims = claims - 1
    WHERE article_id = OLD.article_id AND status = OLD.status;
    INSERT INTO article_status_counts (article_id, status, claims) VALUES (NEW.article_id, NEW.status, 1)
    ON CONFLICT (article_id, status) DO UPDATE SET claims = claims + 1;
END;
CREATE TRIGGER claims_counted_on_delete AFTER DELETE ON claims
BEGIN
    UPDATE article_status_counts SET claims = claims - 1
    WHERE article_id = OLD.article_id AND status = OLD.status;
END;

-- Further places in the same article that state the claim again: one thing to check.
CREATE TABLE claim_occurrences (
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    start    INTEGER NOT NULL CHECK (start >= 0),
    end      INTEGER NOT NULL CHECK (end > start),
    text     TEXT    NOT NULL,
    PRIMARY KEY (claim_id, start)
);

CREATE TABLE claim_values (
    id       INTEGER PRIMARY KEY,
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    position INTEGER NOT NULL,
    type     TEXT    NOT NULL
             CHECK (type = 'count' OR type = 'number' OR type = 'money' OR type = 'percent' OR type = 'ordinal' OR type = 'range' OR type = 'date'),
    text     TEXT    NOT NULL,
    -- The normalised value as JSON: a number, [low, high] or an ISO date string.
    value    TEXT    NOT NULL CHECK (json_valid(value)),
    unit     TEXT,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    -- Also the index by claim (upgrade by speed: a separate one on claim_id repeated it).
    UNIQUE (claim_id, position)
);

CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    -- A URL (http or https) or a free-text citation.
    reference  TEXT    NOT NULL CHECK (length(trim(reference)) > 0),
    is_url     INTEGER NOT NULL CHECK (is_url IN (0, 1)),
    title      TEXT,
    note       TEXT,
    excerpt    TEXT,
    added_by   TEXT    NOT NULL,
    added_at   TEXT    NOT NULL,
    -- Set when an undo takes the source back; the row stays for the record.
    withdrawn  INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
    -- Set when the source was copied from another claim by 'mark --same-as'.
    copied_from INTEGER REFERENCES sources (id),
    -- The source's identity on every replica (store::sync): set when it is stored, never changed.
    uid        TEXT
);
CREATE INDEX sources_by_claim ON sources (claim_id);
CREATE UNIQUE INDEX sources_by_uid ON sources (uid);

-- The audit trail: one row per change, never updated or deleted. Every event records the status
-- and assignee before and after it (equal when it did not change them), so undo, history and
-- progress over time are all read from here.
CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    claim_id      INTEGER NOT NULL REFERENCES claims (id),
    action        TEXT    NOT NULL
                  CHECK (action IN ('status', 'source', 'note', 'assign', 'same-as', 'undo', 'added')),
    at            TEXT    NOT NULL,
    by            TEXT    NOT NULL,
    from_status   TEXT    NOT NULL
                  CHECK (from_status IN ('unverified', 'in-progress', 'verified', 'false', 'misleading', 'unverifiable', 'dismissed')),
    to_status     TEXT    NOT NULL
                  CHECK (to_status IN ('unverified', 'in-progress', 'verified', 'false', 'misleading', 'unverifiable', 'dismissed')),
    from_assignee TEXT,
    to_assignee   TEXT,
    note          TEXT,
    -- For 'undo': the event it reverts (an undo of an undo re-applies).
    undoes        INTEGER REFERENCES events (id),
    -- For 'same-as': the claim whose verdict and sources were copied.
    same_as       INTEGER REFERENCES claims (id),
    -- The event's identity on every replica (store::sync): set when it is stored, never changed.
    uid           TEXT,
    -- One more than the highest tick among the claim's events its author had seen, so that
    -- ordering by (at, tick, uid) keeps an author's order within one second.
    tick          INTEGER,
    CHECK ((action = 'undo') = (undoes IS NOT NULL)),
    CHECK ((action = 'same-as') = (same_as IS NOT NULL))
);
CREATE INDEX events_by_claim ON events (claim_id, id);
CREATE UNIQUE INDEX events_by_uid ON events (uid);
CREATE INDEX events_by_checker ON events (by, at);

-- Sources an event attached ('add') or withdrew ('withdraw', by an undo).
CREATE TABLE event_sources (
    event_id  INTEGER NOT NULL REFERENCES events (id),
    source_id INTEGER NOT NULL REFERENCES sources (id),
    effect    TEXT    NOT NULL CHECK (effect IN ('add', 'withdraw')),
    PRIMARY KEY (event_id, source_id)
);

-- Claims of other articles that say the same thing: same figures and dates, similar wording.
-- Found when an article is added, and stored in both directions. The table is its primary
-- key (WITHOUT ROWID), ordered best first within a claim, so that `list` reads a claim's best
-- few matches without sorting all of them (a claim that many wire copies repeat has
-- thousands), and adding an archive writes one b-tree per match row instead of a table and
-- two indexes. A pair's score is a function of the two claims, so (claim, score, match) is
-- one row per pair.
CREATE TABLE claim_matches (
    claim_id       INTEGER NOT NULL REFERENCES claims (id),
    matched_id     INTEGER NOT NULL REFERENCES claims (id),
    score          REAL    NOT NULL CHECK (score >= 0 AND score <= 1),
    PRIMARY KEY (claim_id, score DESC, matched_id),
    CHECK (claim_id <> matched_id)
) WITHOUT ROWID;

-- Full-text index over claim texts and their normalised figures (`value_key`), kept in step
-- by the store (claim texts never change). Porter stems words, so "envoy" finds "envoys".
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, value_key, content = 'claims', content_rowid = 'id', tokenize = 'porter unicode61'
);

-- Claim matching's document frequencies and candidate index (upgrade by matching; postings
-- upgrade by matching3): for each word stem or figure key (a hash), how many claims have it
-- (term 0 counts the claims), and the newest few claims filed under it (ids newest first,
-- separated by spaces; a claim is filed under its figure keys and its rarest stems,
-- matching::Fingerprint::index_keys). One read gives a key's weight and its candidates, and
-- the index stays a few ids per key however large the archive. Written when a write
-- transaction ends.
CREATE TABLE match_terms (
    term     INTEGER PRIMARY KEY,
    claims   INTEGER NOT NULL,
    postings TEXT
);

-- Corrections to an article's details (`article edit`), one row per changed field, never
-- updated or deleted. A changed 'published' also re-resolved the article's relative dates.
CREATE TABLE article_events (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    field      TEXT    NOT NULL CHECK (field IN ('title', 'url', 'outlet', 'published')),
    old_value  TEXT,
    new_value  TEXT,
    at         TEXT    NOT NULL,
    by         TEXT    NOT NULL,
    note       TEXT
);
CREATE INDEX article_events_by_article ON article_events (article_id, id);
CREATE TRIGGER article_events_are_append_only_update BEFORE UPDATE ON article_events
BEGIN
    SELECT RAISE(ABORT, 'article events are append-only');
END;
CREATE TRIGGER article_events_are_append_only_delete BEFORE DELETE ON article_events
BEGIN
    SELECT RAISE(ABORT, 'article events are append-only');
END;

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'events are append-only');
END;

-- Per shared remote database (by the remote's own id): how far this replica pulled (the
-- remote's sequence) and pushed (the highest local row id of each table sent).
CREATE TABLE sync_marks (
    desk     TEXT    PRIMARY KEY,
    pulled   INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    claims   INTEGER NOT NULL DEFAULT 0,
    sources  INTEGER NOT NULL DEFAULT 0,
    events   INTEGER NOT NULL DEFAULT 0,
    synced_at TEXT
);

-- Settings stored with the database (`remote set`): the remote URL, never with a password.
CREATE TABLE settings (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
