//! `claimtrack extract`: the extraction `add` would store, printed as JSON and stored nowhere.

use std::io::{Read, Write};

use crate::cli::ExtractArgs;
use crate::error::Result;
use crate::extract::{Context, extract};
use crate::report::ExtractJson;

use super::input::{parse_published, read_article};

pub fn run(args: &ExtractArgs, stdin: &mut dyn Read, out: &mut dyn Write) -> Result<()> {
    let reference_date = parse_published(args.published.as_deref())?;
    let article = read_article(
        &args.file,
        stdin,
        super::input::parse_max_size(args.max_size.as_deref())?,
    )?;
    let extraction = extract(&article.text, &Context { reference_date });
    super::write_json(out, &ExtractJson::new(&extraction, args.all))
}
