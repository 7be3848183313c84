//! `claimtrack split`: the sentences the extractor sees, one a line or as JSON.

use std::io::{Read, Write};

use crate::cli::SplitArgs;
use crate::error::Result;
use crate::extract;
use crate::report::SplitJson;

use super::input::read_article;
use crate::report::escape::visible;

pub fn run(args: &SplitArgs, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<()> {
    let article = read_article(
        &args.file,
        stdin,
        super::input::parse_max_size(args.max_size.as_deref())?,
    )?;
    let sentences = extract::split(&article.text);
    if args.json {
        return super::write_json(
            out,
            &SplitJson {
                sentences: &sentences,
            },
        );
    }
    for sentence in &sentences {
        match sentence.boilerplate {
            Some(why) => writeln!(
                out,
                "{:>6}  [{why}] {}",
                sentence.start,
                visible(&sentence.text)
            )?,
            None => writeln!(out, "{:>6}  {}", sentence.start, visible(&sentence.text))?,
        }
    }
    Ok(())
}
