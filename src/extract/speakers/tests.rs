//! Speakers as a reader finds them, sentence by sentence, and the tokenizer's fast paths.

use super::tokens::*;
use super::words::*;
use super::*;

/// Speakers of each sentence of `text`, one sentence per line (blank lines split
/// paragraphs and are not sentences).
fn speakers_of(text: &str) -> Vec<Option<String>> {
    speakers_skipping(text, &[])
}

/// `speakers_of` with the sentences at the indices `skipped` marked as furniture.
fn speakers_skipping(text: &str, skipped: &[usize]) -> Vec<Option<String>> {
    let mut sentences = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if !trimmed.is_empty() {
            sentences.push(Sentence {
                start: offset,
                end: offset + trimmed.len(),
                text: trimmed.to_string(),
                boilerplate: None,
            });
        }
        offset += line.len();
    }
    let skip: Vec<bool> = (0..sentences.len()).map(|i| skipped.contains(&i)).collect();
    resolve(
        text,
        &sentences,
        &crate::extract::tokenize(text, &sentences),
        &skip,
    )
    .into_iter()
    .map(|s| s.speaker)
    .collect()
}

/// A quotation that goes on after furniture (an embedded tweet's signature, a label) is
/// still its speaker's: skynews_mourinho_tottenham, where "Club statement" and a tweet
/// signature stand between the statement's paragraphs. The signature gives the club's full
/// name, which the prose shortens.
#[test]
fn a_quotation_continues_past_furniture() {
    let text = "Tottenham said in a statement: \"Jose is one of the most accomplished managers.\n                    \"He is renowned for his tactical prowess.\n                    Club statement\n                    — Tottenham Hotspur (@SpursOfficial) November 20, 2019\n                    \"He has won a domestic title in a record four different countries.\"\n";
    let speakers = speakers_skipping(text, &[2, 3]);
    assert_eq!(
        speakers[4].as_deref(),
        Some("Tottenham Hotspur"),
        "{speakers:?}"
    );
}

/// The 16-byte load of `word_key_at` gives the key `word_key` gives, for every length
/// and case, near the end of the text (the fallback) and away from it.
#[test]
fn word_key_at_agrees_with_word_key() {
    let text = "Spokesman SAID the editor-in-chief, éclair; a x envoy-extraordinary. ";
    let padded = format!("{text}{}", " ".repeat(16));
    for haystack in [text, padded.as_str()] {
        let bytes = haystack.as_bytes();
        for start in 0..bytes.len() {
            for len in 0..=(bytes.len() - start).min(LONGEST_WORD + 2) {
                assert_eq!(
                    word_key_at(bytes, start, len),
                    word_key(&bytes[start..start + len]),
                    "{start} {len}"
                );
            }
        }
    }
}

/// The speaker words are the shared tokens joined as a reader reads a name: across a hyphen,
/// apostrophe, period or ampersand with a letter or digit after it, with the period of a
/// short form, without a possessive; a sentence cut inside a word does not cut the word.
#[test]
fn words_join_across_marks_and_keep_their_periods() {
    let text = "Mr. Kim's co-op AT&T U.S. said: “No,” 42 times; abcdefghijklmno \
                abcdefghijklmnop Zoë café's x.y e.g. don't Smith’s a-b & c. U.S.-based";
    let sentences = |cuts: &[usize]| {
        let mut bounds = vec![0];
        bounds.extend_from_slice(cuts);
        bounds.push(text.len());
        bounds
            .windows(2)
            .map(|w| crate::extract::Sentence {
                start: w[0],
                end: w[1],
                text: text[w[0]..w[1]].to_string(),
                boilerplate: None,
            })
            .collect::<Vec<_>>()
    };
    let cut_in_co_op = text.find("-op").unwrap();
    let cut_in_kims = text.find("im's").unwrap();
    for sentences in [sentences(&[]), sentences(&[cut_in_kims, cut_in_co_op])] {
        let shared = crate::extract::tokenize(text, &sentences);
        let mut tokens = Vec::new();
        tokenize(
            text,
            &sentences,
            &shared,
            &mut tokens,
            &mut Marks::default(),
        );
        let words: Vec<&str> = tokens
            .iter()
            .filter(|t| t.word)
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            words,
            [
                "Mr.",
                "Kim",
                "co-op",
                "AT&T",
                "U.S.",
                "said",
                "No",
                "42",
                "times",
                "abcdefghijklmno",
                "abcdefghijklmnop",
                "Zoë",
                "café",
                "x.y",
                "e.g.",
                "don't",
                "Smith",
                "a-b",
                "c",
                "U.S.",
                "based"
            ]
        );
    }
}

