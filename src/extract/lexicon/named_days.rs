//! Days named rather than numbered (`named_days.txt`): the forms of each name as a regex, and
//! the rule that places the day in a year. The date stage turns the rules into dates.

use std::sync::LazyLock;

use super::{MONTHS, WEEKDAYS, line_of};

/// How a named day falls in a year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DayRule {
    /// The same month and day every year (Christmas: 12-25).
    Fixed { month: u32, day: u32 },
    /// The `n`th `weekday` (0 is Monday) of `month`, the last one where `n` is 0, then `days`
    /// after it: Labor Day is the first Monday of September, Black Friday the day after the
    /// fourth Thursday of November.
    Nth {
        month: u32,
        weekday: u8,
        n: u8,
        days: i64,
    },
    /// `days` after (or before) Easter Sunday.
    Easter { days: i64 },
}

/// One line of `named_days.txt`.
#[derive(Debug)]
pub struct NamedDay {
    /// The forms of the name as a regex without capture groups ("christmas(?:\s+(?:day))?").
    pub pattern: String,
    pub rule: DayRule,
}

/// The named days in file order: where two forms start alike, the earlier line wins.
pub static NAMED_DAYS: LazyLock<Vec<NamedDay>> = LazyLock::new(|| {
    include_str!("named_days.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            named_day(line).unwrap_or_else(|| panic!("named_days.txt: cannot read {line:?}"))
        })
        .collect()
});

fn named_day(line: &str) -> Option<NamedDay> {
    let (forms, rule) = line.split_once('\t')?;
    Some(NamedDay {
        pattern: forms_pattern(forms)?,
        rule: day_rule(rule.trim())?,
    })
}

/// The regex of a name's forms, written as the head of `named_days.txt` says: "(a|b)" one of
/// several words, "[a|b]" a word that may be left out, "year['s|s]" an ending that may be.
fn forms_pattern(forms: &str) -> Option<String> {
    let mut pattern = String::new();
    // Whether the words so far end with the space before the next one: an optional first word
    // takes the space after it along.
    let mut spaced = true;
    for word in forms.split(' ') {
        if let Some(inner) = word.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
            let first = pattern.is_empty();
            pattern += &if first {
                format!(r"(?:{}\s+)?", choices(inner))
            } else {
                format!(r"(?:\s+{})?", choices(inner))
            };
            spaced = first;
            continue;
        }
        if !spaced {
            pattern += r"\s+";
        }
        spaced = false;
        let (stem, ending) = match word.find('[') {
            Some(at) => (&word[..at], Some(word[at + 1..].strip_suffix(']')?)),
            None => (word, None),
        };
        match stem.strip_prefix('(').and_then(|w| w.strip_suffix(')')) {
            Some(inner) => pattern += &choices(inner),
            None => pattern += &literal(stem),
        }
        if let Some(ending) = ending {
            pattern += &format!("{}?", choices(ending));
        }
    }
    Some(pattern)
}

fn choices(words: &str) -> String {
    let words: Vec<String> = words.split('|').map(literal).collect();
    format!("(?:{})", words.join("|"))
}

/// A word as a regex: either apostrophe where the file writes `'`.
fn literal(word: &str) -> String {
    regex::escape(word).replace('\'', "(?:'|’)")
}

/// "12-25", "4 thu nov +1", "last mon may", "easter -2".
fn day_rule(rule: &str) -> Option<DayRule> {
    let words: Vec<&str> = rule.split(' ').collect();
    let days = |rest: &[&str]| match rest {
        [] => Some(0),
        [days] => days.parse().ok(),
        _ => None,
    };
    match words[..] {
        [fixed] if fixed.contains('-') => {
            let (month, day) = fixed.split_once('-')?;
            Some(DayRule::Fixed {
                month: month.parse().ok()?,
                day: day.parse().ok()?,
            })
        }
        ["easter", ref rest @ ..] => Some(DayRule::Easter { days: days(rest)? }),
        [n, weekday, month, ref rest @ ..] => Some(DayRule::Nth {
            month: line_of(&MONTHS, month)? as u32 + 1,
            weekday: line_of(&WEEKDAYS, weekday)? as u8,
            n: if n == "last" { 0 } else { n.parse().ok()? },
            days: days(rest)?,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first line whose forms are the whole of `name`.
    fn line_for(name: &str) -> Option<usize> {
        NAMED_DAYS.iter().position(|day| {
            regex::Regex::new(&format!("(?i-u)^(?:{})$", day.pattern))
                .unwrap()
                .is_match(name)
        })
    }

    #[test]
    fn every_line_reads_and_its_forms_match_their_names() {
        assert_eq!(NAMED_DAYS.len(), 27);
        for day in NAMED_DAYS.iter() {
            match day.rule {
                DayRule::Fixed { month, day } => {
                    assert!(chrono::NaiveDate::from_ymd_opt(2000, month, day).is_some())
                }
                DayRule::Nth { n, .. } => assert!(n <= 5),
                DayRule::Easter { .. } => {}
            }
        }
        let cases = [
            ("Christmas Eve", DayRule::Fixed { month: 12, day: 24 }),
            ("Christmas", DayRule::Fixed { month: 12, day: 25 }),
            ("New Year’s Eve", DayRule::Fixed { month: 12, day: 31 }),
            ("new years day", DayRule::Fixed { month: 1, day: 1 }),
            ("St. Patrick's Day", DayRule::Fixed { month: 3, day: 17 }),
            (
                "International Workers' Day",
                DayRule::Fixed { month: 5, day: 1 },
            ),
            ("Good Friday", DayRule::Easter { days: -2 }),
            (
                "Black Friday",
                DayRule::Nth {
                    month: 11,
                    weekday: 3,
                    n: 4,
                    days: 1,
                },
            ),
            (
                "Memorial Day",
                DayRule::Nth {
                    month: 5,
                    weekday: 0,
                    n: 0,
                    days: 0,
                },
            ),
        ];
        for (name, rule) in cases {
            let line = line_for(name).unwrap_or_else(|| panic!("{name}"));
            assert_eq!(NAMED_DAYS[line].rule, rule, "{name}");
        }
        // A form that needs a word is not the name without it.
        assert_eq!(line_for("labour"), None);
        assert_eq!(line_for("Valentine’s Day Eve"), None);
    }

    #[test]
    fn bad_lines_are_refused() {
        for line in [
            "christmas 12-25",
            "x\tfifth mon sep",
            "x\t1 mon septober",
            "x\teaster +one",
            "x\t2 thu nov +1 +2",
        ] {
            assert!(named_day(line).is_none(), "{line}");
        }
    }

    /// The trigger pass runs the named-day rule only where a word of `holiday_words.txt` or
    /// `holiday_leads.txt` stands, so every name must hold one that cannot be left out.
    #[test]
    fn every_name_holds_a_trigger_word() {
        let triggers: Vec<&str> = super::super::HOLIDAY_WORDS
            .words()
            .chain(super::super::HOLIDAY_LEADS.words())
            .collect();
        for line in include_str!("named_days.txt").lines() {
            let Some((forms, _)) = line.split_once('\t') else {
                continue;
            };
            let required = forms
                .split(' ')
                .filter(|word| !word.starts_with('['))
                .map(|word| word.split('[').next().unwrap_or(word))
                .map(|word| word.trim_start_matches('(').trim_end_matches(')'));
            let held = required
                .clone()
                .any(|word| word.split('|').all(|w| triggers.contains(&w)));
            assert!(held, "{forms}");
        }
    }
}
