//! A desk's decisions as labelled sentences for training the check-worthiness model: a claim
//! dismissed as not worth checking is a negative, a claim that reached a verdict a positive.

use super::Store;
use crate::error::Result;

/// One article with the claims the desk decided on.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledArticle {
    pub id: i64,
    pub body: String,
    /// The date its relative dates were resolved against (YYYY-MM-DD), when it had one.
    pub reference_date: Option<String>,
    /// Claim spans (byte offsets into `body`) with their label: true when check-worthy.
    pub claims: Vec<(usize, usize, bool)>,
}

/// Statuses that say a claim was worth checking: a checker reached a verdict.
const VERDICTS: &str = "'verified', 'false', 'misleading', 'unverifiable'";

impl Store {
    /// Every article with a decided claim, by id, its claims by position. `dismissed` is read
    /// as text, so a database from before that status existed simply has no negatives.
    pub fn labelled_articles(&self) -> Result<Vec<LabelledArticle>> {
        let mut claims = self.connection.prepare(&format!(
            "SELECT article_id, start, end, status <> 'dismissed' FROM claims
             WHERE status = 'dismissed' OR status IN ({VERDICTS})
             ORDER BY article_id, position"
        ))?;
        let mut article = self.connection.prepare(
            "SELECT a.reference_date, t.body FROM articles a
             JOIN article_texts t ON t.article_id = a.id WHERE a.id = ?1",
        )?;
        let mut rows = claims.query([])?;
        let mut articles: Vec<LabelledArticle> = Vec::new();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let (start, end): (i64, i64) = (row.get(1)?, row.get(2)?);
            // The schema keeps offsets non-negative.
            let claim = (start.max(0) as usize, end.max(0) as usize, row.get(3)?);
            match articles.last_mut() {
                Some(last) if last.id == id => last.claims.push(claim),
                _ => {
                    let (reference_date, body) =
                        article.query_row([id], |row| Ok((row.get(0)?, row.get(1)?)))?;
                    articles.push(LabelledArticle {
                        id,
                        body,
                        reference_date,
                        claims: vec![claim],
                    });
                }
            }
        }
        Ok(articles)
    }
}