/// `lower_is` tries `to_lowercase` only for a `lower` with a "k": no char outside ASCII
/// lowercases to ASCII but the Kelvin sign.
#[test]
fn only_the_kelvin_sign_lowercases_into_ascii() {
    let into_ascii: Vec<char> = (0x80..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
        .collect();
    assert_eq!(into_ascii, ['\u{212A}']);
    assert!(lower_is("\u{212A}ing", "king") && lower_is("SAID.", "said"));
    assert!(!lower_is("saïd", "said") && !lower_is("sai", "said"));
}

/// `expected`: the speaker of the LAST sentence of `text`.
fn check(name: &str, text: &str, expected: Option<&str>) {
    let speakers = speakers_of(text);
    let last = speakers.last().cloned().flatten();
    assert_eq!(last.as_deref(), expected, "case {name}: {speakers:?}");
}

#[test]
fn speakers_are_resolved_to_full_names() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "direct quote, pronoun after: he is the person named just before",
            "South Korea’s nuclear envoy, Kim Gunn, opening the session, was emphatic.\n\
             “Our pursuit can only strengthen deterrence,” he said.",
            Some("Kim Gunn"),
        ),
        (
            "honorific and surname resolve to the full name given earlier",
            "The U.S. special envoy for North Korea, Sung Kim, met his counterparts.\n\
             At the opening of talks, Mr. Kim said bluntly, “We are preparing.”",
            Some("Sung Kim"),
        ),
        (
            "title resolves to the person introduced with it",
            "Defense Secretary Lloyd Austin met the delegation on Monday.\n\
             The talks lasted three hours.\n\
             The defense secretary said the talks were useful.",
            Some("Lloyd Austin"),
        ),
        (
            "inverted attribution with an appositive role",
            "“The breaking of that consensus is important,” said Avi Bell, senior fellow at the forum.",
            Some("Avi Bell"),
        ),
        (
            "inverted attribution after a vague noun phrase takes the name in the appositive",
            "He was in charge, said another witness in the probe, former White House adviser Fiona Hill.",
            Some("Fiona Hill"),
        ),
        (
            "titles before the name are not part of it",
            "Israeli Prime Minister Benjamin Netanyahu, however, said he was very moved.",
            Some("Benjamin Netanyahu"),
        ),
        (
            "lowercase role words before the name are not part of it",
            "“Russia failed to fulfil its cuts,” Commerzbank analyst Carsten Fritsch said.",
            Some("Carsten Fritsch"),
        ),
        (
            "a relative clause between subject and verb is skipped",
            "Derek Scissors is a scholar.\n\
             Scissors, who consults with administration officials, said a deal is near.",
            Some("Derek Scissors"),
        ),
        (
            "a name in apposition to a possessive phrase is the speaker",
            "Carlineo's attorney, Sonya Zoghlin, said in an email that he never intended harm.",
            Some("Sonya Zoghlin"),
        ),
        (
            "trailing attribution frames the sentence, not the reported speech inside it",
            "Timothy Morrison was there.\n\
             Afterward, Sondland said he had relayed the message, Morrison testified.",
            Some("Timothy Morrison"),
        ),
        (
            "a possessive name is not the antecedent of he",
            "Japan’s Takehiro Funakoshi said cooperation is important.\n\
             Mr. Biden’s visits, he said, “highlighted our mutual deterrence.”",
            Some("Takehiro Funakoshi"),
        ),
        (
            "coordinated subjects: the first one speaks",
            "The United Nations and European Union stressed the decision changed nothing.",
            Some("United Nations"),
        ),
        (
            "an acronym resolves to the name it abbreviates",
            "Customs and Border Protection did not accept the offer.\n\
             In August, CBP announced that it would not vaccinate families.",
            Some("Customs and Border Protection"),
        ),
        (
            "it resolves to the body that spoke last",
            "The decision was taken, the Swedish Prosecution Authority said.\n\
             “The evidence has weakened,” it added.",
            Some("Swedish Prosecution Authority"),
        ),
        (
            "the agency resolves to the body named before",
            "The Federal Aviation Administration grounded the planes.\n\
             The agency said the inspections would take a week.",
            Some("Federal Aviation Administration"),
        ),
        (
            "a definite plural refers to a group named with the same word",
            "The doctors, members of a group Doctors for Camp Closure, offered help.\n\
             The doctors said they have a network of volunteers.",
            Some("Doctors for Camp Closure"),
        ),
        (
            "according to a named body",
            "At least 106 protesters were killed, according to Amnesty International.",
            Some("Amnesty International"),
        ),
        (
            "an unattributed quotation continues the previous speaker",
            "Erekat said it was only the latest move.\n\
             “They wanted us on our knees.”",
            Some("Erekat"),
        ),
        (
            "she resolves to the woman named in the sentence before",
            "Eyamba Sowers didn’t know Patrick was coming.\n\
             She said she was impressed with his record.",
            Some("Eyamba Sowers"),
        ),
        (
            "unnamed generic sources are not speakers",
            "Analysts say it will further embolden the movement.",
            None,
        ),
        (
            "no speech verb, no speaker",
            "Oil prices fell sharply on Tuesday on oversupply concerns.",
            None,
        ),
        (
            "passive said is not an attribution",
            "The plan is said to cost a lot.",
            None,
        ),
        (
            "pleaded guilty is not speech",
            "A New York man pleaded guilty Monday to threatening a lawmaker.",
            None,
        ),
        (
            "his office is the office of the person last named",
            "Teachers didn’t see Gov. Eric Holcomb at the Statehouse on Tuesday.\n\
             His office said he was keeping long-standing plans.",
            Some("Office of Eric Holcomb"),
        ),
        (
            "a title with an object before the name: the name is the last two words",
            "Secretary of State Antony Blinken met his counterpart on Friday.\n\
             “We will not back down,” Blinken told reporters.",
            Some("Antony Blinken"),
        ),
        (
            "the ministry is not the university named last",
            "“It is a disaster,” said Peter Novak, a professor at Charles University.\n\
             The ministry said in a statement that 1,200 soldiers had been deployed.",
            None,
        ),
        (
            "whoever follows told is the one told, not the speaker",
            "Ms. Jane Doe, 54, a nurse in Leeds, told Reuters she had not been tested.",
            Some("Jane Doe"),
        ),
        (
            "writing checks is not speaking",
            "Linda Marsh, 61, pleaded guilty in June.\n\
             According to court documents, Marsh wrote 214 checks to herself.",
            None,
        ),
        (
            "writing in a letter is",
            "Linda Marsh, 61, pleaded guilty in June.\n\
             Marsh wrote in a letter that she was sorry.",
            Some("Linda Marsh"),
        ),
        (
            "a country's body keeps the country in its name",
            "The quake struck on Saturday, the U.S. Geological Survey said.",
            Some("U.S. Geological Survey"),
        ),
        (
            "and inside a body's name",
            "More than 40% of adults are obese, according to the Centers for Disease \
             Control and Prevention.",
            Some("Centers for Disease Control and Prevention"),
        ),
        (
            "and before a body's word",
            "The Food and Drug Administration said the drug was safe.",
            Some("Food and Drug Administration"),
        ),
        (
            "and inside a department's name",
            "The Department of Health and Human Services said it would appeal.",
            Some("Department of Health and Human Services"),
        ),
        (
            "and between two people",
            "Board members Greg Patel and Susan Wu voted no, saying the plan cost too much.",
            Some("Greg Patel"),
        ),
        (
            "a thing's acronym is no body that speaks",
            "Nvidia forecast revenue above estimates.\n\
             Data center revenue, which includes its AI processors, rose.\n\
             The company said it returned $37 billion to shareholders.",
            None,
        ),
        (
            "a body's acronym still is one",
            "The FBI opened an inquiry on Monday.\n\
             The agency said the inquiry would take months.",
            Some("Federal Bureau of Investigation"),
        ),
        (
            "the agency is the agency named last",
            "The Environmental Protection Agency issued a rule on Monday.\n\
             The agency said the rule would save lives.",
            Some("Environmental Protection Agency"),
        ),
    ];
    for (name, text, expected) in cases {
        check(name, text, *expected);
    }
}

