//! Build `src/matching/synonyms.txt`, matching's synonym groups, from WordNet 3.0.
//!
//! `cargo run --release --example wordnet_synonyms -- /usr/share/wordnet > src/matching/synonyms.txt`
//!
//! The directory is WordNet's dictionary (Debian's `wordnet-base`: `index.noun`, `index.verb`,
//! `index.adj`). Only the index files are read: a lemma's line lists its synsets by sense
//! number, the most frequent sense first. A single-word lemma joins a synset when the synset is
//! its first sense, or its second or third sense tagged in WordNet's sense-tagged corpus (a
//! frequent sense, not a dictionary rarity); lemmas are reduced to matching's Snowball stems.
//! A synset becomes a group when two or more distinct stems are left. Each member carries its
//! sense number (`stem` for the first, `stem/2`, `stem/3`), so that `matching` can read only
//! first senses. Deterministic: groups in WordNet's order (part of speech, then offset).

use std::collections::BTreeMap;
use std::path::Path;

use claimtrack::matching::stem_word;

/// Senses of a lemma kept at most.
const SENSES: usize = 3;

const HEADER: &str = "\
# Synonym groups of claim matching, one WordNet 3.0 synset a line: part of speech (n, v, a), then
# the Snowball stems of its single-word lemmas, each with its sense number when not the first
# (`/2`, `/3`). Written by `cargo run --release --example wordnet_synonyms -- DIR` from the
# index files of WordNet 3.0 (Debian's wordnet-base); do not edit by hand.
#
# WordNet 3.0 Copyright 2006 by Princeton University.  All rights reserved.
#
# THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO
# REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED.  BY WAY OF EXAMPLE, BUT NOT LIMITATION,
# PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES OF MERCHANTABILITY OR FITNESS FOR
# ANY PARTICULAR PURPOSE OR THAT THE USE OF THE LICENSED SOFTWARE, DATABASE OR DOCUMENTATION
# WILL NOT INFRINGE ANY THIRD PARTY PATENTS, COPYRIGHTS, TRADEMARKS OR OTHER RIGHTS.
#
# The name of Princeton University or Princeton may not be used in advertising or publicity
# pertaining to distribution of the software and/or database.  Title to copyright in this
# software, database and any associated documentation shall at all times remain with Princeton
# University and LICENSEE agrees to preserve same.
";

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: wordnet_synonyms WORDNET_DIR");
        std::process::exit(2);
    };
    print!("{HEADER}");
    for (pos, file) in [("n", "index.noun"), ("v", "index.verb"), ("a", "index.adj")] {
        let text = std::fs::read_to_string(Path::new(&dir).join(file)).expect("a WordNet index");
        for members in groups(&text).values() {
            if members.len() >= 2 {
                let words: Vec<String> = members
                    .iter()
                    .map(|(stem, sense)| match sense {
                        1 => stem.clone(),
                        n => format!("{stem}/{n}"),
                    })
                    .collect();
                println!("{pos} {}", words.join(" "));
            }
        }
    }
}

/// Synset offset to its members' stems, each with its best (lowest) sense number.
fn groups(index: &str) -> BTreeMap<u64, BTreeMap<String, usize>> {
    let mut groups: BTreeMap<u64, BTreeMap<String, usize>> = BTreeMap::new();
    for line in index.lines().filter(|l| !l.starts_with(' ')) {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let lemma = fields[0];
        if !lemma.chars().all(|c| c.is_ascii_lowercase()) || lemma.len() < 3 {
            continue;
        }
        // lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt offsets...
        let pointers: usize = fields[3].parse().expect("p_cnt");
        let tagged: usize = fields[5 + pointers].parse().expect("tagsense_cnt");
        let offsets = &fields[6 + pointers..];
        let stem = stem_word(lemma);
        for (i, offset) in offsets.iter().enumerate().take(SENSES) {
            let sense = i + 1;
            if sense > 1 && sense > tagged {
                break;
            }
            let members = groups.entry(offset.parse().expect("offset")).or_default();
            let best = members.entry(stem.clone()).or_insert(sense);
            *best = (*best).min(sense);
        }
    }
    groups
}
