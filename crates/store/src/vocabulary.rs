//! The words mentors are found by (tags, companies, names), for choices in
//! the search form and for "did you mean" when a search finds nobody.

use crate::sql::Sql;
use crate::{BackendKind, Store, StoreResult};

impl Store {
    /// Every specialization some mentor offers, in alphabetical order.
    pub async fn specializations(&self) -> StoreResult<Vec<String>> {
        self.tags("specializations").await
    }

    /// Distinct values of a JSON list column of mentor profiles.
    async fn tags(&self, column: &str) -> StoreResult<Vec<String>> {
        let sql = match self.kind() {
            BackendKind::Sqlite => format!(
                "SELECT DISTINCT trim(j.value) AS tag FROM mentor_profiles p, json_each(p.{column}) j \
                 WHERE trim(j.value) <> '' ORDER BY tag"
            ),
            BackendKind::Postgres => format!(
                "SELECT DISTINCT trim(j) AS tag FROM mentor_profiles p, jsonb_array_elements_text(p.{column}::jsonb) j \
                 WHERE trim(j) <> '' ORDER BY tag"
            ),
        };
        let rows: Vec<(String,)> = self.read_all(&Sql::of(sql.as_str(), vec![])).await?;
        Ok(rows.into_iter().map(|(t,)| t).collect())
    }

    /// The lower-case words of every mentor's expertise, specializations
    /// (as `specializations()` read them), company, job title and name.
    pub async fn mentor_words(&self, specializations: &[String]) -> StoreResult<Vec<String>> {
        let mut phrases = self.tags("expertise").await?;
        phrases.extend(specializations.iter().cloned());
        const OTHERS: &str = "SELECT DISTINCT p.company FROM mentor_profiles p WHERE p.company <> '' \
             UNION SELECT DISTINCT p.job_title FROM mentor_profiles p WHERE p.job_title <> '' \
             UNION SELECT DISTINCT p.display_name FROM mentor_profiles p";
        let rows: Vec<(String,)> = self.read_all(&Sql::of(OTHERS, vec![])).await?;
        phrases.extend(rows.into_iter().map(|(t,)| t));
        let mut words: Vec<String> = phrases
            .iter()
            .flat_map(|p| p.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 2)
            .map(str::to_lowercase)
            .collect();
        words.sort();
        words.dedup();
        Ok(words)
    }
}