/// Attribution beyond "said", and a person told from a place or a workplace: each rule
/// with the examples it was written for.
#[test]
fn attribution_rules_carry_their_examples() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "person of the body: the person, not where they work",
            "Dr. Maria Lopez of the State Health Department says the risk remains.",
            Some("Maria Lopez"),
        ),
        (
            "inverted reporting verb takes the name after it",
            "The reporter Anna Berg covered the story.\n\
             Two hospitals were closed, reports Berg of the Times.",
            Some("Anna Berg"),
        ),
        (
            "an inverted subject ends at the first word that is no title",
            "“We are cooperating,” said Acme Corp. spokesperson Jane Doe in an email reviewed by Reuters.",
            Some("Jane Doe"),
        ),
        (
            "according to a phrase resolves through the titles given before",
            "Wells Fargo analyst Tom Reed rates the stock a buy.\n\
             Shares could gain 20%, according to the analyst.",
            Some("Tom Reed"),
        ),
        (
            "according to data from a named source",
            "The bond fell 3% on Monday, according to data from MarketAxess.",
            Some("MarketAxess"),
        ),
        (
            "a document speaks for whoever issued it",
            "Two soldiers were killed, the Army said in a statement.\n\
             “The cause is under investigation,” the statement said.",
            Some("Army"),
        ),
        (
            "a place does not speak: its officials do",
            "Officials in Sydney announced new limits on Monday.",
            Some("Officials"),
        ),
        (
            "a place's officials are not the place",
            "Beijing officials admitted that cases had been hidden.",
            Some("Beijing officials"),
        ),
        (
            "a name written family name first is referred back to by its first word",
            "Health official Li Jifeng spoke to reporters.\n\
             Li explained that cases must be verified.",
            Some("Li Jifeng"),
        ),
        (
            "a plural noun is not a speech verb",
            "Local news reports put the toll at 12.",
            None,
        ),
        // "..., said NAME, appositive.": the name after the verb, not the clause's opening
        // phrase (usatoday_epstein, deccanherald_us_china, reuters_global_markets).
        (
            "a name after the verb is the speaker, over a possessive opening",
            "At the time of Epstein's suicide, there were more than 30 staff vacancies at the facility, said Serene Gregg, local president of the prison workers' union.",
            Some("Serene Gregg"),
        ),
        (
            "a name after the verb is the speaker, over a quoted title",
            "\"The president wants a bigger deal. Bigger than just the little deal\" announced in October, said Derek Scissors, a China scholar with the American Enterprise Institute.",
            Some("Derek Scissors"),
        ),
        (
            "a name after the verb is the speaker, over the clause's subject",
            "If the data lowered expectations, the greenback may be in for some weakness, said Juan Perez, senior foreign exchange trader at Tempus.",
            Some("Juan Perez"),
        ),
        // "The group, NAME, ...": the appositive names the body; "the group said" is then
        // the body that spoke last, not one it spoke about (therealdeal_wework ×3, and
        // msn_migrant_flu_vaccines' "CBP announced ... the agency said").
        (
            "a body named in apposition to the opening phrase speaks",
            "The group, WeWorkers Coalition, sent a letter to management stating that they want respect.",
            Some("WeWorkers Coalition"),
        ),
        (
            "the group is the body that spoke, not the one it spoke about",
            "The group, WeWorkers Coalition, sent a letter to management stating that they want respect.\n\
             The group announced that WeWork had reached an agreement with JLL to accept 1,000 workers.\n\
             The group said on Twitter that the contract has confused employees.",
            Some("WeWorkers Coalition"),
        ),
        (
            "the group added, after the group spoke about another body",
            "The group, WeWorkers Coalition, sent a letter to management stating that they want respect.\n\
             The group announced that WeWork had reached an agreement with JLL to accept 1,000 workers.\n\
             In a separate tweet, the group added that WeWork is not keeping its promise.",
            Some("WeWorkers Coalition"),
        ),
        (
            "the agency is the body that spoke just before",
            "In August, the Acme Agency announced that it would not vaccinate families.\n\
             At the time, the agency said in a statement that stays were short.",
            Some("Acme Agency"),
        ),
        // A single name given with a title ("Prince Andrew", "President Trump", "Queen
        // Elizabeth" in washingtonexaminer_prince_andrew_opinion) is a person's, so that the
        // bare name later makes that person the one "he" means.
        // A speech participle after "be" is the verb (msn_migrant_flu_vaccines,
        // timesunion_pge_power_shutoff, cbsdetroit_eee_sixth_fatality).
        (
            "a progressive speech verb takes the subject before the form of be",
            "The California Public Utilities Commission opened an inquiry.\n\
             Meanwhile, California’s utilities regulators are demanding answers from wireless providers.",
            Some("California Public Utilities Commission"),
        ),
        (
            "a progressive speech verb after an aside between commas",
            "Doctors for Camp Closure wrote to the agency on Monday.\n\
             A group of physicians, alarmed by the deaths, is urging the Department of Homeland Security to act.",
            Some("Doctors for Camp Closure"),
        ),
        (
            "points out is said as pointed out is",
            "Wells Fargo analyst Zachary Fadem points out two more reasons not to fret.",
            Some("Zachary Fadem"),
        ),
        (
            "writes with an object after a quotation is inverted, not writing a thing",
            "China \u{201c}vastly improved its detection of diseases,\u{201d} writes the Associated Press.",
            Some("Associated Press"),
        ),
        (
            "a capitalised word opening the sentence is no body's name",
            "The trial opened in March.\n\
             Defense attorneys said the evidence was thin.",
            None,
        ),
        (
            "a sentence's opening phrase ends at its verb",
            "The minister met union leaders on Monday, saying the plan would go ahead.",
            None,
        ),
        (
            "they is the plural speaker just before",
            "Using weed occasionally is not thought to cause problems, the authors said.\n\
             But heavy use is linked to lower attainment, they wrote.",
            Some("the authors"),
        ),
        (
            "an auxiliary ends the phrase a sentence opens with",
            "The Pentagon confirmed the crash on Monday.\n\
             It did not reveal the location and said it was withholding the names.",
            Some("Pentagon"),
        ),
        (
            "a function word in capitals is an acronym",
            "The World Health Organization (WHO) tracks the disease.\n\
             According to WHO, there were 3,248 cases between 2010 and 2015.",
            Some("World Health Organization"),
        ),
        (
            "per names a source",
            "Plague is often found in small mammals, per the WHO, and in their fleas.",
            Some("World Health Organization"),
        ),
        (
            "per before a common noun names none",
            "Shares rose 5 per cent, and earnings per share doubled.",
            None,
        ),
        (
            "an appositive the verb closes without a comma",
            "\u{201c}The wind changed,\u{201d} Kurinji Selvaraj, a research analyst at the Council on Energy, Environment and Water think tank told CBS News.",
            Some("Kurinji Selvaraj"),
        ),
        (
            "a name that does not open its clause is not the subject",
            "Xi will sign the deal with Trump, a second person briefed on the call said.",
            None,
        ),
        (
            "an inverted subject ends at a participle",
            "Doctors for Camp Closure wrote to the agency, the group said.\n\
             \u{201c}This is an emergency,\u{201d} says the letter signed by seven physicians.",
            Some("Doctors for Camp Closure"),
        ),
        (
            "confessed attributes",
            "Michael Webb was arrested on Monday.\n\
             In an interview with the FBI, Webb confessed to the kidnapping.",
            Some("Michael Webb"),
        ),
        (
            "an age describes the person the text is about, named as an owner",
            "Jose Mourinho has agreed a deal to replace Mauricio Pochettino as manager.\n\
             Pochettino was sacked last night after five years in charge.\n\
             Talks between the club and Mourinho's representatives went on into Tuesday night.\n\
             The 56-year-old said after his appointment: \"I am excited.\"",
            Some("Jose Mourinho"),
        ),
        (
            "describe as attributes",
            "Delhi's Chief Minister Arvind Kejriwal turned to Twitter to describe his city as a gas chamber.",
            Some("Arvind Kejriwal"),
        ),
        (
            "a titled single name makes the bare name a person for a later pronoun",
            "The real Prince Andrew was busy distancing himself from a royal drama.\n\
             In an interview, BBC’s Emily Maitlis did an excellent job pressing Andrew.\n\
             Andrew doesn’t remember any of it, but he definitely remembers going to get pizza.\n\
             \"Going to Pizza Express in Woking is an unusual thing for me to do,\" he said.",
            Some("Andrew"),
        ),
        // smithsonian_plague_china ("officials say the risk ... is low", "Officials have
        // warned"), cbsnews_fort_worth_kidnapping_rescue ("officers announced on their radios").
        (
            "people who speak for an unnamed body are logged as written",
            "The risk of an outbreak is low, health officials say.",
            Some("health officials"),
        ),
        (
            "people who speak for an unnamed body, opening the sentence",
            "Officials have warned people to stay away from infected areas.",
            Some("Officials"),
        ),
        (
            "officers of an unnamed force, after their words",
            "“We got her!” police officers announced on their radios.",
            Some("police officers"),
        ),
        // venturebeat_wework_ag_investigation ("said a WeWork spokesperson"),
        // rt_bolivia_morales_supporters ("An Associated Press journalist in the area also
        // reported", "A doctor on the scene told Ruptly").
        (
            "an unnamed holder of a role, after an inverted verb",
            "“We are cooperating,” said a WeWork spokesperson when contacted by Reuters.",
            Some("WeWork spokesperson"),
        ),
        (
            "an unnamed holder of a role, opening the sentence",
            "An Associated Press journalist in the area also reported hearing gunfire.",
            Some("Associated Press journalist"),
        ),
        (
            "an unnamed holder of a role, with no name",
            "A doctor on the scene told Ruptly that he tried to save him.",
            Some("doctor"),
        ),
        // smithsonian_plague_china: the commenter said it, Feng reported it.
        (
            "an unnamed holder of a role, counted, before the reporter's source",
            "Emily Feng reports for NPR.\n\
             “Don't hide things like this,” one Weibo commenter said, per Feng.",
            Some("Weibo commenter"),
        ),
        // smithsonian_plague_china ("per the WHO", "According to WHO"),
        // cbsnews_fort_worth_kidnapping_rescue ("the FBI").
        (
            "a body known by its acronym the world over, by its full name",
            "According to WHO, there were 3,248 cases reported worldwide.",
            Some("World Health Organization"),
        ),
        (
            "the article's own definition of an acronym comes first",
            "The Women's Health Office (WHO) opened a clinic.\n\
             According to WHO, there were 3,248 cases.",
            Some("Women's Health Office"),
        ),
        (
            "an indefinite phrase of no role is no one",
            "A report on the scene said that he tried to save him.",
            None,
        ),
        // skynews_mourinho_tottenham ("has agreed a deal to replace"),
        // venturebeat_wework_ag_investigation ("agreed to a rescue", "agreed to inject").
        (
            "agreeing to a deal is an act, not words",
            "SoftBank agreed to inject $6.5 billion in debt and equity into WeWork.",
            None,
        ),
        (
            "agreeing a deal is an act, not words",
            "Jose Mourinho has agreed a deal to replace Mauricio Pochettino.",
            None,
        ),
        (
            "agreeing that something is so attributes it",
            "Jose Mourinho agreed that the squad was strong enough.",
            Some("Jose Mourinho"),
        ),
        (
            "outside commentators are no one's speaker",
            "Prices will rise again next year, analysts say.",
            None,
        ),
        (
            "a titled single name after another person is named",
            "President Trump spoke at the rally.\n\
             Reporters asked Senator Ben Sasse about the plan.\n\
             Trump repeated his claim later, and he said the economy had grown 3%.",
            Some("Trump"),
        ),
    ];
    for (name, text, expected) in cases {
        check(name, text, *expected);
    }
}

