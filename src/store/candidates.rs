//! Matching's side of the store: the candidate index and the document frequencies IDF is
//! computed from, both in `match_terms` (per stem or figure key: how many claims have it, and
//! the newest few filed under it), what a write transaction keeps in memory until it ends, and
//! matching the claims stored without `add` (`claim add`, `import`, `sync`).
//!
//! A new claim looks up a dozen keys at most and reads at most `CandidateStage::postings_read`
//! of the newest claims under each, so its cost does not grow with the archive; the
//! frequencies and the candidates' fingerprints come through caches of fixed size.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rusqlite::{Connection, params};

use crate::error::Result;
use crate::matching::{self, CandidateStage, Fingerprint, MODEL, Weighted};
use crate::model::MatchWhy;

/// A map keyed by a hash or an id: one multiply spreads such a key, where SipHash was a
/// tenth of matching's time.
type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// What matching needs of a new claim, computed where the claim is made (batch add makes
/// claims on its reading thread, so the storing thread, the bottleneck, does not).
#[derive(Debug, Clone)]
pub struct MatchKeys {
    pub(super) fingerprint: Fingerprint,
    pub(super) value_key: String,
}

impl MatchKeys {
    pub fn new(text: &str, values: &[crate::model::Value]) -> MatchKeys {
        let value_key = matching::value_key(values);
        MatchKeys {
            fingerprint: compact(Fingerprint::new(text, &value_key)),
            value_key,
        }
    }
}

/// A fingerprint holding no more memory than its words and figures need, for the fingerprint
/// cache: its stems are gathered one by one, and the vectors' spare room was 2-3 MB of the
/// peak of adding 20 MB.
fn compact(mut fingerprint: Fingerprint) -> Fingerprint {
    fingerprint.stems.shrink_to_fit();
    fingerprint.figures.shrink_to_fit();
    fingerprint
}

/// A key found in this many claims gets no more postings: it no longer tells claims apart,
/// and the index stays bounded.
const POSTINGS_KEPT: u64 = 2_000;
/// Matches a new claim keeps: the best few are what a checker acts on, and an archive of
/// near-identical wire copies would otherwise store a match for every pair.
const KEPT_MATCHES: usize = 5;

/// Set (to anything) to store articles without matching them, indexing them for matching or
/// counting their words: for measuring matching's share of `add`, never for use, since the
/// claims so stored are never candidates.
pub const WITHOUT_MATCHING_VARIABLE: &str = "CLAIMTRACK_MEASURE_WITHOUT_MATCHING";

static MEASURING_WITHOUT_MATCHING: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var_os(WITHOUT_MATCHING_VARIABLE).is_some());

/// The `match_terms` row that counts the claims themselves (no stem hashes to 0).
const CLAIMS_ROW: i64 = 0;

/// A fixed-size direct-mapped cache: an entry lives in the slot its key hashes to, and a new
/// entry for a taken slot replaces the old one. Memory is bounded by design, with no sweep.
#[derive(Debug)]
pub(crate) struct SlotCache<V> {
    slots: Vec<Option<(u64, V)>>,
}

impl<V> SlotCache<V> {
    fn with_slots(bits: u32) -> SlotCache<V> {
        SlotCache {
            slots: std::iter::repeat_with(|| None).take(1 << bits).collect(),
        }
    }

    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & (self.slots.len() - 1)
    }

    fn get(&self, key: u64) -> Option<&V> {
        match &self.slots[self.slot(key)] {
            Some((k, v)) if *k == key => Some(v),
            _ => None,
        }
    }

    fn put(&mut self, key: u64, value: V) -> &V {
        let slot = self.slot(key);
        &self.slots[slot].insert((key, value)).1
    }
}

/// Fingerprints of committed claims by id, so that a claim that is a candidate again and
/// again (a wire story's sentences) is read and stemmed once. Claim texts never change.
pub(crate) type FingerprintCache = SlotCache<Fingerprint>;

