//! Moves on goals and measures: finding objectives, key results and KPIs by
//! id, the next free ids, and adding a dated reading in date order.

use super::ids::{IdKind, IdsExhausted, next_key_result_id};
use super::{KeyResult, Kpi, Objective, Product, Reading};

/// A key result's reference, `O1.KR1`: its objective's id and its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KrRef<'a> {
    pub objective: &'a str,
    pub key_result: &'a str,
}

impl<'a> KrRef<'a> {
    /// Splits `O1.KR1` at its dot; `None` when there is no dot or a side is empty.
    pub fn parse(text: &'a str) -> Option<Self> {
        let (objective, key_result) = text.split_once('.')?;
        (!objective.is_empty() && !key_result.is_empty()).then_some(KrRef {
            objective,
            key_result,
        })
    }
}

impl Product {
    pub fn objective(&self, id: &str) -> Option<&Objective> {
        self.objectives.iter().find(|o| o.id == id)
    }

    pub fn objective_mut(&mut self, id: &str) -> Option<&mut Objective> {
        self.objectives.iter_mut().find(|o| o.id == id)
    }

    /// The key result a reference such as `O1.KR1` names.
    pub fn key_result(&self, reference: &str) -> Option<&KeyResult> {
        let r = KrRef::parse(reference)?;
        self.objective(r.objective)?.key_result(r.key_result)
    }

    pub fn key_result_mut(&mut self, reference: &str) -> Option<&mut KeyResult> {
        let r = KrRef::parse(reference)?;
        self.objective_mut(r.objective)?
            .key_results
            .iter_mut()
            .find(|kr| kr.id == r.key_result)
    }

    /// Every key result's reference, `O1.KR1`, in file order.
    pub fn key_result_refs(&self) -> Vec<String> {
        self.objectives
            .iter()
            .flat_map(|o| o.key_results.iter().map(move |kr| o.kr_ref(kr)))
            .collect()
    }

    pub fn kpi(&self, id: &str) -> Option<&Kpi> {
        self.kpis.iter().find(|k| k.id == id)
    }

    pub fn kpi_mut(&mut self, id: &str) -> Option<&mut Kpi> {
        self.kpis.iter_mut().find(|k| k.id == id)
    }

    /// The next objective id: `O` and one more than the highest issued.
    pub fn next_objective_id(&self) -> Result<String, IdsExhausted> {
        IdKind::Objective.next_id(self)
    }

    /// The next KPI id: `K` and one more than the highest issued.
    pub fn next_kpi_id(&self) -> Result<String, IdsExhausted> {
        IdKind::Kpi.next_id(self)
    }

    /// The next key result id within the objective `objective`: `KR` and
    /// one more than the highest issued there.
    pub fn next_key_result_id(&self, objective: &str) -> Result<String, IdsExhausted> {
        next_key_result_id(self, objective)
    }
}

impl Objective {
    pub fn key_result(&self, id: &str) -> Option<&KeyResult> {
        self.key_results.iter().find(|kr| kr.id == id)
    }

    /// The reference other sections use for one of its key results: `O1.KR1`.
    pub fn kr_ref(&self, kr: &KeyResult) -> String {
        format!("{}.{}", self.id, kr.id)
    }
}

impl KeyResult {
    /// Records a check-in: the reading goes into the history in date order,
    /// and `current` becomes the value of the latest reading, which is this
    /// one unless it was back-dated.
    pub fn check_in(&mut self, reading: Reading) {
        insert_in_date_order(&mut self.history, reading);
        self.current = latest(&self.history).map(|r| r.value);
    }
}

impl Kpi {
    /// Records a reading in date order.
    pub fn record(&mut self, reading: Reading) {
        insert_in_date_order(&mut self.history, reading);
    }
}

/// Puts a reading after every reading of the same date or earlier, so that
/// the history stays in date order and, within a day, in the order recorded.
pub fn insert_in_date_order(history: &mut Vec<Reading>, reading: Reading) {
    let at = history.partition_point(|r| r.date <= reading.date);
    history.insert(at, reading);
}

/// The latest reading: the last of the latest date (a history edited by hand
/// may be out of order, so the dates decide, not the places).
pub fn latest(history: &[Reading]) -> Option<&Reading> {
    // `max_by_key` keeps the last of equal maxima.
    history.iter().max_by_key(|r| r.date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Date;

    fn reading(date: &str, value: f64) -> Reading {
        Reading {
            date: date.parse().unwrap(),
            value,
            note: None,
        }
    }

    fn kr() -> KeyResult {
        KeyResult {
            id: "KR1".into(),
            title: "Completion".into(),
            unit: None,
            start: 0.0,
            target: 10.0,
            current: None,
            weight: None,
            history: Vec::new(),
        }
    }

    #[test]
    fn a_back_dated_check_in_goes_in_date_order_and_leaves_current() {
        let mut kr = kr();
        kr.check_in(reading("2026-11-10", 4.0));
        kr.check_in(reading("2026-11-20", 6.0));
        kr.check_in(reading("2026-11-15", 5.0));
        let dates: Vec<String> = kr.history.iter().map(|r| r.date.to_string()).collect();
        assert_eq!(dates, ["2026-11-10", "2026-11-15", "2026-11-20"]);
        assert_eq!(kr.current, Some(6.0));
    }

    #[test]
    fn a_second_reading_on_a_day_counts_as_the_latest() {
        let mut kr = kr();
        kr.check_in(reading("2026-11-10", 4.0));
        kr.check_in(reading("2026-11-10", 4.5));
        assert_eq!(kr.current, Some(4.5));
        assert_eq!(latest(&kr.history).map(|r| r.value), Some(4.5));
    }

    #[test]
    fn latest_goes_by_date_in_a_history_out_of_order() {
        let history = [reading("2026-11-20", 6.0), reading("2026-11-01", 1.0)];
        assert_eq!(
            latest(&history).map(|r| r.date),
            Date::from_ymd(2026, 11, 20)
        );
    }

    #[test]
    fn next_ids_follow_the_highest() {
        let mut p = Product::new("P".into(), "RX".into());
        assert_eq!(p.next_objective_id().unwrap(), "O1");
        assert_eq!(p.next_key_result_id("O1").unwrap(), "KR1");
        for id in ["O1", "O7", "Ox"] {
            p.objectives.push(Objective {
                id: id.into(),
                title: "T".into(),
                description: None,
                start: None,
                end: None,
                commitment: None,
                needs: Vec::new(),
                contributes_to: Vec::new(),
                key_results: Vec::new(),
            });
        }
        assert_eq!(p.next_objective_id().unwrap(), "O8");
        p.product.last_ids.objectives = Some(9);
        assert_eq!(p.next_objective_id().unwrap(), "O10");
        p.product.last_ids.key_results.insert("O1".into(), 4);
        assert_eq!(p.next_key_result_id("O1").unwrap(), "KR5");
        assert_eq!(p.next_key_result_id("O7").unwrap(), "KR1");
    }

    #[test]
    fn references_split_at_the_dot() {
        assert_eq!(
            KrRef::parse("O1.KR2"),
            Some(KrRef {
                objective: "O1",
                key_result: "KR2"
            })
        );
        assert_eq!(KrRef::parse("O1"), None);
        assert_eq!(KrRef::parse(".KR1"), None);
    }
}