#[test]
fn multi_sentence_quotation_takes_the_speaker_where_it_closes() {
    let text = "“The illegality was stated as a fact.\n\
                The breaking of that consensus is important,” said Avi Bell.";
    let speakers = speakers_of(text);
    assert_eq!(
        speakers,
        vec![Some("Avi Bell".to_string()), Some("Avi Bell".to_string())]
    );
}

#[test]
fn boilerplate_names_are_not_registered() {
    let text = "Kim Hong-Ji/pool via AP\nMr. Kim said the talks went well.";
    let sentences = vec![
        Sentence {
            start: 0,
            end: 23,
            text: String::new(),
            boilerplate: Some(crate::extract::clean::Furniture::PhotoCredit),
        },
        Sentence {
            start: 24,
            end: text.len(),
            text: String::new(),
            boilerplate: None,
        },
    ];
    let result = resolve(
        text,
        &sentences,
        &crate::extract::tokenize(text, &sentences),
        &[true, false],
    );
    assert_eq!(result[0].speaker, None);
    assert_eq!(result[1].speaker.as_deref(), Some("Kim"));
}

#[test]
fn messy_text_never_panics() {
    for text in [
        "",
        "“",
        "”\"“",
        "Mr.",
        "said",
        ", said",
        "He said.",
        "’s",
        "é said Ü",
    ] {
        let sentences = vec![Sentence {
            start: 0,
            end: text.len(),
            text: text.to_string(),
            boilerplate: None,
        }];
        let _ = resolve(
            text,
            &sentences,
            &crate::extract::tokenize(text, &sentences),
            &[false],
        );
    }
}