impl Default for SlotCache<Fingerprint> {
    fn default() -> Self {
        SlotCache::with_slots(15)
    }
}

fn fingerprint_of<'c>(
    cache: &'c mut FingerprintCache,
    sizes: &mut SlotCache<i64>,
    connection: &Connection,
    id: i64,
) -> Result<&'c Fingerprint> {
    if cache.get(id as u64).is_none() {
        let (text, value_key, position, article_id): (String, String, i64, i64) = connection
            .prepare_cached(
                "SELECT text, value_key, position, article_id FROM claims WHERE id = ?1",
            )?
            .query_row([id], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
            })?;
        let claims = match sizes.get(article_id as u64) {
            Some(claims) => *claims,
            None => {
                let claims = connection
                    .prepare_cached("SELECT max(position) FROM claims WHERE article_id = ?1")?
                    .query_row([article_id], |row| row.get(0))?;
                *sizes.put(article_id as u64, claims)
            }
        };
        let fingerprint = Fingerprint::new(&text, &value_key);
        let fingerprint = compact(fingerprint).placed(position as usize, claims as usize);
        cache.put(id as u64, fingerprint);
    }
    Ok(cache.get(id as u64).expect("just put"))
}

/// What a write transaction adds to the matching tables, written when it ends: postings
/// written one by one as claims were stored land all over the b-tree, sorted and written once
/// they fill its pages in order. Also the full-text rows: FTS5 writes a segment at every
/// savepoint, and a batch takes one per article.
#[derive(Debug)]
pub(crate) struct Pending {
    /// The largest claim id when the transaction began: claims above it are ours.
    indexed_up_to: i64,
    /// The claims filed in `terms` are above this id.
    filed_after: i64,
    /// Every key the transaction meets (at most a few tens of thousands in a batch): its
    /// stored row and what the transaction adds to it, in one entry, so that weighing a key
    /// and reading its postings is one lookup. Three maps (stored rows, counts, postings as a
    /// vector per key) were four cache misses per key and a fifth of the storing thread.
    terms: KeyMap<Term>,
    claims: u64,
    stored_claims: u64,
    /// Matches found, one row per pair (the new claim first), written in both directions
    /// when the transaction ends.
    matches: Vec<MatchRow>,
    /// Some pairs found may be stored already (an import brings its own match records,
    /// scored by another desk): such a pair keeps its row.
    pairs_may_be_stored: bool,
    /// How many claims the articles of candidates read have (their largest position): the
    /// candidates of a claim often come from one article (a wire story), and on a large
    /// archive the second lookup, in an index the page cache does not hold, was a third of
    /// reading a candidate. Only for the transaction: every claim of an article is stored
    /// before any of them is matched, and no other writer can add one meanwhile.
    sizes: SlotCache<i64>,
    /// Working memory of the last article, kept for the next: the allocator hands freed pages
    /// back at once (see `crate::return_freed_memory_promptly`), so tables made afresh for
    /// every article were faulted in page by page, a tenth of the storing thread's time.
    spare: Spare,
}

#[derive(Debug, Default)]
struct Spare {
    known: KeyMap<Known>,
    learnt: Learnt,
}

/// A row of `claim_matches`: (claim, matched claim, score).
type MatchRow = (i64, i64, f64);

/// Claims kept under a key of the candidate index, the newest: more than the candidate stage
/// reads (`CandidateStage::postings_read`), so that the stage can read more without a rebuild.
const POSTINGS_KEPT_PER_KEY: usize = 8;

/// A `match_terms` row: how many stored claims have a stem or figure key, and the newest of
/// them filed under it (0 for none). Both come in one read: the candidate index is the
/// frequency table's `postings` column.
#[derive(Debug, Clone, Copy, Default)]
struct StoredTerm {
    claims: u64,
    postings: [i64; POSTINGS_KEPT_PER_KEY],
}

