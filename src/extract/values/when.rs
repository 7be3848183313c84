//! A date as the text gives it (a day, an ISO week, a month, a year, or a span of them): the
//! typed value the date rules produce, rendered to the ISO strings of the JSON only at the edge.

use chrono::{Datelike, Duration, Months, NaiveDate};

use crate::model::Normalized;

/// One date at the granularity the text gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum When {
    Day(NaiveDate),
    /// An ISO week: its ISO year and number.
    Week {
        year: i32,
        week: u32,
    },
    Month {
        year: i32,
        month: u32,
    },
    Year(i32),
}

/// A date or a span of dates ("over the weekend", "the 1990s"); `None` for an open end.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Period {
    At(When),
    Range(Option<When>, Option<When>),
}

/// The unit of an offset ("two weeks later").
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    /// "day", "weeks", "Month", "fortnight" (two weeks are counted by the caller): the unit a
    /// word names, read by its first letter as the offset patterns allow no other word.
    pub fn of(word: &str) -> Option<Unit> {
        match word.as_bytes().first().map(u8::to_ascii_lowercase)? {
            b'd' => Some(Unit::Day),
            b'w' | b'f' => Some(Unit::Week),
            b'm' => Some(Unit::Month),
            b'y' => Some(Unit::Year),
            _ => None,
        }
    }
}

impl When {
    /// The ISO week that holds `date`.
    pub fn week_of(date: NaiveDate) -> When {
        let week = date.iso_week();
        When::Week {
            year: week.year(),
            week: week.week(),
        }
    }

    /// The month that holds `date`.
    pub fn month_of(date: NaiveDate) -> When {
        When::Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The day, when this names one.
    pub fn day(self) -> Option<NaiveDate> {
        match self {
            When::Day(date) => Some(date),
            _ => None,
        }
    }

    /// Moved by `count` `unit`s, kept at its own granularity: a year moved by months or weeks
    /// is not a date this can say, and gives `None`, as does a week moved by anything.
    pub fn shifted(self, unit: Unit, count: i64) -> Option<When> {
        let months = |count: i64| match unit {
            Unit::Year => Some(12 * count),
            Unit::Month => Some(count),
            _ => None,
        };
        match self {
            When::Year(year) if unit == Unit::Year => {
                Some(When::Year(i32::try_from(i64::from(year) + count).ok()?))
            }
            When::Month { year, month } => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                Some(When::month_of(add_months(first, months(count)?)?))
            }
            When::Day(date) => Some(When::Day(match unit {
                Unit::Day => date + Duration::days(count),
                Unit::Week => date + Duration::days(7 * count),
                Unit::Month | Unit::Year => add_months(date, months(count)?)?,
            })),
            _ => None,
        }
    }

    /// The ISO form of the JSON: "2019-11-15", "2019-W46", "2019-11", "2019".
    /// The period of `unit` that holds this one, when `unit` is coarser ("the following
    /// week" after a day is that day's week); otherwise this one.
    pub fn within(self, unit: Unit) -> When {
        match (self, unit) {
            (When::Day(date), Unit::Week) => When::week_of(date),
            (When::Day(date), Unit::Month) => When::month_of(date),
            (When::Day(date), Unit::Year) => When::Year(date.year()),
            (When::Month { year, .. }, Unit::Year) => When::Year(year),
            _ => self,
        }
    }

    pub fn iso(self) -> String {
        // Not `date.format(..)`: that parses its format string on every call.
        match self {
            When::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            When::Week { year, week } => format!("{year}-W{week:02}"),
            When::Month { year, month } => format!("{year:04}-{month:02}"),
            When::Year(year) => format!("{year}"),
        }
    }
}

impl Period {
    /// The value as the JSON contract writes it.
    pub fn normalized(self) -> Normalized {
        match self {
            Period::At(when) => Normalized::Date(when.iso()),
            Period::Range(from, to) => {
                Normalized::DateRange(from.map(When::iso), to.map(When::iso))
            }
        }
    }

    /// The one date, when this is no span.
    pub fn when(self) -> Option<When> {
        match self {
            Period::At(when) => Some(when),
            Period::Range(..) => None,
        }
    }
}

/// `date` moved by `months` calendar months (negative for earlier).
pub fn add_months(date: NaiveDate, months: i64) -> Option<NaiveDate> {
    let step = Months::new(u32::try_from(months.unsigned_abs()).ok()?);
    if months < 0 {
        date.checked_sub_months(step)
    } else {
        date.checked_add_months(step)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> When {
        When::Day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    /// Each granularity renders as the guideline writes it and moves by its own units.
    #[test]
    fn renders_and_shifts_at_its_granularity() {
        let cases = [
            (day(2019, 3, 31), Unit::Month, -1, Some("2019-02-28")),
            (day(2019, 11, 20), Unit::Week, 2, Some("2019-12-04")),
            (
                When::Month {
                    year: 2019,
                    month: 3,
                },
                Unit::Year,
                -1,
                Some("2018-03"),
            ),
            (
                When::Month {
                    year: 2019,
                    month: 1,
                },
                Unit::Month,
                -1,
                Some("2018-12"),
            ),
            (When::Year(2018), Unit::Year, -1, Some("2017")),
            (When::Year(2018), Unit::Month, -1, None),
            (
                When::Week {
                    year: 2019,
                    week: 46,
                },
                Unit::Week,
                1,
                None,
            ),
        ];
        for (when, unit, count, want) in cases {
            let got = when.shifted(unit, count).map(When::iso);
            assert_eq!(got.as_deref(), want, "{when:?} {unit:?} {count}");
        }
        let week = When::week_of(NaiveDate::from_ymd_opt(2019, 12, 30).unwrap());
        assert_eq!(week.iso(), "2020-W01");
        let span = Period::Range(Some(When::Year(1990)), Some(When::Year(1999)));
        assert_eq!(
            span.normalized(),
            Normalized::DateRange(Some("1990".into()), Some("1999".into()))
        );
    }
}