/// The packed word keys lowercase like `to_ascii_lowercase`, whatever the case.
#[test]
fn word_keys_ignore_case_only() {
    for byte in 0u8..0x80 {
        let packed = lowercase_ascii_bytes(u64::from_le_bytes([byte; 8]));
        assert_eq!(
            packed,
            u64::from_le_bytes([byte.to_ascii_lowercase(); 8]),
            "{byte}"
        );
    }
    // name, word, the class bits it must have (0: none).
    let cases: &[(&str, &str, Class)] = &[
        ("lowercase", "said", SPEECH),
        ("capitalised", "Said", SPEECH),
        ("shouting", "SAID", SPEECH),
        ("abbreviation with its period", "Gov.", TITLE),
        ("longest table word", "Editor-in-Chief", TITLE),
        ("longer than any table word", "editor-in-chiefs", 0),
        ("non-ASCII", "saïd", 0),
        ("empty", "", 0),
    ];
    for (name, word, class) in cases {
        let got = classify(word);
        if *class == 0 {
            assert_eq!(got, 0, "{name}");
        } else {
            assert!(got & class != 0, "{name}: {got}");
        }
    }
}

/// The candidates the model chooses among: for a quotation attributed to "Mr. Kim", the full
/// name the article gave, marked as the rules' choice and as the subject; for "analysts said",
/// the source as written, which the rules leave unnamed.
#[test]
fn candidates_carry_the_rules_choice_and_the_source_as_written() {
    let text = "Sung Kim, the U.S. special envoy for North Korea, arrived in Seoul on Friday.\n\n\
                “We will respond as one,” Mr. Kim said.\n\n\
                Prices will rise next year, analysts said.";
    let sentences = crate::extract::split(text);
    let skip = vec![false; sentences.len()];
    let found = super::training_candidates(text, &sentences, &skip);
    let quote = &found[1];
    let kim = quote.iter().find(|c| c.name == "Sung Kim").unwrap();
    for feature in [
        "source rules_choice",
        "source first_subject",
        "sentence has_quote",
    ] {
        assert!(
            kim.features & super::choice::bit(feature) != 0,
            "{feature}: {quote:?}"
        );
    }
    let analysts = found[2].iter().find(|c| c.name == "analysts").unwrap();
    assert!(analysts.features & super::choice::bit("source phrase_as_written") != 0);
    assert!(analysts.features & super::choice::bit("source rules_choice") == 0);
    let speech = super::resolve(
        text,
        &sentences,
        &crate::extract::tokenize(text, &sentences),
        &skip,
    );
    assert_eq!(speech[1].speaker.as_deref(), Some("Sung Kim"));
}