/// A key as the transaction sees it. Packed (120-byte entries; 176 with 64-bit counts and
/// ids, which added 9 MB to the peak of adding 200 MB): the map holds every key a batch
/// meets, candidates' words included.
#[derive(Debug, Clone, Copy, Default)]
struct Term {
    /// The stored row, once read (it cannot change before the transaction ends).
    stored: StoredTerm,
    read: bool,
    /// Claims counted under the key in the transaction.
    claims: u32,
    /// The transaction's own postings, newest first, as ids above `Pending::filed_after` (0
    /// for none): no more than these are read by matching or written to
    /// `match_terms.postings`.
    newest: [u32; POSTINGS_KEPT_PER_KEY],
}

impl Term {
    fn file(&mut self, id: i64, filed_after: i64) {
        self.newest.copy_within(..POSTINGS_KEPT_PER_KEY - 1, 1);
        self.newest[0] = u32::try_from(id - filed_after)
            .expect("fewer than 4 billion claims filed in one transaction");
    }

    /// The transaction's postings, newest first.
    fn newest(&self, filed_after: i64) -> impl Iterator<Item = i64> + '_ {
        let ids = self.newest.iter().take_while(|id| **id > 0);
        ids.map(move |id| filed_after + i64::from(*id))
    }

    fn count(&mut self, claims: u64) {
        self.claims += u32::try_from(claims).expect("fewer than 4 billion claims per key");
    }
}

impl StoredTerm {
    fn from_row(claims: i64, postings: Option<&str>) -> StoredTerm {
        let mut term = StoredTerm {
            claims: claims as u64,
            ..StoredTerm::default()
        };
        let ids = postings
            .unwrap_or("")
            .split(' ')
            .filter_map(|id| id.parse().ok());
        for (slot, id) in term.postings.iter_mut().zip(ids) {
            *slot = id;
        }
        term
    }

    /// The claims filed under the key, newest first.
    fn postings(&self) -> impl Iterator<Item = i64> + '_ {
        self.postings.iter().copied().take_while(|id| *id > 0)
    }

    /// The postings column once `newer` (newest first) are filed too: the newest few, newest
    /// first, ids separated by spaces.
    fn postings_with(&self, newer: impl Iterator<Item = i64>) -> String {
        let ids = newer.chain(self.postings());
        let ids: Vec<String> = ids
            .take(POSTINGS_KEPT_PER_KEY)
            .map(|id| id.to_string())
            .collect();
        ids.join(" ")
    }
}

impl Pending {
    pub(super) fn begin(transaction: &Connection) -> Result<Pending> {
        let stored_claims: i64 = transaction.query_row(
            "SELECT coalesce((SELECT claims FROM match_terms WHERE term = ?1), 0)",
            [CLAIMS_ROW],
            |row| row.get(0),
        )?;
        let indexed_up_to =
            transaction.query_row("SELECT coalesce(max(id), 0) FROM claims", [], |row| {
                row.get(0)
            })?;
        Ok(Pending {
            indexed_up_to,
            filed_after: indexed_up_to,
            terms: KeyMap::default(),
            claims: 0,
            stored_claims: stored_claims as u64,
            matches: Vec::new(),
            pairs_may_be_stored: false,
            sizes: SlotCache::with_slots(12),
            spare: Spare::default(),
        })
    }

    /// An empty `Learnt` for the next article, with the memory of the last one kept.
    pub(super) fn learnt(&mut self) -> Learnt {
        std::mem::take(&mut self.spare.learnt)
    }

    /// The key's entry, its stored row read.
    fn term(&mut self, connection: &Connection, key: u64) -> Result<&Term> {
        let term = self.terms.entry(key).or_default();
        if !term.read {
            term.stored = read_stored_term(connection, key)?;
            term.read = true;
        }
        Ok(term)
    }

