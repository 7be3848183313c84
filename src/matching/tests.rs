//! Unit checks of the pieces a matching decision is made of.

use super::*;

fn fingerprint(text: &str, value_key: &str) -> Fingerprint {
    Fingerprint::new(text, value_key)
}

#[test]
fn stems_meet_across_inflections_and_names_are_marked() {
    let a = fingerprint("Envoys meeting in Seoul", "");
    let b = fingerprint("The envoy meets Seoul officials", "");
    let mut shared = Vec::new();
    for_shared(&a.stems, &b.stems, |x, _| shared.push(x.hash));
    let stem = |word: &str| text::hash(&stem_word(word));
    let mut expected = vec![stem("envoy"), stem("meet"), stem("seoul")];
    expected.sort_unstable();
    assert_eq!(shared, expected);
    let why = why(&a, "Envoys meeting in Seoul", &b, &|_| 1.0);
    assert_eq!(why.names, ["seoul"]);
    assert_eq!(
        why.words,
        ["envoys", "meeting"],
        "words as the claim writes them"
    );
    assert!(a.stems.iter().any(|s| s.hash == stem("seoul") && s.name));
    assert!(
        !a.stems.iter().any(|s| s.hash == stem("envoy") && s.name),
        "a sentence's first word is no name"
    );
}

#[test]
fn a_contradicting_figure_of_the_same_kind_and_unit_vetoes() {
    let troops = |n: &str| {
        fingerprint(
            "The United States has troops in South Korea",
            &format!("count:{n}:troop"),
        )
    };
    assert!(contradicting_figures(&troops("28500"), &troops("23500")));
    assert!(!contradicting_figures(&troops("28500"), &troops("28500")));
    // A figure or a date on one side only does not veto.
    let plain = fingerprint("The United States has troops in South Korea", "");
    assert!(!contradicting_figures(&troops("28500"), &plain));
    let dated = fingerprint("x", "count:28500:troop|date:2019-11-21:");
    assert!(!contradicting_figures(&dated, &troops("28500")));
    // Different units are different things.
    let ships = fingerprint("x", "count:12:ship");
    assert!(!contradicting_figures(&troops("28500"), &ships));
}

#[test]
fn value_keys_read_back_as_figures() {
    let figures = parse_figures("count:28500:troop|date:2019-11-20:|range:10~20:");
    assert_eq!(figures.len(), 3);
    assert_eq!(figures[0].unit.as_deref(), Some("troop"));
    assert_eq!(figures[1].unit, None);
    assert!(figures[0].is_distinctive() && figures[1].is_distinctive());
    assert!(parse_figures("").is_empty());
    // A decimal of two digits is distinctive ("4.5%"), a half or a year is not.
    let distinctive = |key: &str| parse_figures(key)[0].is_distinctive();
    assert!(distinctive("percent:4.5:") && distinctive("number:0.25:"));
    assert!(!distinctive("number:0.5:") && !distinctive("number:2019:"));
    assert!(!distinctive("count:42:peopl"));
}

#[test]
fn the_shipped_weights_parse_and_round_trip() {
    let model = MODEL.clone();
    assert_eq!(Model::parse(&model.to_text()), Some(model));
    assert_eq!(
        Model::parse("shared_words 1\nbias 0"),
        None,
        "missing weights are refused"
    );
}

#[test]
fn words_of_one_paraphrase_class_are_shared() {
    let a = fingerprint("Nine soldiers were killed near Kidal", "count:9:soldier");
    let b = fingerprint("Nine troops died near Kidal", "count:9:troop");
    let mut shared = 0;
    for_shared(&a.stems, &b.stems, |_, _| shared += 1);
    assert_eq!(shared, 4, "soldiers/troops, killed/died, near, Kidal");
    let why = why(&a, "Nine soldiers were killed near Kidal", &b, &|_| 1.0);
    assert_eq!(
        why.words,
        ["killed", "near", "soldiers"],
        "as the claim writes them"
    );
    // "Forces" has a second sense ("forced her to hide") and stays its own word.
    let forces = fingerprint("Government forces moved in", "");
    let troops = fingerprint("Government troops moved in", "");
    let mut shared = 0;
    for_shared(&forces.stems, &troops.stems, |_, _| shared += 1);
    assert_eq!(shared, 2, "government, moved");
}

#[test]
fn units_of_one_class_count_the_same_thing() {
    // A word class is a unit class: 28,500 troops against 23,500 soldiers is another figure.
    let troops = fingerprint("The United States has troops", "count:28500:troop");
    let soldiers = fingerprint("The United States has soldiers", "count:23500:soldier");
    assert!(contradicting_figures(&troops, &soldiers));
    // A total and its parts are not one unit: 239 people on board were 227 passengers and 12
    // crew, and the two claims must stay free to match.
    let people = fingerprint("The plane carried people", "count:239:peopl");
    let parts = fingerprint(
        "The jet carried passengers and crew",
        "count:227:passeng|count:12:crew",
    );
    assert!(!contradicting_figures(&people, &parts));
    assert!(!contradicting_figures(&parts, &people));
}

#[test]
fn wordnet_synonyms_count_only_words_the_other_claim_lacks() {
    let first = SynonymFilter {
        adjectives: true,
        senses: 1,
    };
    let a = fingerprint("The lawyer examined the witness", "");
    let b = fingerprint("An attorney examined the witness", "");
    let found = synonym_matches(&a.stems, &b.stems, first);
    let lawyer = text::hash(&stem_word("lawyer"));
    assert_eq!(
        found.len(),
        1,
        "shared words are not synonyms of each other"
    );
    assert_eq!(a.stems[found[0]].hash, lawyer);
    // "handling" and "treatment" meet only in their second and third senses.
    let a = fingerprint("Handling of the case", "");
    let b = fingerprint("Treatment of the case", "");
    assert!(synonym_matches(&a.stems, &b.stems, first).is_empty());
    let three = SynonymFilter { senses: 3, ..first };
    assert_eq!(synonym_matches(&a.stems, &b.stems, three).len(), 1);
}

#[test]
fn words_of_one_root_are_related_but_not_shared() {
    let a = fingerprint("The diagnosis followed his exposure to feathers", "");
    let b = fingerprint("He was diagnosed after being exposed to feathers", "");
    assert_eq!(
        related_words(&a, &b),
        2,
        "diagnosis/diagnosed, exposure/exposed"
    );
    assert_eq!(related_words(&b, &a), 2);
    // A word both claims have is shared, not related; short stems have no root.
    let c = fingerprint("The diagnosis followed feathers", "");
    assert_eq!(related_words(&a, &c), 0);
    assert_eq!(
        related_words(
            &fingerprint("Cats ran", ""),
            &fingerprint("Catalogues run", "")
        ),
        0
    );
}

#[test]
fn candidates_rank_by_the_weight_of_their_keys_then_newest_however_many_are_found() {
    let stage = CandidateStage {
        postings_read: 400,
        ..CandidateStage::SHIPPED
    };
    // Three hundred claims under a common key fill the table of ids found: 1299 is found
    // again after it, under a rare key.
    let many: Vec<i64> = (1000..1300).collect();
    let lists: Vec<(&[i64], f64)> = vec![
        (&[7, 9, 5], 1.0),
        (&many, 0.1),
        (&[9, 7, 1299], 2.0),
        (&[7, 3], 0.5),
    ];
    assert_eq!(stage.rank(lists), [7, 9, 1299, 5, 3, 1298]);
}