/// The gazetteers: a place speaks for no one, however many words its name has, and an adverb
/// that opens a sentence is no name unless it is a given name or the article's name for
/// someone.
#[test]
fn places_and_opening_adverbs_are_no_speakers() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "a city of two words",
            "Hong Kong said it would cut rates.",
            None,
        ),
        (
            "a country after a place cue",
            "New Zealand said 50 people died.",
            None,
        ),
        (
            "an opening adverb",
            "Shortly before, Webb said he left.",
            Some("Webb"),
        ),
        (
            "an adverb before a share",
            "Roughly a third of firms said they cut jobs.",
            None,
        ),
        (
            "a given name in -ly",
            "Kelly said the plan would cost $5 million.",
            Some("Kelly"),
        ),
        (
            "a surname in -ly named before",
            "Ann Daly runs the clinic.\nDaly said the plan would cost $5 million.",
            Some("Ann Daly"),
        ),
    ];
    for (name, text, expected) in cases {
        check(name, text, *expected);
    }
}

/// The gazetteer's filter never hides a word of its lists, in any case ("Bogotá", "KENYA").
#[test]
fn every_gazetteer_word_is_found() {
    use crate::extract::lexicon;
    for (list, class) in [
        (&lexicon::PLACES, GAZETTEER_PLACE),
        (&lexicon::GIVEN_NAMES, GIVEN_NAME),
        (
            &lexicon::GIVEN_NAMES_AND_PLACES,
            GAZETTEER_PLACE | GIVEN_NAME,
        ),
    ] {
        for word in list.words() {
            let forms = [
                word.to_string(),
                lexicon::capitalised(word),
                word.to_uppercase(),
            ];
            // ("ADIYAMAN" lowercases to another word than "adıyaman".)
            for form in forms.into_iter().filter(|f| f.to_lowercase() == word) {
                assert_eq!(gazetteer(&form), class, "{} {form}", list.name);
            }
        }
    }
    assert_eq!(gazetteer("Netanyahu"), 0);
}