    /// Write the full-text rows, postings, frequencies and matches of the transaction.
    pub(super) fn write(mut self, transaction: &Connection) -> Result<()> {
        transaction.execute(
            "INSERT INTO claims_fts (rowid, text, value_key)
             SELECT id, text, value_key FROM claims WHERE id > ?1",
            [self.indexed_up_to],
        )?;
        // Postings go with the counts: every key a claim is filed under is counted.
        let mut counted: Vec<(u64, Term)> = self
            .terms
            .drain()
            .filter(|(_, term)| term.claims > 0)
            .collect();
        counted.sort_unstable_by_key(|(key, _)| *key as i64);
        let claims_row = (CLAIMS_ROW as u64, self.claims, None);
        let mut rows = vec![claims_row];
        for (key, term) in counted {
            let filed = if term.newest[0] > 0 {
                let stored = match term.read {
                    true => term.stored,
                    false => read_stored_term(transaction, key)?,
                };
                Some(stored.postings_with(term.newest(self.filed_after)))
            } else {
                None
            };
            rows.push((key, u64::from(term.claims), filed));
        }
        for (key, claims, filed) in rows {
            transaction
                .prepare_cached(
                    "INSERT INTO match_terms (term, claims, postings) VALUES (?1, ?2, ?3)
                     ON CONFLICT (term) DO UPDATE SET claims = claims + ?2,
                         postings = coalesce(?3, postings)",
                )?
                .execute(params![key as i64, claims as i64, filed])?;
        }
        self.write_matches(transaction)
    }

    /// Matches are kept one row per pair while the transaction goes on (half the memory of a
    /// batch's largest vector) and written in both directions here: the pairs as found, then
    /// turned round, each pass in the table's own order.
    fn write_matches(mut self, transaction: &Connection) -> Result<()> {
        self.write_match_rows(transaction)?;
        for (claim_id, matched_id, _) in &mut self.matches {
            std::mem::swap(claim_id, matched_id);
        }
        self.write_match_rows(transaction)
    }

    fn write_match_rows(&mut self, transaction: &Connection) -> Result<()> {
        // The table's own order, best first within a claim.
        self.matches
            .sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.2.total_cmp(&a.2)).then(a.1.cmp(&b.1)));
        let mut rows = self.matches.as_slice();
        if !self.pairs_may_be_stored {
            rows = insert_matches_by_chunks(transaction, rows)?;
        }
        let mut insert = transaction.prepare_cached(if self.pairs_may_be_stored {
            "INSERT INTO claim_matches (claim_id, matched_id, score)
             SELECT ?1, ?2, ?3 WHERE NOT EXISTS
                 (SELECT 1 FROM claim_matches WHERE claim_id = ?1 AND matched_id = ?2)"
        } else {
            "INSERT OR IGNORE INTO claim_matches (claim_id, matched_id, score) VALUES (?1, ?2, ?3)"
        })?;
        for (claim_id, matched_id, score) in rows {
            insert.execute(params![claim_id, matched_id, score])?;
        }
        Ok(())
    }
}

/// A key's `match_terms` row, or an empty one.
fn read_stored_term(connection: &Connection, key: u64) -> Result<StoredTerm> {
    let term = connection
        .prepare_cached("SELECT claims, postings FROM match_terms WHERE term = ?1")?
        .query_row([key as i64], |row| {
            Ok(StoredTerm::from_row(
                row.get(0)?,
                row.get_ref(1)?.as_str_or_null()?,
            ))
        })
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(StoredTerm::default()),
            e => Err(e),
        })?;
    Ok(term)
}

/// Match rows written per statement: a batch writes some six per claim, and one statement per
/// row spent more in running statements than in the table.
const MATCH_ROWS_PER_STATEMENT: usize = 64;

/// Insert `rows` (new pairs) by whole chunks; returns the rows left over, fewer than a chunk.
fn insert_matches_by_chunks<'r>(
    transaction: &Connection,
    rows: &'r [MatchRow],
) -> Result<&'r [MatchRow]> {
    static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let values = vec!["(?, ?, ?)"; MATCH_ROWS_PER_STATEMENT].join(", ");
        format!("INSERT OR IGNORE INTO claim_matches (claim_id, matched_id, score) VALUES {values}")
    });
    let mut chunks = rows.chunks_exact(MATCH_ROWS_PER_STATEMENT);
    let mut insert = transaction.prepare_cached(&SQL)?;
    for chunk in &mut chunks {
        let values = chunk.iter().flat_map(|(claim, matched, score)| {
            [
                rusqlite::types::Value::Integer(*claim),
                rusqlite::types::Value::Integer(*matched),
                rusqlite::types::Value::Real(*score),
            ]
        });
        insert.execute(rusqlite::params_from_iter(values))?;
    }
    Ok(chunks.remainder())
}

/// What storing one article taught matching, kept only once the article is stored whole.
#[derive(Debug, Default)]
pub(super) struct Learnt {
    fingerprints: Vec<(i64, Fingerprint)>,
    postings: Vec<(u64, i64)>,
    frequencies: KeyMap<u64>,
    claims: u64,
    matches: Vec<MatchRow>,
}

impl Learnt {
    /// Add the article's postings, frequencies and matches to the transaction's; returns its
    /// claims' fingerprints, for the cache once they are committed.
    pub(super) fn keep(mut self, pending: &mut Pending) -> Vec<(i64, Fingerprint)> {
        for (key, id) in self.postings.drain(..) {
            let filed_after = pending.filed_after;
            pending.terms.entry(key).or_default().file(id, filed_after);
        }
        for (key, n) in self.frequencies.drain() {
            pending.terms.entry(key).or_default().count(n);
        }
        pending.claims += self.claims;
        pending.matches.append(&mut self.matches);
        let fingerprints = std::mem::take(&mut self.fingerprints);
        self.claims = 0;
        pending.spare.learnt = self;
        fingerprints
    }
}

impl FingerprintCache {
    pub(super) fn extend(&mut self, fingerprints: Vec<(i64, Fingerprint)>) {
        for (id, fingerprint) in fingerprints {
            self.put(id as u64, fingerprint);
        }
    }
}

/// Document frequencies as matching sees them while an article is stored: the database's,
/// the transaction's, and the article's own.
struct Frequencies<'a> {
    connection: &'a Connection,
    pending: &'a mut Pending,
    learnt: &'a Learnt,
}

impl Frequencies<'_> {
    /// The key's frequency, and how many claims were stored under it before the transaction.
    fn of(&mut self, key: u64) -> Result<(u64, u64)> {
        let term = self.pending.term(self.connection, key)?;
        let stored = term.stored.claims;
        let own = self.learnt.frequencies.get(&key).copied().unwrap_or(0);
        Ok((stored + u64::from(term.claims) + own, stored))
    }
}

/// The frequency and IDF weight of each key met while an article is stored.
struct ArticleWeights {
    known: KeyMap<Known>,
    /// Claims counted, the article's own included.
    claims: u64,
}

/// Small, so that the article's table stays in the processor's caches: with the key's whole
/// `Term` in it (160-byte entries), probing it was two fifths of weighing.
#[derive(Debug)]
struct Known {
    frequency: u64,
    weight: f64,
    /// Claims stored under the key before the transaction.
    stored: u64,
}

impl ArticleWeights {
    fn weigh(&mut self, frequencies: &mut Frequencies<'_>, key: u64) -> Result<&Known> {
        // One probe whether the key is known or not.
        match self.known.entry(key) {
            std::collections::hash_map::Entry::Occupied(known) => Ok(known.into_mut()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let (frequency, stored) = frequencies.of(key)?;
                Ok(slot.insert(Known {
                    frequency,
                    weight: matching::idf(frequency, self.claims),
                    stored,
                }))
            }
        }
    }

    /// Of a key weighed already.
    fn frequency(&self, key: u64) -> u64 {
        self.known.get(&key).map_or(0, |k| k.frequency)
    }

    /// Of a key weighed already.
    fn weight(&self, key: u64) -> f64 {
        self.known.get(&key).map_or(0.0, |k| k.weight)
    }
}

/// Every key a claim is counted under: its stems and its figure keys.
fn all_keys(fingerprint: &Fingerprint) -> impl Iterator<Item = u64> + '_ {
    // Stems are distinct, figure keys are distinct, and a stem's hash is never a figure's
    // (figure keys hash a '#' the stems cannot contain).
    let stems = fingerprint.stems.iter().map(|s| s.hash);
    stems.chain(fingerprint.figure_keys().iter().copied())
}

/// Count the new claims in the frequencies, then compare each with the stored claims of other
/// articles the index proposes, and keep the best that the model accepts. Everything goes to
/// `learnt`, kept when the article is stored whole.
pub(super) fn record_matches(
    claims: Vec<(i64, Fingerprint)>,
    transaction: &Connection,
    cache: &mut FingerprintCache,
    pending: &mut Pending,
    learnt: &mut Learnt,
) -> Result<()> {
    record_matches_outside(claims, &[], transaction, cache, pending, learnt)
}

/// `record_matches` for claims of an article that has stored claims already (`same_article`,
/// sorted), which are never candidates.
fn record_matches_outside(
    claims: Vec<(i64, Fingerprint)>,
    same_article: &[i64],
    transaction: &Connection,
    cache: &mut FingerprintCache,
    pending: &mut Pending,
    learnt: &mut Learnt,
) -> Result<()> {
    if claims.is_empty() {
        return Ok(());
    }
    if *MEASURING_WITHOUT_MATCHING {
        return Ok(());
    }
    for (_, fingerprint) in &claims {
        learnt.claims += 1;
        for key in all_keys(fingerprint) {
            *learnt.frequencies.entry(key).or_default() += 1;
        }
    }
    // Frequencies cannot change while the article is stored (its own claims are counted
    // above): each key's frequency and weight is read once per article.
    // Room for every key of the article's claims and a few candidates' words, so that the
    // map does not grow key by key (its rehashing was a twentieth of matching's time).
    let mut table = std::mem::take(&mut pending.spare.known);
    table.clear();
    table.reserve(claims.len() * 48);
    let mut known = ArticleWeights {
        known: table,
        claims: pending.stored_claims + pending.claims + learnt.claims,
    };
    let (mut read, mut lists): (Vec<i64>, Vec<(usize, usize, f64)>) = (Vec::new(), Vec::new());
    for (claim_id, fingerprint) in &claims {
        let claim_id = *claim_id;
        let mut frequencies = Frequencies {
            connection: transaction,
            pending: &mut *pending,
            learnt: &*learnt,
        };
        for key in all_keys(fingerprint) {
            known.weigh(&mut frequencies, key)?;
        }
        let rare = matching::rare_idf(known.claims);
        let df = |key: u64| known.frequency(key);
        let in_article = |key: u64| learnt.frequencies.get(&key).copied().unwrap_or(0);
        let mine = Weighted::new(fingerprint, &|key| known.weight(key));
        let stage = CandidateStage::SHIPPED;
        // Each key's list is a range of one buffer: a vector per key and claim was a
        // twentieth of matching's time.
        read.clear();
        lists.clear();
        for key in fingerprint.lookup_keys(&stage, &|key| df(key) - in_article(key)) {
            let start = read.len();
            // The transaction's own postings (other articles') are newer than the stored ones.
            if let Some(term) = frequencies.pending.terms.get(&key) {
                let newer = term.newest(frequencies.pending.filed_after);
                let newer = newer.take(stage.postings_read);
                let stored = term.stored.postings().take(stage.postings_read);
                read.extend(
                    newer
                        .chain(stored)
                        .filter(|id| same_article.binary_search(id).is_err()),
                );
            }
            lists.push((start, read.len(), known.weight(key)));
        }
        let found = stage.rank(lists.iter().map(|(a, b, w)| (&read[*a..*b], *w)));
        let mut scored = Vec::new();
        for other_id in found {
            let other =
                fingerprint_of(cache, &mut frequencies.pending.sizes, transaction, other_id)?;
            if let Some(score) = matching::judge(&MODEL, &mine, other, rare) {
                scored.push((score, other_id));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(KEPT_MATCHES);
        for (score, other_id) in scored {
            let score = (score * 1e4).round() / 1e4;
            learnt.matches.push((claim_id, other_id, score));
        }
        let df = |key: u64| known.frequency(key);
        for key in fingerprint.index_keys(&stage, &df) {
            let stored = known.known.get(&key).map_or(0, |k| k.stored);
            if stored < POSTINGS_KEPT {
                learnt.postings.push((key, claim_id));
            }
        }
    }
    // Moved, not cloned: copying every fingerprint was a fiftieth of the storing thread.
    learnt.fingerprints.extend(claims);
    pending.spare.known = known.known;
    Ok(())
}

/// Why two stored claims match: what they share, most distinctive words first.
pub(super) fn why(connection: &Connection, claim_id: i64, matched_id: i64) -> Result<MatchWhy> {
    let mut read = connection.prepare_cached("SELECT text, value_key FROM claims WHERE id = ?1")?;
    let mut fingerprint = |id: i64| -> Result<(String, Fingerprint)> {
        let (text, value_key): (String, String) =
            read.query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
        let fingerprint = Fingerprint::new(&text, &value_key);
        Ok((text, fingerprint))
    };
    let (text, a) = fingerprint(claim_id)?;
    let (_, b) = fingerprint(matched_id)?;
    let mut count = connection
        .prepare_cached("SELECT coalesce((SELECT claims FROM match_terms WHERE term = ?1), 0)")?;
    let claims: i64 = count.query_row([CLAIMS_ROW], |row| row.get(0))?;
    let mut table = HashMap::new();
    for stem in a.stems.iter().chain(&b.stems) {
        let n: i64 = count.query_row([stem.hash as i64], |row| row.get(0))?;
        table.insert(stem.hash, n as u64);
    }
    let weight = |key: u64| matching::idf(table.get(&key).copied().unwrap_or(1), claims as u64);
    Ok(matching::why(&a, &text, &b, &weight))
}

/// Index claims above `after` that are not in the matching tables yet (all of them after the
/// upgrade that introduced the tables): postings, frequencies and full-text rows. Their
/// matches are not looked for: the matches stored before the upgrade are kept as they were.
pub(super) fn index_claims_after(transaction: &Connection, after: i64) -> Result<()> {
    let mut pending = Pending::begin(transaction)?;
    pending.indexed_up_to = after;
    index_stored_claims(transaction, after, &mut pending)?;
    pending.write(transaction)
}

/// Rebuild `match_terms` from every stored claim, after an upgrade that changed the keys a
/// claim is read into. Full-text rows are not written again (`Pending::begin` counts every
/// stored claim as indexed) and stored matches stay as they were.
pub(super) fn reindex_terms(transaction: &Connection) -> Result<()> {
    transaction.execute("DELETE FROM match_terms", [])?;
    let mut pending = Pending::begin(transaction)?;
    index_stored_claims(transaction, 0, &mut pending)?;
    pending.write(transaction)
}

/// Count and file the claims above `after` in `pending`, streamed from the table article by
/// article, as `add` files them: a claim's keys are chosen by the frequencies before its
/// article, and a key found in `POSTINGS_KEPT` claims gets no more postings. A key keeps only
/// its newest postings as it goes, since `Pending::write` keeps no more, so memory grows with
/// the vocabulary, not with the archive.
fn index_stored_claims(transaction: &Connection, after: i64, pending: &mut Pending) -> Result<()> {
    let mut statement = transaction
        .prepare("SELECT id, article_id, text, value_key FROM claims WHERE id > ?1 ORDER BY id")?;
    let mut rows = statement.query([after])?;
    pending.filed_after = after;
    let mut article: Vec<(i64, Fingerprint)> = Vec::new();
    let mut article_id = None;
    while let Some(row) = rows.next()? {
        let (id, of, text, value_key): (i64, i64, String, String) =
            (row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?);
        if article_id != Some(of) {
            file_article(pending, &mut article);
            article_id = Some(of);
        }
        article.push((id, Fingerprint::new(&text, &value_key)));
    }
    file_article(pending, &mut article);
    Ok(())
}

/// Count one article's claims, then file them under their keys. Like `add`, the keys are
/// chosen by frequencies that count the article itself, and the bound on postings reads the
/// frequencies before it.
fn file_article(pending: &mut Pending, article: &mut Vec<(i64, Fingerprint)>) {
    let mut in_article: KeyMap<u64> = KeyMap::default();
    for (_, fingerprint) in article.iter() {
        pending.claims += 1;
        for key in all_keys(fingerprint) {
            pending.terms.entry(key).or_default().count(1);
            *in_article.entry(key).or_default() += 1;
        }
    }
    let terms = &pending.terms;
    let df = |key: u64| terms.get(&key).map_or(0, |t| u64::from(t.claims));
    let mut filed: Vec<(u64, i64)> = Vec::new();
    for (id, fingerprint) in article.drain(..) {
        for key in fingerprint.index_keys(&CandidateStage::SHIPPED, &df) {
            if df(key) - in_article.get(&key).copied().unwrap_or(0) < POSTINGS_KEPT {
                filed.push((key, id));
            }
        }
    }
    for (key, id) in filed {
        let filed_after = pending.filed_after;
        pending.terms.entry(key).or_default().file(id, filed_after);
    }
}

/// Match and index claims above `after` that were stored without `add` (a claim added by hand,
/// imported or pulled by a sync): each is compared with the stored claims of other articles,
/// as `add` compares a new article's claims, article by article in id order.
pub(super) fn match_claims_after(transaction: &Connection, after: i64) -> Result<()> {
    let mut pending = Pending::begin(transaction)?;
    pending.indexed_up_to = after;
    pending.filed_after = after;
    pending.pairs_may_be_stored = true;
    type Row = (i64, i64, String, String, i64, i64);
    let rows: Vec<Row> = transaction
        .prepare(
            "SELECT id, article_id, text, value_key, position,
                 (SELECT max(position) FROM claims o WHERE o.article_id = c.article_id)
             FROM claims c WHERE id > ?1 ORDER BY article_id, id",
        )?
        .query_map([after], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Few claims come this way at once: a small cache, not the store's.
    let mut cache = SlotCache::with_slots(10);
    for article in rows.chunk_by(|a, b| a.1 == b.1) {
        let claims: Vec<(i64, Fingerprint)> = article
            .iter()
            .map(|(id, _, text, value_key, position, claims)| {
                let fingerprint = Fingerprint::new(text, value_key);
                (
                    *id,
                    fingerprint.placed(*position as usize, *claims as usize),
                )
            })
            .collect();
        let same_article: Vec<i64> = transaction
            .prepare_cached("SELECT id FROM claims WHERE article_id = ?1 ORDER BY id")?
            .query_map([article[0].1], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut learnt = pending.learnt();
        record_matches_outside(
            claims,
            &same_article,
            transaction,
            &mut cache,
            &mut pending,
            &mut learnt,
        )?;
        learnt.keep(&mut pending);
    }
    pending.write(transaction)
}
